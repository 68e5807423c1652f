import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The CLI contract on a fresh embedded data folder: `otklik import` then `otklik report monthly`.
const BIN = fileURLToPath(new URL('../../../bin/otklik.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'otklik-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function otklik(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, OTKLIK_DATA_DIR: join(dir, 'data') };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 240_000 }, (error, out, err) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out, err });
    });
  });
}

const message = (id: string, createdAt: string, organisation: string, answeredAt?: string) =>
  JSON.stringify({
    externalId: id,
    channel: 'portal',
    text: `Не убирают снег во дворе дома ${id}`,
    createdAt,
    organisation,
    history: answeredAt
      ? [{ type: 'answer', at: answeredAt, kind: 'final', by: organisation, body: 'Снег убран.' }]
      : [],
  });

describe('otklik report monthly', () => {
  it('writes the month’s report after an import, and refuses a bad month in Russian', async () => {
    const file = join(dir, 'messages.jsonl');
    writeFileSync(
      file,
      [
        message('1', '2020-11-20T10:00:00', 'Администрация Кировского района', '2020-11-21T10:00:00'),
        message('2', '2020-12-02T10:00:00', 'Администрация Кировского района', '2020-12-03T10:00:00'),
        message('3', '2020-12-05T10:00:00', 'Администрация Кировского района'),
        message('4', '2020-12-10T10:00:00', 'Жилищное агентство Невского района', '2020-12-11T10:00:00'),
      ].join('\n'),
    );
    expect((await otklik('import', file)).code).toBe(0);

    const out = join(dir, 'r.pdf');
    const res = await otklik('report', 'monthly', '--month', '2020-12', '--format', 'pdf', '--out', out);
    expect(res.code, res.err).toBe(0);
    expect(res.out).toMatch(
      /^Доклад за декабрь 2020 года \(черновик, PDF, \d+ байт\) → .*r\.pdf\nSHA-256: [0-9a-f]{64}\n$/,
    );
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');

    const bad = await otklik('report', 'monthly', '--month', '12.2020', '--format', 'pdf', '--out', out);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('Месяц «12.2020»: ожидается ГГГГ-ММ');
    const format = await otklik('report', 'monthly', '--month', '2020-12', '--format', 'odt', '--out', out);
    expect(format.code).toBe(1);
    expect(format.err).toContain('Формат «odt»: ожидается pdf, docx, xlsx');
  }, 900_000);
});
