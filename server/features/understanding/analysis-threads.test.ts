// Intake's analysis threads: real worker threads with the production analyzer. What a thread answers equals the
// analysis in this thread; a new active model reaches the threads; a dead thread costs nothing but speed.
import { afterAll, describe, expect, it } from 'vitest';
import { smallRetrainedModel } from '../../test/small-model';
import type { Logger } from '../../lib/logger';
import { createDefaultAnalyzer } from './analyze-message';
import { AnalysisThreads, analyzeForIntake, openAnalysisThreads } from './analysis-threads';

const TEXTS = [
  'В Рыбинске на улице Крестовой третью неделю не вывозят мусор, контейнеры переполнены',
  'Огромные ямы на дороге в Угличе, машины бьют колёса',
  'В школе холодно, не работает отопление, дети сидят в куртках',
  'Автобус 41 не ходит по расписанию уже неделю',
  'Прорвало трубу, кипяток на улице Свободы в Ярославле, дети рядом',
];
const AT = new Date('2026-11-20T09:00:00Z');

const warnings: string[] = [];
const log = {
  info: () => {},
  warn: (_data: unknown, message: string) => warnings.push(message),
  error: () => {},
} as unknown as Logger;

const analyzer = createDefaultAnalyzer();
const threads = new AnalysisThreads(analyzer, 1, log);
afterAll(async () => {
  await threads.close();
});

/** Analyses until the threads have answered some (they start in the background: meanwhile, this thread answers). */
async function untilThreaded(pool: AnalysisThreads): Promise<void> {
  const before = pool.stats.threaded;
  for (let i = 0; i < 300 && pool.stats.threaded === before; i++) {
    await Promise.all(TEXTS.map((t) => pool.analyze(t, AT)));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(pool.stats.threaded).toBeGreaterThan(before);
}

describe('intake analysis in worker threads', () => {
  it('answers what this thread would, for concurrent texts, once the threads are up', async () => {
    expect(await threads.start()).toBe(true);
    const first = threads.stats.threaded;
    await threads.analyze(TEXTS[0]!, AT);
    expect(threads.stats.threaded).toBe(first + 1);
    const many = Array.from({ length: 80 }, (_, i) => `${TEXTS[i % TEXTS.length]} (обращение ${i})`);
    const before = threads.stats.threaded;
    const answers = await Promise.all(many.map((t) => threads.analyze(t, AT)));
    expect(threads.stats.threaded - before).toBe(many.length);
    expect(threads.status()).toMatchObject({ threads: 1, up: true, failures: 0 });
    answers.forEach((a, i) => expect(a).toEqual(analyzer.analyze(many[i]!, AT)));
    expect(answers.some((a) => a.flags.length > 0)).toBe(true);
  }, 60_000);

  it('a newly active model reaches the threads: no answer comes from the old one', async () => {
    const local = createDefaultAnalyzer();
    const pool = new AnalysisThreads(local, 1, log);
    try {
      await untilThreaded(pool);
      const retrained = smallRetrainedModel(AT);
      local.useClassifier?.(retrained, 'retrained-9');
      const now = await Promise.all(TEXTS.map((t) => pool.analyze(t, AT)));
      expect(now.map((a) => a.model)).toEqual(TEXTS.map(() => 'retrained-9'));
      await untilThreaded(pool);
      const threaded = await Promise.all(TEXTS.map((t) => pool.analyze(t, AT)));
      threaded.forEach((a, i) => expect(a).toEqual(local.analyze(TEXTS[i]!, AT)));
      expect(threaded.map((a) => a.model)).toEqual(TEXTS.map(() => 'retrained-9'));
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('a thread that dies: what it held is analysed here, the failure is logged, nothing is lost', async () => {
    const pool = new AnalysisThreads(analyzer, 1, log);
    try {
      await untilThreaded(pool);
      const pending = Array.from({ length: 40 }, (_, i) => pool.analyze(`${TEXTS[i % TEXTS.length]} ${i}`, AT));
      // The thread is killed while the batch is on its way to it (it is sent on the next turn of the event loop).
      const generation = (pool as unknown as { current: { workers: { terminate(): Promise<number> }[] } }).current;
      await generation.workers[0]!.terminate();
      const answers = await Promise.all(pending);
      answers.forEach((a, i) => expect(a).toEqual(analyzer.analyze(`${TEXTS[i % TEXTS.length]} ${i}`, AT)));
      expect(pool.status()).toMatchObject({ up: false, failures: 1 });
      expect(warnings).toContain('intake analysis thread failed: analysing in the main thread');
      // After a failure texts stay here for a while.
      const local = pool.stats.local;
      await pool.analyze(TEXTS[0]!, AT);
      expect(pool.stats.local).toBe(local + 1);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('a server opens them started: they come up without waiting for the first text', async () => {
    const opened = openAnalysisThreads({ analyzer, log, config: { analysisThreads: 1 } });
    try {
      expect(opened).not.toBeNull();
      for (let i = 0; i < 300 && !opened!.status().up; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(opened!.status()).toMatchObject({ threads: 1, up: true, threaded: 0, local: 0 });
    } finally {
      await opened?.close();
    }
  }, 30_000);

  it('opens no threads when configured off or for an analyzer that cannot be rebuilt in a thread', async () => {
    expect(openAnalysisThreads({ analyzer, log, config: { analysisThreads: 0 } })).toBeNull();
    const { threadFactory: _, ...noFactory } = analyzer;
    const plain = { ...noFactory, analyze: analyzer.analyze };
    expect(openAnalysisThreads({ analyzer: plain, log, config: { analysisThreads: 2 } })).toBeNull();
    // Without threads intake analyses in this thread, synchronously.
    expect(analyzeForIntake({ analyzer, analysisThreads: null }, TEXTS[1]!, AT)).toEqual(
      analyzer.analyze(TEXTS[1]!, AT),
    );
  });
});
