import { interchangeMessageSchema, type InterchangeMessage } from '../../../shared/api/interchange';
import type { Ctx } from '../../lib/context';
import type { Progress } from '../../cli/operations';
import { AppError } from '../../lib/errors';
import { applyMapping, loadMapping, type ColumnMapping } from './column-mapping';
import { parseMoscowTimestamp } from '../../../shared/api/messages';
import { defaultAnalysisWorkers, inThreadAnalyzer, workerAnalyzer, type BulkAnalyzer } from './analysis-pool';
import { batchEnv, messageKey, skipKnown, writeBatch, type AnalysedItem, type BatchItem } from './import-batch';
import { countRecords, detectFormat, readSource, type RawRecord } from './read-source';

export interface ImportInput {
  file: string; format?: string | undefined; mapping?: string | undefined; channel?: string | undefined;
  /** Worker threads for analysis (default: one less than the cores, at most four; 0: analyse in this thread). */
  workers?: number | undefined;
  /** Messages per transaction (default 500). */
  batchSize?: number | undefined;
  /** Hand batches to the workers while they are still starting, rather than analyse here meanwhile (tests). */
  waitForWorkers?: boolean | undefined;
}

export interface ImportSummary { imported: number; unchanged: number; failed: { line: number; error: string }[] }

const BATCH = 500;
const SHOWN_FAILURES = 20;

/**
 * Imports a file of messages with their histories. Good lines are kept when others are bad; importing the same
 * file again adds nothing (the key is channel + externalId). Returns the report lines; the last one is the summary.
 *
 * A pipeline of batches: while batch k is written (one transaction), batch k+1 is already looked up (messages
 * already stored are never analysed) and analysed in worker threads, and batch k+2 is being read.
 */
export async function importFile(ctx: Ctx, input: ImportInput, progressFactory?: (total: number | undefined) => Progress): Promise<string[]> {
  const format = detectFormat(input.file, input.format);
  const started = Date.now();
  const progress = progressFactory?.(await countRecords(input.file, format));
  const summary: ImportSummary = { imported: 0, unchanged: 0, failed: [] };
  const batchSize = Math.max(1, input.batchSize ?? BATCH);
  const analyzers = new Analyzers(ctx, input.workers ?? defaultAnalysisWorkers(), input.waitForWorkers ?? false);
  // Municipalities and deadline policies as they are when the import starts (organisations it adds do not matter).
  const env = batchEnv(await ctx.services.reference.get(ctx.db));
  let batch: BatchItem[] = [];
  let mapping: ColumnMapping | null | undefined;
  // The batch being analysed (its keys are skipped by the next lookup: it is not in the database yet).
  let inFlight: { items: Promise<AnalysedItem[]>; keys: Set<string>; size: number } | null = null;
  const write = async (): Promise<void> => {
    if (!inFlight) return;
    const { items, size } = inFlight;
    const analysed = await items;
    const result = analysed.length ? await writeBatch(ctx, env, analysed) : { imported: 0, unchanged: 0 };
    summary.imported += result.imported;
    summary.unchanged += size - result.imported;
    progress?.tick(size);
  };
  const flush = async (): Promise<void> => {
    if (!batch.length) return;
    const items = batch;
    batch = [];
    const fresh = await skipKnown(ctx, items, inFlight?.keys);
    const analyser = analyzers.next(items.length === batchSize);
    const analysed = analyser.analyze(fresh.map((f) => ({ text: f.message.text, at: parseMoscowTimestamp(f.message.createdAt) })))
      .then((analyses) => fresh.map((f, i) => ({ ...f, analysis: analyses[i]! })));
    analysed.catch(() => {}); // awaited by write(); an early failure must not go unhandled meanwhile
    await write();
    inFlight = { items: analysed, keys: new Set(fresh.map((f) => messageKey(f.message))), size: items.length };
  };
  try {
    for await (const raw of readSource(input.file, format)) {
      if (format !== 'jsonl' && mapping === undefined && 'value' in raw) mapping = loadMapping(input.mapping, Object.keys(raw.value));
      const parsed = parseRecord(raw, format === 'jsonl' ? undefined : mapping ?? null, input.channel ?? 'other');
      if ('error' in parsed) {
        summary.failed.push({ line: raw.line, error: parsed.error });
        progress?.tick();
        continue;
      }
      batch.push({ line: raw.line, message: parsed.message });
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await write();
  } finally {
    await analyzers.close();
  }
  progress?.done();
  return report(summary, (Date.now() - started) / 1000);
}

/**
 * Batches are analysed in this thread until the worker threads have started (they load the models), then by them.
 * Workers start with the first full batch, so a file of one batch spawns none.
 */
class Analyzers {
  #pool: BulkAnalyzer | null = null;
  readonly #local: BulkAnalyzer;
  constructor(private readonly ctx: Ctx, private readonly workers: number, private readonly wait: boolean) {
    this.#local = inThreadAnalyzer(ctx.services.analyzer);
  }
  next(full: boolean): BulkAnalyzer {
    const { analyzer, log } = this.ctx.services;
    if (this.workers > 0 && analyzer.threadFactory && full) this.#pool ??= workerAnalyzer(analyzer.threadFactory, this.workers, analyzer, log);
    return this.#pool && (this.#pool.ready || this.wait) ? this.#pool : this.#local;
  }
  async close(): Promise<void> {
    await this.#pool?.close();
  }
}

/** `mapping` undefined: the record is already in the interchange format (JSON Lines); otherwise a table row. */
function parseRecord(raw: RawRecord, mapping: ColumnMapping | null | undefined, channel: string): { message: InterchangeMessage } | { error: string } {
  if ('error' in raw) return { error: raw.error };
  const value = mapping === undefined ? raw.value : applyMapping(raw.value, mapping, channel);
  const parsed = interchangeMessageSchema.safeParse(value);
  if (parsed.success) return { message: parsed.data };
  return { error: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'строка'}: ${i.message}`).join('; ') };
}

function report(summary: ImportSummary, seconds: number): string[] {
  const total = summary.imported + summary.unchanged + summary.failed.length;
  if (total === 0 && summary.failed.length === 0) throw new AppError('validation_failed', 'В файле нет ни одной записи');
  const lines = summary.failed.slice(0, SHOWN_FAILURES).map((f) => `строка ${f.line}: ${f.error}`);
  if (summary.failed.length > SHOWN_FAILURES) lines.push(`… и ещё ${summary.failed.length - SHOWN_FAILURES} строк с ошибками`);
  lines.push(`Обработано ${total} записей за ${seconds.toFixed(1)} с (${Math.round(total / Math.max(seconds, 0.001))} сообщ./с)`);
  lines.push(`imported ${summary.imported}, unchanged ${summary.unchanged}, failed ${summary.failed.length}`);
  return lines;
}
