// `otklik import` of a file with bad records: the good ones are imported, every bad one is named by its line in
// Russian (a wrong `history[].type` lists the allowed values, broken JSON gives its position), the summary is the
// last line, in Russian, and the command exits 2 — also when it runs through the server that holds the data folder,
// and also when the records are checked in the import's worker threads.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../features/import-export/import-file';
import { describeJsonError } from '../features/import-export/prepare-messages';
import { buildApp } from '../http/app';
import { rootContext, SYSTEM_ACTOR } from '../lib/context';
import { createTestAnalyzer } from '../test/test-analyzer';
import { createTestServices, type TestServices } from '../test/test-services';
import { acquireLock, type HeldLock } from './data-lock';
import { EXIT_IMPORT_FAILED_RECORDS } from './exit-codes';
import { OPERATIONS } from './operations';

const BIN = fileURLToPath(new URL('../../bin/otklik.mjs', import.meta.url));
const TEST_ANALYZER_MODULE = new URL('../test/test-analyzer.ts', import.meta.url).href;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-import-exit-'));
let services: TestServices;
let app: FastifyInstance;
let lock: HeldLock;

beforeAll(async () => {
  services = await createTestServices({ analyzer: createTestAnalyzer() });
  // a server holding an embedded data folder: `otklik import` on that folder runs through it
  lock = acquireLock(path.join(dir, 'data'), { kind: 'server' });
  app = await buildApp(services, { internalSecret: lock.secret });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  lock.update({ port: typeof address === 'object' && address ? address.port : 0 });
});
afterAll(async () => {
  lock.release();
  await app.close();
  await services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const record = (id: string, extra: object = {}) =>
  JSON.stringify({
    externalId: id,
    channel: 'portal',
    text: `Яма на дороге в Угличе, ${id}`,
    createdAt: '2026-10-01T10:00:00',
    ...extra,
  });
/** Lines 1 and 4 are good; 2 has an unknown history type, 3 is broken JSON, 5 an unknown channel. */
function badFile(prefix: string): string {
  const file = path.join(dir, `${prefix}.jsonl`);
  fs.writeFileSync(
    file,
    [
      record(`${prefix}-1`),
      record(`${prefix}-2`, { history: [{ type: 'comment', at: '2026-10-01T11:00:00' }] }),
      `{"externalId": "${prefix}-3", channel: "portal"}`,
      record(`${prefix}-4`),
      record(`${prefix}-5`, { channel: 'fax' }),
      '',
    ].join('\n'),
  );
  return file;
}
const HISTORY_TYPE =
  /строка 2: history\.0\.type: Неверный вариант: ожидалось одно из "status"\|"answer"\|"rating"\|"reassign"\|"reopen"/;
const BROKEN_JSON = /строка 3: некорректный JSON в позиции 2\d \(столбец 2\d\): ожидалось имя поля в двойных кавычках/;

function otklik(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OTKLIK_DATA_DIR: path.join(dir, 'data'),
    OTKLIK_CLI_FROM_SOURCE: '1',
  };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 300_000 }, (error, out, err) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out, err });
    });
  });
}

describe('otklik import with bad records', () => {
  it('names each bad line in Russian, ends with the Russian summary and asks for a non-zero exit code', async () => {
    const codes: number[] = [];
    const lines = await OPERATIONS.import!.run(
      services,
      { file: badFile('op') },
      { exitCode: (code) => codes.push(code) },
    );
    const text = lines.join('\n');
    expect(text).toMatch(HISTORY_TYPE);
    expect(text).toMatch(BROKEN_JSON);
    expect(text).toMatch(/строка 5: channel: Неверный вариант: ожидалось одно из "portal"\|/);
    expect(text).not.toMatch(/[A-Za-z]{3,} [a-z]{3,} [a-z]{3,}/); // no English sentence
    expect(lines.at(-1)).toBe('imported 2, unchanged 0, failed 3');
    expect(codes).toEqual([EXIT_IMPORT_FAILED_RECORDS]);
  });

  it('says the same when the worker threads check the records', async () => {
    const threadFactory = { module: TEST_ANALYZER_MODULE, name: 'createTestAnalyzer' };
    const threaded = { ...services, analyzer: { ...createTestAnalyzer(), threadFactory } };
    const lines = await importFile(rootContext(threaded, SYSTEM_ACTOR), {
      file: badFile('threads'),
      workers: 2,
      batchSize: 2,
      waitForWorkers: true,
    });
    expect(lines.join('\n')).toMatch(HISTORY_TYPE);
    expect(lines.join('\n')).toMatch(BROKEN_JSON);
    expect(lines.at(-1)).toBe('imported 2, unchanged 0, failed 3');
  });

  it('exits 2 with the summary printed, through the server holding the data folder; 0 when every record is good', async () => {
    const bad = await otklik('import', badFile('cli'));
    expect(bad.code, bad.err).toBe(EXIT_IMPORT_FAILED_RECORDS);
    expect(bad.out).toMatch(HISTORY_TYPE);
    expect(bad.out.trimEnd().split('\n').at(-1)).toBe('imported 2, unchanged 0, failed 3');

    const good = path.join(dir, 'good.jsonl');
    fs.writeFileSync(good, `${record('good-1')}\n`);
    const ok = await otklik('import', good);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out.trimEnd().split('\n').at(-1)).toBe('imported 1, unchanged 0, failed 0');
    expect((await otklik('import', '--help')).out).toContain('Код выхода: 0 — все записи приняты; 2 —');
  }, 600_000);
});

describe('broken JSON', () => {
  it('is explained in Russian with its position, whatever V8 said', () => {
    expect(describeJsonError('Expected double-quoted property name in JSON at position 24')).toBe(
      'некорректный JSON в позиции 24 (столбец 25): ожидалось имя поля в двойных кавычках (или лишняя запятая перед «}»)',
    );
    // Node 22 and later add the line and column
    expect(describeJsonError("Expected ',' or '}' after property value in JSON at position 8 (line 1 column 9)")).toBe(
      'некорректный JSON в позиции 8 (столбец 9): после значения поля ожидалась «,» или «}»',
    );
    expect(describeJsonError('Unexpected token \'}\', "{"a": tru}" is not valid JSON')).toBe(
      'некорректный JSON: неожиданный символ «}»',
    );
    expect(describeJsonError('Unexpected end of JSON input')).toMatch(/^некорректный JSON: запись обрывается/);
    expect(describeJsonError('Something new in JSON at position 3')).toBe('некорректный JSON в позиции 3 (столбец 4)');
  });
});
