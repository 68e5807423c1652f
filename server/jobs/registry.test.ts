import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob } from './outbox';
import { JOBS, jobsByKind } from './registry';

const serverDir = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('job registry', () => {
  it('lists every job defined in the server code', async () => {
    const defined: string[] = [];
    for (const file of sourceFiles(serverDir).filter((f) => readFileSync(f, 'utf8').includes('= defineJob('))) {
      const module = (await import(file)) as Record<string, unknown>;
      for (const value of Object.values(module)) {
        if (value && typeof value === 'object' && 'kind' in value && 'handler' in value && 'schema' in value)
          defined.push(String(value.kind));
      }
    }
    expect(defined.length).toBeGreaterThanOrEqual(12);
    expect(JOBS.map((j) => j.kind).sort()).toEqual([...new Set(defined)].sort());
  }, 120_000);

  it('refuses two jobs of one kind', () => {
    const job = defineJob({ kind: 'x', schema: z.object({}), maxAttempts: 1, handler: async () => {} });
    expect(() => jobsByKind([job, job])).toThrow(/дважды/);
  });
});
