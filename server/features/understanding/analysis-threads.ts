// Intake's analysis off the event loop: the texts of concurrent intakes go to worker threads that build the same
// analyzer (`threadFactory`: the active classifier serialised, the same gazetteer and urgency rules), a batch per
// turn of the event loop, while this thread parses requests, writes and answers. Under a burst this is what frees the
// main thread: the analysis is about a third of its work per message (docs/SIZING.md).
//
// The answer does not depend on where a text was analysed. When the active model changes (`version`), new threads
// are started with it and the old ones finish what they were given; until the new ones are ready, and whenever
// threads fail (they cannot start, or one dies), texts are analysed in this thread — a failure is logged and the
// threads are started again after a pause. Without a `threadFactory` (tests' analyzers) or with no threads configured
// (one core), everything stays in this thread.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../lib/logger';
import type { Analysis, MessageAnalyzer } from './message-analyzer';
import { ANALYSIS_THREAD, type ThreadEntry, type ThreadFactory } from './thread-analyzer';

export interface AnalysisRequest {
  id: number;
  texts: string[];
  /** Each text's time, as epoch milliseconds. */
  at: number[];
}
export type AnalysisReply = { id: number; analyses: Analysis[] } | { id: number; error: string };

/** Texts sent to a thread in one message. */
const MAX_BATCH = 32;
/** After a failure, texts stay in this thread this long before threads are started again. */
const RETRY_AFTER_MS = 60_000;

/** Threads for intake's analysis: one less than the cores, at most two (a third of a message's work is analysis). */
export function defaultIntakeAnalysisThreads(): number {
  return Math.max(0, Math.min(os.availableParallelism() - 1, 2));
}

interface Waiting {
  text: string;
  at: Date;
  resolve: (analysis: Analysis) => void;
  reject: (error: unknown) => void;
}

/** The threads of one analyzer version. */
class Generation {
  readonly workers: Worker[];
  private started = 0;
  private readonly pending = new Map<number, Waiting[]>();
  private next = 0;
  private nextId = 0;
  private closing = false;
  failed = false;

  constructor(
    readonly version: string,
    factory: ThreadFactory,
    size: number,
    private readonly onFailure: (generation: Generation, error: Error) => void,
  ) {
    let settle!: (ready: boolean) => void;
    this.whenReady = new Promise<boolean>((resolve) => (settle = resolve));
    this.settle = settle;
    const entry = new URL('./analysis-threads.worker.ts', import.meta.url).href;
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(ANALYSIS_THREAD, {
        workerData: { factory, entry } satisfies { factory: ThreadFactory } & ThreadEntry,
        execArgv: [],
      });
      worker.unref();
      worker.on('message', (reply: AnalysisReply | { ready: true }) => {
        if (!('id' in reply)) {
          if (++this.started === this.workers.length) this.settle(true);
          return;
        }
        const batch = this.pending.get(reply.id);
        if (!batch) return;
        this.pending.delete(reply.id);
        // A text the analyzer refused fails only itself: the batch is analysed again here, text by text.
        if ('error' in reply) batch.forEach((w) => w.reject(new ThreadGone()));
        else batch.forEach((w, k) => w.resolve(reply.analyses[k]!));
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        // A thread stops only when told to: any other exit (even a clean one) is a failure.
        if (!this.closing) this.fail(new Error(`analysis thread exited with code ${code}`));
      });
      return worker;
    });
  }

  get ready(): boolean {
    return !this.failed && this.started === this.workers.length;
  }
  /** Resolves when every thread is up (true) or the generation failed (false). */
  readonly whenReady: Promise<boolean>;
  private readonly settle: (ready: boolean) => void;
  /** Texts handed over but not answered yet. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  send(batch: Waiting[]): void {
    const id = this.nextId++;
    this.pending.set(id, batch);
    const worker = this.workers[this.next++ % this.workers.length]!;
    worker.postMessage({
      id,
      texts: batch.map((w) => w.text),
      at: batch.map((w) => w.at.getTime()),
    } satisfies AnalysisRequest);
  }

  /** What was handed over and not answered goes back to the caller (analysed in this thread). */
  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = true;
    this.settle(false);
    const left = [...this.pending.values()];
    this.pending.clear();
    this.onFailure(this, error);
    for (const batch of left) for (const w of batch) w.reject(new ThreadGone());
    void this.close();
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

class ThreadGone extends Error {
  constructor() {
    super('analysis thread gone');
  }
}

export class AnalysisThreads {
  private current: Generation | null = null;
  private readonly retiring = new Set<Generation>();
  private queue: Waiting[] = [];
  private scheduled = false;
  private failedAt = -Infinity;
  private closed = false;
  /** Texts analysed in threads and here, for tests and measurements. */
  readonly stats = { threaded: 0, local: 0, failures: 0 };

  constructor(
    private readonly analyzer: MessageAnalyzer,
    private readonly size: number,
    private readonly log: Logger,
  ) {}

  /**
   * Starts the threads now rather than with the first text; resolves once they are up (true) or could not start
   * (false; texts are analysed in this thread). A server starts them at start-up and answers meanwhile.
   */
  start(): Promise<boolean> {
    return this.generation()?.whenReady ?? Promise.resolve(false);
  }

  /** The analysis of a text, as `analyzer.analyze(text, at)` gives it. */
  analyze(text: string, at: Date): Promise<Analysis> {
    const generation = this.generation();
    if (!generation?.ready) return Promise.resolve(this.local(text, at));
    return new Promise<Analysis>((resolve, reject) => {
      this.queue.push({ text, at, resolve, reject });
      this.schedule();
    }).catch((error: unknown) => {
      if (error instanceof ThreadGone) return this.local(text, at);
      throw error;
    });
  }

  /** For the readiness check: the threads configured, whether they are up now, and the counts. */
  status(): { threads: number; up: boolean; threaded: number; local: number; failures: number } {
    return { threads: this.size, up: this.current?.ready ?? false, ...this.stats };
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.retiring, ...(this.current ? [this.current] : [])];
    this.current = null;
    this.retiring.clear();
    await Promise.all(all.map((g) => g.close()));
  }

  private local(text: string, at: Date): Analysis {
    this.stats.local++;
    return this.analyzer.analyze(text, at);
  }

  /** The threads of the analyzer's current version, started when it changed (null: analyse here). */
  private generation(): Generation | null {
    const factory = this.analyzer.threadFactory;
    const version = this.analyzer.version;
    if (this.closed || this.size <= 0 || !factory || version === undefined) return null;
    if (this.current && !this.current.failed && this.current.version === version) return this.current;
    if (Date.now() - this.failedAt < RETRY_AFTER_MS) return null;
    if (this.current) this.retire(this.current);
    this.current = new Generation(version, factory, this.size, (failed, error) => {
      this.stats.failures++;
      this.failedAt = Date.now();
      if (this.current === failed) this.current = null;
      this.log.warn({ error: error.message }, 'intake analysis thread failed: analysing in the main thread');
    });
    return this.current;
  }

  /** Threads of an older version finish what they were given, then stop. */
  private retire(generation: Generation): void {
    this.retiring.add(generation);
    const stop = (): void => {
      if (generation.busy) {
        setTimeout(stop, 100).unref();
        return;
      }
      this.retiring.delete(generation);
      void generation.close();
    };
    stop();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // The intakes that reach this turn of the event loop go together.
    setImmediate(() => {
      this.scheduled = false;
      const waiting = this.queue;
      this.queue = [];
      const generation = this.current;
      for (let i = 0; i < waiting.length; i += MAX_BATCH) {
        const batch = waiting.slice(i, i + MAX_BATCH);
        if (generation?.ready) {
          this.stats.threaded += batch.length;
          generation.send(batch);
        } else batch.forEach((w) => w.reject(new ThreadGone()));
      }
    });
  }
}

/** The intake's analysis threads of a server (null when there is no core to spare or they are configured off). */
export function openAnalysisThreads(services: {
  analyzer: MessageAnalyzer;
  log: Logger;
  config: { analysisThreads: number | undefined };
}): AnalysisThreads | null {
  const size = services.config.analysisThreads ?? defaultIntakeAnalysisThreads();
  if (size <= 0 || !services.analyzer.threadFactory) return null;
  const threads = new AnalysisThreads(services.analyzer, size, services.log);
  void threads.start();
  return threads;
}

/** Intake's analysis of a text: in the analysis threads when `otklik serve` opened them, else in this thread. */
export function analyzeForIntake(
  services: { analyzer: MessageAnalyzer; analysisThreads?: AnalysisThreads | null },
  text: string,
  at: Date,
): Analysis | Promise<Analysis> {
  return services.analysisThreads ? services.analysisThreads.analyze(text, at) : services.analyzer.analyze(text, at);
}
