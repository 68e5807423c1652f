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
    const isJob = (value: unknown): value is { kind: string } =>
      !!value && typeof value === 'object' && 'kind' in value && 'handler' in value && 'schema' in value;
    const defines = (f: string): boolean => /= define(Daily)?Job\(/.test(readFileSync(f, 'utf8'));
    for (const file of sourceFiles(serverDir).filter(defines)) {
      const module = (await import(file)) as Record<string, unknown>;
      for (const value of Object.values(module)) {
        if (isJob(value)) defined.push(value.kind);
        // a daily job (jobs/daily-job.ts) carries its job
        else if (value && typeof value === 'object' && 'job' in value && isJob(value.job)) defined.push(value.job.kind);
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
