import { interchangeMessageSchema, type InterchangeMessage } from '../../../shared/api/interchange';
import type { Ctx } from '../../lib/context';
import type { Progress } from '../../cli/operations';
import { AppError } from '../../lib/errors';
import { applyMapping, loadMapping, type ColumnMapping } from './column-mapping';
import { writeBatch } from './import-batch';
import { countRecords, detectFormat, readSource, type RawRecord } from './read-source';

export interface ImportInput { file: string; format?: string | undefined; mapping?: string | undefined; channel?: string | undefined }

export interface ImportSummary { imported: number; unchanged: number; failed: { line: number; error: string }[] }

const BATCH = 1000;
const SHOWN_FAILURES = 20;

/**
 * Imports a file of messages with their histories. Good lines are kept when others are bad; importing the same
 * file again adds nothing (the key is channel + externalId). Returns the report lines; the last one is the summary.
 */
export async function importFile(ctx: Ctx, input: ImportInput, progressFactory?: (total: number | undefined) => Progress): Promise<string[]> {
  const format = detectFormat(input.file, input.format);
  const started = Date.now();
  const progress = progressFactory?.(await countRecords(input.file, format));
  const summary: ImportSummary = { imported: 0, unchanged: 0, failed: [] };
  let batch: { line: number; message: InterchangeMessage }[] = [];
  let mapping: ColumnMapping | null | undefined;
  const flush = async (): Promise<void> => {
    if (!batch.length) return;
    const result = await writeBatch(ctx, batch);
    summary.imported += result.imported;
    summary.unchanged += result.unchanged;
    progress?.tick(batch.length);
    batch = [];
  };
  for await (const raw of readSource(input.file, format)) {
    if (format !== 'jsonl' && mapping === undefined && 'value' in raw) mapping = loadMapping(input.mapping, Object.keys(raw.value));
    const parsed = parseRecord(raw, format === 'jsonl' ? undefined : mapping ?? null, input.channel ?? 'other');
    if ('error' in parsed) {
      summary.failed.push({ line: raw.line, error: parsed.error });
      progress?.tick();
      continue;
    }
    batch.push({ line: raw.line, message: parsed.message });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  progress?.done();
  return report(summary, (Date.now() - started) / 1000);
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
