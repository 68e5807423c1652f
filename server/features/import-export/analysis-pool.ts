// Preparation of import batches (parse, check, analyse, deadlines, rows: prepare-messages.ts) in this thread or in
// worker threads that build the same analyzer (the analyzer says how through `threadFactory`), so that all the
// per-message work runs on other cores while this thread writes.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ProductionCalendar } from '../../../shared/deadlines/production-calendar';
import type { Logger } from '../../lib/logger';
import type { Analysis, MessageAnalyzer } from '../understanding/message-analyzer';
import { ANALYSIS_THREAD, type ThreadEntry, type ThreadFactory } from '../understanding/thread-analyzer';
import {
  MessagePreparer,
  type ParsedRecord,
  type PreparationReference,
  type PreparedMessage,
  type SourceOptions,
  type SourceRecord,
} from './prepare-messages';

/** What a worker thread is started with. */
export interface WorkerSetup {
  factory: ThreadFactory;
  reference: PreparationReference;
}
export type WorkerRequest =
  | { id: number; op: 'parse'; chunk: number; records: SourceRecord[]; options: SourceOptions }
  | { id: number; op: 'prepare'; chunk: number; indices: number[]; known: (Analysis | null)[] };
export type WorkerReply =
  { id: number; parsed: ParsedRecord[] } | { id: number; prepared: PreparedMessage[] } | { id: number; error: string };

/** A batch parsed by a preparer, waiting for the writer to say which of its messages to prepare. */
export interface ParsedBatch {
  readonly records: readonly ParsedRecord[];
}

export interface BatchPreparer {
  /** False while worker threads are still starting. */
  readonly ready: boolean;
  parse(records: SourceRecord[], options: SourceOptions): Promise<ParsedBatch>;
  /**
   * The rows of the batch's messages at `indices`, in that order; the batch is done with afterwards. `known[k]` is
   * the kept analysis of the message at `indices[k]` (null: analyse it).
   */
  prepare(batch: ParsedBatch, indices: number[], known: (Analysis | null)[]): Promise<PreparedMessage[]>;
  close(): Promise<void>;
}

/** Records handled between two turns of the event loop in this thread. */
const SLICE = 25;
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

let nextChunk = 0;

/**
 * Preparation in this thread, a slice at a time: between slices the event loop runs, so the writes of the previous
 * batch go on meanwhile.
 */
export function inThreadPreparer(
  analyzer: MessageAnalyzer,
  reference: PreparationReference,
  calendar: ProductionCalendar,
): BatchPreparer {
  const preparer = new MessagePreparer(analyzer, reference, calendar);
  const chunks = new WeakMap<ParsedBatch, number>();
  return {
    ready: true,
    async parse(records, options) {
      const chunk = nextChunk++;
      const batch = { records: preparer.parse(chunk, records, options) };
      chunks.set(batch, chunk);
      return batch;
    },
    async prepare(batch, indices, known) {
      const chunk = chunks.get(batch);
      if (chunk === undefined) throw new Error('import batch from another preparer');
      const out: PreparedMessage[] = [];
      for (let i = 0; i < indices.length; i += SLICE) {
        if (i > 0) await turn();
        out.push(...preparer.prepare(chunk, indices.slice(i, i + SLICE), known.slice(i, i + SLICE)));
      }
      preparer.drop(chunk);
      return out;
    },
    close: async () => {},
  };
}

/** Worker threads for import beside the one that writes: one less than the cores, at most four. */
export function defaultAnalysisWorkers(): number {
  return Math.max(0, Math.min(os.availableParallelism() - 1, 4));
}

interface Pending {
  resolve: (reply: WorkerReply) => void;
  reject: (e: Error) => void;
}
interface WorkerChunk {
  worker: number;
  chunk: number;
  from: number;
  records: SourceRecord[];
  options: SourceOptions;
  parsed: readonly ParsedRecord[];
  /** Parsed in this thread (the worker had failed). */
  local?: ParsedBatch;
}

/**
 * A pool of `size` workers; each batch is split into one chunk per worker, parsed and prepared by that worker.
 * Should a worker fail (it cannot start, or it dies), its chunks and all later ones are done in this thread by
 * `fallback` (from the chunk's records again): the import goes on, slower.
 */
export function workerPreparer(setup: WorkerSetup, size: number, fallback: BatchPreparer, log: Logger): BatchPreparer {
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
    for (const p of left) p.reject(new WorkerGone());
  };
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(ANALYSIS_THREAD, {
      workerData: { ...setup, entry: new URL('./analysis-worker.ts', import.meta.url).href } satisfies WorkerSetup &
        ThreadEntry,
      execArgv: [],
    });
    worker.on('message', (reply: WorkerReply | { ready: true }) => {
      if (!('id' in reply)) {
        started++;
        return;
      }
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if ('error' in reply) p.reject(new Error(reply.error));
      else p.resolve(reply);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (pending.size && !closing) fail(new Error(`analysis worker exited with code ${code}`));
    });
    return worker;
  });
  const send = (worker: number, request: WorkerRequest): Promise<WorkerReply> => {
    if (broken) return Promise.reject(new WorkerGone());
    return new Promise((resolve, reject) => {
      pending.set(request.id, { resolve, reject });
      workers[worker]!.postMessage(request);
    });
  };
  const chunksOf = new WeakMap<ParsedBatch, WorkerChunk[]>();

  const parseChunk = async (c: Omit<WorkerChunk, 'parsed' | 'local'>): Promise<WorkerChunk> => {
    const reply = await send(c.worker, {
      id: nextId++,
      op: 'parse',
      chunk: c.chunk,
      records: c.records,
      options: c.options,
    });
    if (!('parsed' in reply)) throw new Error('analysis worker answered a parse with something else');
    return { ...c, parsed: reply.parsed };
  };
  /** A chunk the worker could not finish, done here from its records. */
  const inThread = async (c: WorkerChunk, indices: number[], known: (Analysis | null)[]): Promise<PreparedMessage[]> =>
    fallback.prepare(c.local ?? (await fallback.parse(c.records, c.options)), indices, known);
  const prepareChunk = async (
    c: WorkerChunk,
    indices: number[],
    known: (Analysis | null)[],
  ): Promise<PreparedMessage[]> => {
    if (c.local) return inThread(c, indices, known);
    try {
      const reply = await send(c.worker, { id: nextId++, op: 'prepare', chunk: c.chunk, indices, known });
      if (!('prepared' in reply)) throw new Error('analysis worker answered a prepare with something else');
      return reply.prepared;
    } catch (error) {
      if (error instanceof WorkerGone) return inThread(c, indices, known);
      throw error;
    }
  };

  return {
    get ready() {
      return broken || started === workers.length;
    },
    async parse(records, options) {
      const per = Math.ceil(records.length / workers.length) || 1;
      const chunks = await Promise.all(
        workers.map(async (_, worker) => {
          const c = {
            worker,
            chunk: nextChunk++,
            from: worker * per,
            records: records.slice(worker * per, (worker + 1) * per),
            options,
          };
          try {
            return await parseChunk(c);
          } catch (error) {
            if (!(error instanceof WorkerGone)) throw error;
            const local = await fallback.parse(c.records, options);
            return { ...c, parsed: local.records, local };
          }
        }),
      );
      const batch = { records: chunks.flatMap((c) => c.parsed) };
      chunksOf.set(batch, chunks);
      return batch;
    },
    async prepare(batch, indices, known) {
      const chunks = chunksOf.get(batch);
      if (!chunks) throw new Error('import batch from another preparer');
      const parts = chunks.map((c) => {
        const mine = indices.flatMap((i, k) => (i >= c.from && i < c.from + c.records.length ? [k] : []));
        return prepareChunk(
          c,
          mine.map((k) => indices[k]! - c.from),
          mine.map((k) => known[k] ?? null),
        );
      });
      // Indices come in order and chunks are consecutive, so the parts joined keep the order asked for.
      return (await Promise.all(parts)).flat();
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
      for (const p of pending.values()) p.reject(new Error('analysis pool closed'));
      pending.clear();
    },
  };
}

/** A worker failed: what it was asked is done in this thread. */
class WorkerGone extends Error {
  constructor() {
    super('analysis worker gone');
  }
}
