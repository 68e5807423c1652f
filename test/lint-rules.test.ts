import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint step catches what review used to: a deep import into another feature's internals, a layer importing
// upwards, and a promise nobody awaits. Each fixture is linted as if it were a file at the given path.
const root = path.resolve(import.meta.dirname, '..');
// The fixtures are not files on disk, so the type-aware rules check them in a default project with the
// repository's compiler options.
const FIXTURES = ['server/features/cases/lint-fixture.ts', 'shared/cases/lint-fixture.ts', 'web/src/lint-fixture.ts'];
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: FIXTURES, defaultProject: 'tsconfig.json' } },
    },
  },
});

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lint rules', () => {
  it('reports a cross-feature import into internals and a floating promise', async () => {
    const code = [
      "import type { Db } from '../../db/database';",
      "import { findThreadCase } from '../email/email.repository';",
      'export function remind(db: Db): void {',
      "  findThreadCase(db, ['<a@b>']);",
      '}',
      '',
    ].join('\n');
    const ids = await ruleIds('server/features/cases/lint-fixture.ts', code);
    expect(ids).toContain('otklik/boundaries');
    expect(ids).toContain('@typescript-eslint/no-floating-promises');
  }, 120_000);

  it('accepts an import of a public module and an awaited promise', async () => {
    const code = [
      "import { findMunicipality } from '../places/find-municipality';",
      'export async function where(text: string): Promise<unknown> {',
      '  await Promise.resolve();',
      '  return findMunicipality;',
      '}',
      '',
    ].join('\n');
    const ids = await ruleIds('server/features/cases/lint-fixture.ts', code);
    expect(ids.filter((id) => id !== '@typescript-eslint/no-unused-vars')).toEqual([]);
  }, 120_000);

  it('keeps shared/ free of server and web, and web free of server', async () => {
    expect(
      await ruleIds('shared/cases/lint-fixture.ts', "export { AppError } from '../../server/lib/errors';\n"),
    ).toContain('otklik/boundaries');
    expect(await ruleIds('web/src/lint-fixture.ts', "export { AppError } from '../../server/lib/errors';\n")).toContain(
      'otklik/boundaries',
    );
  }, 120_000);
});
