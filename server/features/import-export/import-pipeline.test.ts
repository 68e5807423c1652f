// The import pipeline: batches parsed, analysed and prepared in worker threads give the same cases as in this
// thread (the production analyzer too, its classifier handed over serialised); keys repeated across batches are
// imported once; a worker that cannot start, or dies with a chunk parsed, leaves the import to this thread.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, type TestServices } from '../../test/test-services';
import { importFile } from './import-file';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-import-pipeline-'));
const testAnalyzerModule = new URL('../../test/test-analyzer.ts', import.meta.url).href;
const PLACES = [
  'в Рыбинске',
  'в Угличе',
  'в Ярославле на ул. Свободы, д. 10',
  'в Тутаеве',
  'в селе',
  'в Переславле-Залесском',
];
const PROBLEMS = [
  'не вывозят мусор',
  'яма на дороге',
  'нет отопления, батареи холодные',
  'автобус не ходит по маршруту',
  'нет записи к врачу',
  'просто вопрос',
];

function messages(n: number): object[] {
  return Array.from({ length: n }, (_, i) => ({
    externalId: `w-${i}`,
    channel: i % 3 ? 'portal' : 'social_vk',
    createdAt: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00`,
    text: `${PROBLEMS[i % PROBLEMS.length]} ${PLACES[(i * 7) % PLACES.length]}, обращение ${i}`,
    ...(i % 4 === 0
      ? {
          history: [
            { at: '2026-10-29T12:00:00', type: 'answer', kind: 'final', by: 'Администрация', body: `Ответ ${i}` },
          ],
        }
      : {}),
  }));
}

function write(name: string, rows: object[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
  return file;
}

/** The services with their warnings collected, and the test analyzer built in workers by `factory` if given. */
function watched(s: TestServices, factory?: string) {
  const warnings: string[] = [];
  const log = {
    ...s.log,
    warn: (_: object, msg: string) => {
      warnings.push(msg);
    },
  };
  const analyzer = factory
    ? { ...createTestAnalyzer(), threadFactory: { module: testAnalyzerModule, name: factory } }
    : s.analyzer;
  return { services: { ...s, log, analyzer }, warnings };
}

async function cases(s: TestServices) {
  return s.database.db
    .selectFrom('cases')
    .innerJoin('messages', 'messages.case_id', 'cases.id')
    .select([
      'messages.external_id',
      'cases.status',
      'cases.block_code',
      'cases.category_code',
      'cases.municipality_id',
      'cases.classification',
      'cases.urgency',
      'cases.final_answer_due_at',
    ])
    .orderBy('messages.external_id')
    .execute();
}

describe('import pipeline', () => {
  let inThread: TestServices;
  let threaded: TestServices;
  beforeAll(async () => {
    inThread = await createTestServices({ analyzer: createTestAnalyzer() });
    threaded = await createTestServices({
      analyzer: { ...createTestAnalyzer(), threadFactory: { module: testAnalyzerModule, name: 'createTestAnalyzer' } },
    });
  });
  afterAll(async () => {
    await inThread?.close();
    await threaded?.close();
  });

  it('writes the same cases whether batches are analysed in worker threads or here, and adds nothing the second time', async () => {
    const file = write('w.jsonl', messages(47));
    const here = await importFile(rootContext(inThread, SYSTEM_ACTOR), { file, workers: 0, batchSize: 10 });
    const { services: watchedThreaded, warnings } = watched(threaded);
    const there = await importFile(rootContext(watchedThreaded, SYSTEM_ACTOR), {
      file,
      workers: 2,
      batchSize: 10,
      waitForWorkers: true,
    });
    expect(warnings).toEqual([]); // the workers did the analysis: none fell back to this thread
    expect(here.at(-1)).toBe('imported 47, unchanged 0, failed 0');
    expect(there.at(-1)).toBe('imported 47, unchanged 0, failed 0');
    const a = await cases(inThread);
    expect(await cases(threaded)).toEqual(a);
    expect(new Set(a.map((c) => c.block_code)).size).toBeGreaterThan(3);
    expect(a.filter((c) => c.municipality_id !== null).length).toBeGreaterThan(20);
    expect(
      (
        await importFile(rootContext(threaded, SYSTEM_ACTOR), { file, workers: 2, batchSize: 10, waitForWorkers: true })
      ).at(-1),
    ).toBe('imported 0, unchanged 47, failed 0');
  });

  it('imports a key repeated in the next batch once', async () => {
    const rows = messages(6).map((m, i) => ({ ...m, channel: 'portal', externalId: `r-${i % 4}` }));
    const file = write('r.jsonl', rows);
    expect((await importFile(rootContext(inThread, SYSTEM_ACTOR), { file, workers: 0, batchSize: 3 })).at(-1)).toBe(
      'imported 4, unchanged 2, failed 0',
    );
  });

  // Without waiting for the workers: the first batch is prepared here while they start, the next ones by them.
  it('hands the production classifier to the workers: the same cases as analysed here', async () => {
    const here = await createTestServices();
    const there = await createTestServices();
    try {
      const rows = messages(30).map((m, i) => ({ ...m, externalId: `d-${i}` }));
      const file = write('d.jsonl', [...rows.slice(0, 12), { ...rows[0], text: '' }, ...rows.slice(12)]);
      const { services: watchedThere, warnings } = watched(there);
      expect((await importFile(rootContext(here, SYSTEM_ACTOR), { file, workers: 0, batchSize: 8 })).slice(-1)).toEqual(
        ['imported 30, unchanged 0, failed 1'],
      );
      const threaded = await importFile(rootContext(watchedThere, SYSTEM_ACTOR), { file, workers: 1, batchSize: 8 });
      expect(threaded[0]).toMatch(/^строка 13: text: /);
      expect(threaded.at(-1)).toBe('imported 30, unchanged 0, failed 1');
      expect(warnings).toEqual([]);
      const a = await cases(here);
      expect(await cases(there)).toEqual(a);
      expect(a.map((c) => (c.classification as { model: string }).model)).toEqual(a.map(() => 'default-1'));
    } finally {
      await here.close();
      await there.close();
    }
  }, 180_000); // two databases and the production classifier: slow on a loaded machine

  it('prepares here what a worker held when it died', async () => {
    const { services: dying, warnings } = watched(inThread, 'createTestAnalyzerDyingInWorker');
    const file = write(
      'x.jsonl',
      messages(20).map((m, i) => ({ ...m, externalId: `x-${i}` })),
    );
    expect(
      (await importFile(rootContext(dying, SYSTEM_ACTOR), { file, workers: 2, batchSize: 5, waitForWorkers: true })).at(
        -1,
      ),
    ).toBe('imported 20, unchanged 0, failed 0');
    expect(warnings).toEqual(['analysis worker failed: analysing in the main thread']);
    const stored = await inThread.database.db
      .selectFrom('messages')
      .select('external_id')
      .where('external_id', 'like', 'x-%')
      .execute();
    expect(stored).toHaveLength(20);
  });

  it('goes on in this thread when a worker cannot build the analyzer', async () => {
    const { services: broken, warnings } = watched(inThread, 'noSuchFactory');
    const file = write(
      'b.jsonl',
      messages(25).map((m, i) => ({ ...m, externalId: `b-${i}` })),
    );
    expect(
      (
        await importFile(rootContext(broken, SYSTEM_ACTOR), { file, workers: 1, batchSize: 5, waitForWorkers: true })
      ).at(-1),
    ).toBe('imported 25, unchanged 0, failed 0');
    expect(warnings).toEqual(['analysis worker failed: analysing in the main thread']);
  });
});
