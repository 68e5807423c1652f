// The classifier handed to a worker thread: an analyzer built from `threadFactory.data` (the active model,
// serialised) analyses exactly as the one it came from, for the shipped model and for a retrained version.
import { describe, expect, it } from 'vitest';
import { smallRetrainedModel } from '../../test/small-model';
import { createDefaultAnalyzer, type ClassifierHandOver } from './analyze-message';

const TEXTS = [
  'В Рыбинске на улице Крестовой третью неделю не вывозят мусор, контейнеры переполнены',
  'Огромные ямы на дороге в Угличе, машины бьют колёса',
  'В школе холодно, не работает отопление, дети сидят в куртках',
  'Автобус 41 не ходит по расписанию уже неделю',
];
const AT = new Date('2026-11-20T09:00:00Z');

/** What a worker thread is built from: the factory named by the analyzer, called with its data. */
function inWorker(factory: ReturnType<typeof createDefaultAnalyzer>['threadFactory']) {
  expect(factory).toBeDefined();
  expect(factory!.module).toBe(new URL('./analyze-message.ts', import.meta.url).href);
  expect(factory!.name).toBe('createDefaultAnalyzer');
  // The data crosses to the thread by structured clone, as `workerData` does.
  return createDefaultAnalyzer(structuredClone(factory!.data) as ClassifierHandOver);
}

describe('classifier hand-over to worker threads', () => {
  const analyzer = createDefaultAnalyzer();

  it('hands over the shipped model serialised: the thread classifies the same, without training', () => {
    const data = analyzer.threadFactory?.data as ClassifierHandOver;
    expect(data.name).toBe('default-1');
    expect(data.model).toBeInstanceOf(Uint8Array);
    expect(analyzer.threadFactory?.data).toBe(data); // serialised once, not on every look
    const thread = inWorker(analyzer.threadFactory);
    for (const text of TEXTS) expect(thread.analyze(text, AT)).toEqual(analyzer.analyze(text, AT));
  });

  it('hands over a retrained version once it is active, with its name', () => {
    const retrained = smallRetrainedModel(AT);
    const local = createDefaultAnalyzer();
    const before = local.threadFactory?.data as ClassifierHandOver;
    local.useClassifier?.(retrained, 'retrained-7');
    const data = local.threadFactory?.data as ClassifierHandOver;
    expect(data).not.toBe(before);
    expect(data.name).toBe('retrained-7');
    const thread = inWorker(local.threadFactory);
    for (const text of TEXTS) {
      const a = thread.analyze(text, AT);
      expect(a).toEqual(local.analyze(text, AT));
      expect(a.model).toBe('retrained-7');
      expect(['tko', 'roads']).toContain(a.block);
    }
  });

  it('skips finding addresses when the caller does not read them, and nothing else changes', () => {
    const text = 'В Ярославле на ул. Свободы, д. 10 третью неделю не вывозят мусор';
    const full = analyzer.analyze(text, AT);
    expect(full.addresses.length).toBeGreaterThan(0);
    expect(analyzer.analyze(text, AT, { addresses: false })).toEqual({ ...full, addresses: [] });
  });
});
