import type { Ctx } from '../../lib/context';
import type { Progress } from '../../cli/operations';
import { AppError } from '../../lib/errors';
import { loadMapping } from './column-mapping';
import { ANALYSIS_CACHE_DAYS, keepAnalyses, pruneKeptAnalyses, readKeptAnalyses } from './analysis-cache';
import { defaultAnalysisWorkers, inThreadPreparer, workerPreparer, type BatchPreparer } from './analysis-pool';
import { batchEnv, messageKey, preparationReference, skipKnown, writeBatch, type MessageKey } from './import-batch';
import type { PreparationReference, PreparedMessage, SourceOptions, SourceRecord } from './prepare-messages';
import { countRecords, detectFormat, readRecords } from './read-source';

export interface ImportInput {
  file: string;
  format?: string | undefined;
  mapping?: string | undefined;
  channel?: string | undefined;
  /** Worker threads for parsing and analysis (default: one less than the cores, at most four; 0: all in this thread). */
  workers?: number | undefined;
  /** Messages per transaction (default 1000). */
  batchSize?: number | undefined;
  /** Hand batches to the workers while they are still starting, rather than prepare them here meanwhile (tests). */
  waitForWorkers?: boolean | undefined;
}

export interface ImportSummary {
  imported: number;
  unchanged: number;
  failed: { line: number; error: string }[];
  /** Imported messages that joined an open case as repeats (counted in `imported` too). */
  joined: number;
  /** Organisation names of the source that match no organisation, name or alias: their cases are held for review. */
  unmatched: Map<string, number>;
}

const BATCH = 1000;
/** Batches read and handed to preparation ahead of the one being written. */
const AHEAD = 3;
const SHOWN_FAILURES = 20;

/** A batch on its way: its bad records and the rows of its messages to write. */
interface Job {
  size: number;
  failed: { line: number; error: string }[];
  prepared: PreparedMessage[];
}

/** The report of an import: the lines to print (the last one is the summary) and how many records failed. */
export interface ImportReport {
  lines: string[];
  failed: number;
}

/** importFile's report lines alone; the last one is the summary. */
export async function importFile(
  ctx: Ctx,
  input: ImportInput,
  progressFactory?: (total: number | undefined) => Progress,
): Promise<string[]> {
  return (await importFileReport(ctx, input, progressFactory)).lines;
}

/**
 * Imports a file of messages with their histories. Good lines are kept when others are bad; importing the same
 * file again adds nothing (the key is channel + externalId). Returns the report lines (the last one is the summary,
 * «imported N, unchanged M, failed K») and the number of failed records.
 *
 * A pipeline of batches: this thread reads lines and writes; worker threads parse and check each batch, then
 * (once this thread has looked its keys up: messages already stored are never analysed) analyse it and build its
 * rows. While batch k is written (one transaction), the next ones are being parsed and prepared.
 */
export async function importFileReport(
  ctx: Ctx,
  input: ImportInput,
  progressFactory?: (total: number | undefined) => Progress,
): Promise<ImportReport> {
  const format = detectFormat(input.file, input.format);
  const started = Date.now();
  const progress = progressFactory?.(await countRecords(input.file, format));
  const env = await batchEnv(ctx);
  const summary: ImportSummary = { imported: 0, unchanged: 0, joined: 0, failed: [], unmatched: env.unmatched };
  const batchSize = Math.max(1, input.batchSize ?? BATCH);
  // Municipalities and deadline policies as they are when the import starts (organisations it adds do not matter).
  const reference = preparationReference(
    await ctx.services.reference.get(ctx.db),
    ctx.services.config.triageThreshold,
    ctx.services.analyzer.version ?? null,
  );
  const preparers = new Preparers(
    ctx,
    reference,
    input.workers ?? defaultAnalysisWorkers(),
    input.waitForWorkers ?? false,
  );
  const channel = input.channel ?? 'other';
  let options: SourceOptions | undefined = format === 'jsonl' ? { channel } : undefined;
  // Keys met in earlier batches of this file: a repeat is unchanged, whether or not its first is written yet.
  const seen = new Set<string>();
  let keysInOrder: Promise<unknown> = Promise.resolve();
  const jobs: Promise<Job>[] = [];

  const start = (records: SourceRecord[]): void => {
    const { preparer, track } = preparers.next(records.length === batchSize);
    const parsing = preparer.parse(records, options ?? { mapping: null, channel });
    const previous = keysInOrder;
    const sorted = (async () => {
      const batch = await parsing;
      await previous; // batches claim their keys in file order
      const failed: Job['failed'] = [];
      const wanted: (MessageKey & { index: number; analysisKey: string | null })[] = [];
      batch.records.forEach((r, index) => {
        if ('error' in r) {
          failed.push({ line: r.line, error: r.error });
          return;
        }
        const key = messageKey(r);
        if (seen.has(key)) return;
        seen.add(key);
        wanted.push({ channel: r.channel, externalId: r.externalId, index, analysisKey: r.analysisKey });
      });
      return { batch, failed, wanted };
    })();
    keysInOrder = sorted.catch(() => {});
    const job = (async (): Promise<Job> => {
      const { batch, failed, wanted } = await sorted;
      const fresh = await skipKnown(ctx, wanted);
      // Messages whose analysis is kept are not analysed again (analysis-cache.ts).
      const kept = await readKeptAnalyses(
        ctx,
        fresh.flatMap((f) => (f.analysisKey === null ? [] : [f.analysisKey])),
      );
      preparers.analyse(fresh.filter((f) => f.analysisKey === null || !kept.has(f.analysisKey)).length, batchSize);
      return {
        size: records.length,
        failed,
        prepared: await preparer.prepare(
          batch,
          fresh.map((f) => f.index),
          fresh.map((f) => (f.analysisKey === null ? null : (kept.get(f.analysisKey) ?? null))),
        ),
      };
    })();
    job.catch(() => {}); // awaited in order by writeNext(); an early failure must not go unhandled meanwhile
    track(job);
    jobs.push(job);
  };
  const writeNext = async (): Promise<void> => {
    const job = await jobs.shift()!;
    summary.failed.push(...job.failed);
    // Kept before the batch is written, in a transaction of their own: a batch that fails keeps its analyses.
    await keepAnalyses(
      ctx,
      job.prepared.flatMap((p) => (p.computed ? [p.computed] : [])),
    );
    const result = job.prepared.length ? await writeBatch(ctx, env, job.prepared) : { imported: 0, joined: 0 };
    summary.imported += result.imported;
    summary.joined += result.joined;
    summary.unchanged += job.size - job.failed.length - result.imported;
    progress?.tick(job.size);
  };
  try {
    let batch: SourceRecord[] = [];
    for await (const record of readRecords(input.file, format)) {
      if (!options && 'value' in record)
        options = { mapping: loadMapping(input.mapping, Object.keys(record.value)), channel };
      batch.push(record);
      if (batch.length < batchSize) continue;
      start(batch);
      batch = [];
      while (jobs.length > AHEAD) await writeNext();
    }
    if (batch.length) start(batch);
    while (jobs.length) await writeNext();
  } finally {
    // Jobs left by a failure are abandoned: the workers stop with the pool.
    await preparers.close();
  }
  await pruneKeptAnalyses(ctx, ANALYSIS_CACHE_DAYS);
  progress?.done();
  return { lines: report(summary, (Date.now() - started) / 1000), failed: summary.failed.length };
}

/**
 * Batches go to the worker threads, which start with the first full batch (a file of one batch spawns none) — when
 * analyses are kept (the analyzer has a version), only once a batch has more than a tenth of its messages to analyse:
 * a file whose analyses are all kept is prepared in this thread, as starting the workers and copying rows between
 * threads would cost more than the rest of the preparation. While they are starting (loading their modules), this
 * thread prepares batches itself, one at a time; those handed to the workers meanwhile wait for them.
 */
class Preparers {
  #pool: BatchPreparer | null = null;
  #localBusy = 0;
  /** Whether a batch had enough to analyse to start the workers (from the start when analyses are not kept). */
  #analysing: boolean;
  readonly #local: BatchPreparer;
  constructor(
    private readonly ctx: Ctx,
    private readonly reference: PreparationReference,
    private readonly workers: number,
    private readonly wait: boolean,
  ) {
    this.#local = inThreadPreparer(ctx.services.analyzer, reference, ctx.services.calendar);
    this.#analysing = reference.analysisVersion === null;
  }
  /** A batch has `misses` messages to analyse (their analysis is not kept). */
  analyse(misses: number, batchSize: number): void {
    if (misses * 10 > batchSize) this.#analysing = true;
  }
  /** The preparer of the next batch; `job` is called with the batch's job once it is made. */
  next(full: boolean): { preparer: BatchPreparer; track: (job: Promise<unknown>) => void } {
    const { analyzer, log } = this.ctx.services;
    const factory = analyzer.threadFactory;
    if (this.workers > 0 && factory && full && this.#analysing)
      this.#pool ??= workerPreparer({ factory, reference: this.reference }, this.workers, this.#local, log);
    const pool = this.#pool;
    if (pool && (pool.ready || this.wait || this.#localBusy > 0)) return { preparer: pool, track: () => {} };
    this.#localBusy++;
    return {
      preparer: this.#local,
      track: (job) => {
        void job
          .catch(() => {})
          .finally(() => {
            this.#localBusy--;
          });
      },
    };
  }
  async close(): Promise<void> {
    await this.#pool?.close();
  }
}

function report(summary: ImportSummary, seconds: number): string[] {
  const total = summary.imported + summary.unchanged + summary.failed.length;
  if (total === 0 && summary.failed.length === 0)
    throw new AppError('validation_failed', 'В файле нет ни одной записи');
  const lines = summary.failed.slice(0, SHOWN_FAILURES).map((f) => `строка ${f.line}: ${f.error}`);
  if (summary.failed.length > SHOWN_FAILURES)
    lines.push(`… и ещё ${summary.failed.length - SHOWN_FAILURES} строк с ошибками`);
  if (summary.unmatched.size) {
    lines.push(
      `Организации, которых нет в справочнике (ни по названию, ни по псевдониму): ${summary.unmatched.size}. Их обращения без исполнителя, ещё не отвеченные — на разборе; добавьте псевдоним (otklik organisations aliases add) и направьте их`,
    );
    for (const [name, n] of [...summary.unmatched].sort((a, b) => b[1] - a[1])) lines.push(`  «${name}» — ${n} сообщ.`);
  }
  if (summary.joined)
    lines.push(
      `Присоединено к открытым обращениям как повторы: ${summary.joined} сообщ. (записи без ответа и оценки в источнике; записи со своим итогом не объединяются)`,
    );
  lines.push(
    `Обработано ${total} записей за ${seconds.toFixed(1)} с (${Math.round(total / Math.max(seconds, 0.001))} сообщ./с)`,
  );
  // the last line, which scripts read: its wording is a contract (checks and integrators parse it), never translated
  lines.push(`imported ${summary.imported}, unchanged ${summary.unchanged}, failed ${summary.failed.length}`);
  return lines;
}
