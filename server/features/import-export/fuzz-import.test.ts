// Fuzzing the import with fast-check: files of JSON Lines and of CSV where good lines are mixed with generated
// hostile ones (broken JSON, NUL, deep nesting, dates out of range, unbalanced quotes, stray delimiters and line
// breaks). Property: the import never throws, every good line is imported, and the report counts every line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { deepJson, fuzz, hostileDate, hostileJson, hostileString } from '../../test/fuzz';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, type TestServices } from '../../test/test-services';
import { importFile } from './import-file';

let services: TestServices;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-import-fuzz-'));
beforeAll(async () => {
  services = await createTestServices({ analyzer: createTestAnalyzer() });
});
afterAll(async () => services.close());

/** Lines per generated file, and files: RUNS × LINES generated lines per format. */
const RUNS = 50;
const LINES = 200;
/** Good lines per file (their ids are unique across the whole test, so every one must be imported). */
const GOOD = 4;
let run = 0;

const goodText = fc.constantFrom(
  'Яма на дороге; у дома 5, "большая"\nвторая строка',
  'Не вывозят мусор, переполнено',
  'Нет света;\r\nуже сутки',
);

async function importedIds(ids: string[]): Promise<string[]> {
  const rows = await services.database.db
    .selectFrom('messages')
    .select('external_id')
    .where('external_id', 'in', ids)
    .execute();
  return rows.map((r) => r.external_id).sort();
}

async function check(
  file: string,
  lines: number,
  goodIds: string[],
  options: { mapping?: string; channel?: string } = {},
): Promise<void> {
  const report = await importFile(rootContext(services, SYSTEM_ACTOR), { file, workers: 0, ...options });
  const summary = report.at(-1)?.match(/^imported (\d+), unchanged (\d+), failed (\d+)$/);
  if (!summary) throw new Error(`no summary: ${report.join('\n')}`);
  const total = summary.slice(1).reduce((n, x) => n + Number(x), 0);
  if (total > lines) throw new Error(`${total} records counted in ${lines} lines`);
  const kept = await importedIds(goodIds);
  if (kept.length !== goodIds.length)
    throw new Error(`good lines lost: ${goodIds.filter((id) => !kept.includes(id)).join(', ')}\n${report.join('\n')}`);
}

describe('fuzzing the import', () => {
  const hostileLine = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 120 }),
    hostileJson.map((v) => JSON.stringify(v) ?? ''),
    fc
      .record({
        externalId: fc.oneof(hostileString, fc.integer()),
        channel: fc.constantFrom('portal', 'web', 'x'),
        text: hostileString,
        createdAt: hostileDate,
        labels: fc.option(hostileJson),
        history: fc.option(
          fc.array(
            fc.record({
              type: fc.constantFrom('status', 'answer', 'rating'),
              at: hostileDate,
              score: fc.integer(),
              kind: fc.constantFrom('final', 'x'),
            }),
            { maxLength: 2 },
          ),
        ),
      })
      .map((m) => JSON.stringify(m)),
    fc
      .integer({ min: 33, max: 5_000 })
      .map(
        (d) =>
          `{"externalId":"deep","channel":"web","text":"т","createdAt":"2026-11-01","labels":${deepJson(d, d % 2 === 0)}}`,
      ),
  );

  it(`JSON Lines: ${RUNS * LINES} generated lines, good lines always kept`, async () => {
    const file = fc.tuple(
      fc.array(hostileLine, { minLength: LINES - GOOD, maxLength: LINES - GOOD }),
      fc.array(fc.nat(), { minLength: GOOD, maxLength: GOOD }),
      fc.array(goodText, { minLength: GOOD, maxLength: GOOD }),
    );
    await fuzz('import-jsonl', 1471, RUNS, file, async ([bad, positions, texts]) => {
      run++;
      const lines = [...bad];
      const ids = texts.map((text, i) => {
        const id = `fj-${run}-${i}`;
        lines.splice(
          positions[i]! % (lines.length + 1),
          0,
          JSON.stringify({ externalId: id, channel: 'portal', text, createdAt: '2026-11-01T10:00:00' }),
        );
        return id;
      });
      const name = path.join(dir, `f${run}.jsonl`);
      fs.writeFileSync(name, lines.map((l) => l.replaceAll('\n', ' ')).join('\n'));
      await check(name, lines.length, ids);
    });
  }, 600_000);

  const cell = fc.oneof(
    hostileString,
    fc.constantFrom('"', '""', '"a', 'a"', ';', '\n', '\r\n', '\t', ',', '"x;y"', '"\n'),
  );
  const hostileRow = fc.array(cell, { minLength: 1, maxLength: 5 }).map((cells) => cells.join(';'));

  it(`CSV: ${RUNS * LINES} generated rows, good rows always kept`, async () => {
    const mapping = path.join(dir, 'map.json');
    fs.writeFileSync(mapping, JSON.stringify({ id: 'externalId', when: 'createdAt', body: 'text' }));
    const file = fc.tuple(
      fc.array(hostileRow, { minLength: LINES - GOOD, maxLength: LINES - GOOD }),
      fc.array(fc.nat(), { minLength: GOOD, maxLength: GOOD }),
      fc.array(goodText, { minLength: GOOD, maxLength: GOOD }),
    );
    await fuzz('import-csv', 1472, RUNS, file, async ([bad, positions, texts]) => {
      run++;
      const rows = [...bad];
      const ids = texts.map((text, i) => {
        const id = `fc-${run}-${i}`;
        rows.splice(
          positions[i]! % (rows.length + 1),
          0,
          stringify([[id, '01.11.2026 10:00', text]], { delimiter: ';', record_delimiter: '' }),
        );
        return id;
      });
      const name = path.join(dir, `f${run}.csv`);
      fs.writeFileSync(name, `id;when;body\n${rows.join('\n')}\n`);
      await check(name, rows.join('\n').split('\n').length, ids, { mapping, channel: 'email' });
    });
    expect(run).toBeGreaterThan(0);
  }, 600_000);
});
