// Kept analyses of import: a re-import of the same texts reads them (nothing analysed again) and writes the same
// cases as an import that analyses everything; another analyzer version (a new model) analyses again; the entries
// can be pruned. The production analyzer's version follows its model.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, type TestServices } from '../../test/test-services';
import { deserializeHierarchical } from '../classifier/bundle';
import { createDefaultAnalyzer } from '../understanding/analyze-message';
import type { MessageAnalyzer } from '../understanding/message-analyzer';
import { describeKeptAnalyses, keptAnalysesStats, pruneKeptAnalyses } from './analysis-cache';
import { importFile } from './import-file';
import { analysisKey } from './prepare-messages';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-analysis-cache-'));
const TEXTS = [
  'не вывозят мусор в Рыбинске',
  'яма на дороге в Угличе на ул. Свободы, д. 10',
  'нет отопления, батареи холодные, в Тутаеве',
  'автобус не ходит по маршруту',
  'просто вопрос в Переславле-Залесском',
];

/**
 * Messages `prefix-0…` with the same texts whatever the prefix; one in five has no outcome (a live record: the
 * addresses of its text are looked for, and its analysis is not kept).
 */
function file(prefix: string, n = 25): string {
  const rows = Array.from({ length: n }, (_, i) => ({
    externalId: `${prefix}-${i}`,
    channel: 'portal',
    createdAt: `2026-${i % 2 ? '07' : '12'}-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00`,
    text: `${TEXTS[i % TEXTS.length]}, обращение ${i}`,
    ...(i % 5 === 0
      ? {}
      : {
          history: [{ at: '2026-12-29T12:00:00', type: 'answer', kind: 'final', by: 'Администрация', body: 'Ответ' }],
        }),
  }));
  const name = path.join(dir, `${prefix}.jsonl`);
  fs.writeFileSync(name, rows.map((r) => JSON.stringify(r)).join('\n'));
  return name;
}

/** The test analyzer under a version, counting the texts it analyses. */
function counting(version: string | undefined): MessageAnalyzer & { calls: number } {
  const inner = createTestAnalyzer();
  const analyzer = {
    ...inner,
    ...(version ? { version } : {}),
    calls: 0,
    analyze: (...args: Parameters<MessageAnalyzer['analyze']>) => {
      analyzer.calls++;
      return inner.analyze(...args);
    },
  };
  return analyzer;
}

/** The cases of the messages whose external id starts with `prefix`, in the order of their number. */
async function cases(s: TestServices, prefix: string) {
  const rows = await s.database.db
    .selectFrom('cases')
    .innerJoin('messages', 'messages.case_id', 'cases.id')
    .selectAll('cases')
    .select('messages.external_id')
    .where('messages.external_id', 'like', `${prefix}-%`)
    .execute();
  // Everything the import wrote on the case but its number and the times the database stamped.
  return rows
    .map(({ external_id, id: _id, updated_at: _updated, search: _search, ...c }) => ({
      n: Number(external_id.slice(prefix.length + 1)),
      ...c,
    }))
    .sort((a, b) => a.n - b.n);
}

describe('kept analyses of import', () => {
  let kept: TestServices;
  let plain: TestServices;
  const v1 = counting('v1');
  const none = counting(undefined);
  beforeAll(async () => {
    kept = await createTestServices({ analyzer: v1 });
    plain = await createTestServices({ analyzer: none });
  });
  afterAll(async () => {
    await kept?.close();
    await plain?.close();
  });

  it('re-imports the same texts without analysing them, into the same cases as without kept analyses', async () => {
    const ctx = rootContext(kept, SYSTEM_ACTOR);
    expect((await importFile(ctx, { file: file('a'), workers: 0, batchSize: 10 })).at(-1)).toBe(
      'imported 25, unchanged 0, failed 0',
    );
    expect(v1.calls).toBe(25);
    expect((await keptAnalysesStats(ctx)).entries).toBe(20);

    // The same texts under other keys (a corrected file): read, not analysed (but the five live records).
    expect((await importFile(ctx, { file: file('b'), workers: 0, batchSize: 10 })).at(-1)).toBe(
      'imported 25, unchanged 0, failed 0',
    );
    expect(v1.calls).toBe(30);
    const fromKept = await cases(kept, 'b');
    expect(fromKept).toEqual(await cases(kept, 'a'));

    // An analyzer without a version keeps nothing and analyses every text: the same cases.
    await importFile(rootContext(plain, SYSTEM_ACTOR), { file: file('b'), workers: 0, batchSize: 10 });
    expect(none.calls).toBe(25);
    expect(await cases(plain, 'b')).toEqual(fromKept);
    expect((await keptAnalysesStats(rootContext(plain, SYSTEM_ACTOR))).entries).toBe(0);
  });

  it('hands kept analyses to the worker threads: the same cases', async () => {
    const threaded = {
      ...v1,
      threadFactory: {
        module: new URL('../../test/test-analyzer.ts', import.meta.url).href,
        name: 'createTestAnalyzer',
      },
    };
    const ctx = rootContext({ ...kept, analyzer: threaded }, SYSTEM_ACTOR);
    // One in five records is live and analysed again: enough in every batch to start the workers.
    expect((await importFile(ctx, { file: file('w'), workers: 2, batchSize: 10, waitForWorkers: true })).at(-1)).toBe(
      'imported 25, unchanged 0, failed 0',
    );
    expect(await cases(kept, 'w')).toEqual(await cases(kept, 'a'));
  });

  it('analyses again under another analyzer version (a new model)', async () => {
    const v2 = counting('v2');
    const ctx = rootContext({ ...kept, analyzer: v2 }, SYSTEM_ACTOR);
    await importFile(ctx, { file: file('c'), workers: 0, batchSize: 10 });
    expect(v2.calls).toBe(25);
    expect((await keptAnalysesStats(ctx)).entries).toBe(40);
    await importFile(ctx, { file: file('d'), workers: 0, batchSize: 10 });
    expect(v2.calls).toBe(30);
  });

  it('prunes the entries unused for a number of days, or all of them', async () => {
    const ctx = rootContext(kept, SYSTEM_ACTOR);
    const calls = v1.calls;
    await sql`update analysis_cache set used_at = now() - interval '40 days'
      where key in (select key from analysis_cache order by key limit 10)`.execute(kept.database.db);
    expect(await describeKeptAnalyses(ctx, null)).toEqual([
      expect.stringMatching(
        /^Сохранённый анализ текстов импорта: 40 записей, [\d,]+ МБ, самая давняя использована \d\d\.\d\d\.\d{4}$/u,
      ),
      'Записи, не использованные 90 дней, удаляются при каждом импорте',
    ]);
    expect(await pruneKeptAnalyses(ctx, 30)).toBe(10);
    expect(await pruneKeptAnalyses(ctx, 0)).toBe(30);
    expect((await keptAnalysesStats(ctx)).entries).toBe(0);
    // Nothing kept: the texts are analysed again, and kept again.
    await importFile(ctx, { file: file('e'), workers: 0, batchSize: 10 });
    expect(v1.calls - calls).toBe(25);
    expect((await keptAnalysesStats(ctx)).entries).toBe(20);
    // Reading an entry marks it used: a re-import of old entries keeps them from the next pruning.
    await sql`update analysis_cache set used_at = now() - interval '40 days'`.execute(kept.database.db);
    await importFile(ctx, { file: file('f'), workers: 0, batchSize: 10 });
    expect(v1.calls - calls).toBe(30);
    expect(await pruneKeptAnalyses(ctx, 30)).toBe(0);
  });

  it('keys a text by the analyzer version and the month of the message', () => {
    const at = new Date('2026-12-01T10:00:00+03:00');
    const key = analysisKey('v1', 'текст', at);
    expect(analysisKey('v1', 'текст', new Date('2026-12-20T10:00:00+03:00'))).toBe(key);
    expect(analysisKey('v2', 'текст', at)).not.toBe(key);
    expect(analysisKey('v1', 'текст ', at)).not.toBe(key);
    expect(analysisKey('v1', 'текст', new Date('2026-11-30T20:59:00Z'))).not.toBe(key); // 23:59 in Moscow
  });

  it('gives the production analyzer a version that changes with its model', () => {
    const analyzer = createDefaultAnalyzer();
    const first = analyzer.version;
    expect(first).toMatch(/^default-1:/);
    expect(analyzer.version).toBe(first);
    analyzer.useClassifier?.(loadedModels(analyzer), 'retrained-7');
    expect(analyzer.version).toMatch(/^retrained-7:/);
  });
});

/** The analyzer's current models, as a worker thread would receive them. */
function loadedModels(analyzer: MessageAnalyzer) {
  const data = analyzer.threadFactory?.data as { model: Uint8Array };
  return deserializeHierarchical(data.model);
}
