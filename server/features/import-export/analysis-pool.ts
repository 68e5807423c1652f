// Bulk analysis for import: in this thread, or in worker threads that build the same analyzer (the analyzer says how
// through `threadFactory`), so the classifier, places and urgency run on other cores while this thread writes.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../lib/logger';
import type { Analysis, MessageAnalyzer } from '../understanding/message-analyzer';

export type ThreadFactory = NonNullable<MessageAnalyzer['threadFactory']>;
export interface AnalysisRequest { id: number; texts: string[]; at: number[] }
export type AnalysisReply = { id: number; analyses: Analysis[] } | { id: number; error: string };

export interface AnalysisItem { text: string; at: Date }

export interface BulkAnalyzer {
  /** False while worker threads are still starting (loading the models). */
  readonly ready: boolean;
  /** Analyses in the order given. */
  analyze(items: readonly AnalysisItem[]): Promise<Analysis[]>;
  close(): Promise<void>;
}

/** Messages analysed between two turns of the event loop in this thread. */
const SLICE = 25;

/**
 * Analysis in this thread, a slice at a time: between slices the event loop runs, so the previous batch's writes
 * to a PostgreSQL server go on meanwhile.
 */
export function inThreadAnalyzer(analyzer: MessageAnalyzer): BulkAnalyzer {
  return {
    ready: true,
    async analyze(items) {
      const out: Analysis[] = [];
      for (let i = 0; i < items.length; i += SLICE) {
        if (i > 0) await new Promise((resolve) => setImmediate(resolve));
        for (const item of items.slice(i, i + SLICE)) out.push(analyzer.analyze(item.text, item.at));
      }
      return out;
    },
    close: async () => {},
  };
}

/** Worker threads for bulk analysis beside the one that writes: one less than the cores, at most four. */
export function defaultAnalysisWorkers(): number {
  return Math.max(0, Math.min(os.availableParallelism() - 1, 4));
}

interface Pending { resolve: (a: Analysis[]) => void; reject: (e: Error) => void; items: readonly AnalysisItem[] }

/**
 * A pool of `size` workers; each call is split into one chunk per worker. Should a worker fail (it cannot start,
 * or it dies), its chunks and all later ones are analysed in this thread by `fallback`: the import goes on, slower.
 */
export function workerAnalyzer(factory: ThreadFactory, size: number, fallback: MessageAnalyzer, log: Logger): BulkAnalyzer {
  const local = inThreadAnalyzer(fallback);
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let broken = false;
  let started = 0;
  let closing = false;
  const fail = (error: Error): void => {
    if (!broken) log.warn({ error: error.message }, 'analysis worker failed: analysing in the main thread');
    broken = true;
    const left = [...pending.values()];
    pending.clear();
    for (const p of left) local.analyze(p.items).then(p.resolve, p.reject);
  };
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(new URL('./analysis-thread.mjs', import.meta.url), { workerData: { factory }, execArgv: [] });
    worker.on('message', (reply: AnalysisReply | { ready: true }) => {
      if (!('id' in reply)) { started++; return; }
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if ('error' in reply) p.reject(new Error(reply.error));
      else p.resolve(reply.analyses);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => { if (pending.size && !closing) fail(new Error(`analysis worker exited with code ${code}`)); });
    return worker;
  });
  const send = (worker: Worker, items: readonly AnalysisItem[]): Promise<Analysis[]> => {
    if (broken) return local.analyze(items);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, items });
      worker.postMessage({ id, texts: items.map((i) => i.text), at: items.map((i) => i.at.getTime()) } satisfies AnalysisRequest);
    });
  };
  return {
    get ready() { return broken || started === workers.length; },
    async analyze(items) {
      const per = Math.ceil(items.length / workers.length) || 1;
      const chunks = workers.map((w, i) => send(w, items.slice(i * per, (i + 1) * per)));
      return (await Promise.all(chunks)).flat();
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
      for (const p of pending.values()) p.reject(new Error('analysis pool closed'));
      pending.clear();
    },
  };
}
