import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FileUpload, ImportResult } from '../../../shared/api/public-pages';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { readSource, type RawRecord } from '../import-export/read-source';

/**
 * The rows of a CSV or XLSX file sent from the browser (base64 in JSON), read by the same readers as `otklik import`
 * (csv-parse, exceljs). The file lives in a temporary folder only while it is read.
 */
export async function readUploadedTable(upload: FileUpload): Promise<RawRecord[]> {
  const bytes = Buffer.from(upload.contentBase64, 'base64');
  if (!bytes.length) throw new AppError('validation_failed', 'Файл пуст');
  const format = upload.fileName.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
  const dir = await mkdtemp(path.join(os.tmpdir(), 'otklik-upload-'));
  try {
    const file = path.join(dir, `upload.${format}`);
    await writeFile(file, bytes);
    const rows: RawRecord[] = [];
    try {
      for await (const row of readSource(file, format)) rows.push(row);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError(
        'validation_failed',
        `Файл не читается как ${format.toUpperCase()}: ${(error as Error).message}`,
      );
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A cell by any of its accepted column names (case and spaces ignored). */
export function cell(row: Record<string, unknown>, names: readonly string[]): unknown {
  const wanted = names.map(normaliseHeader);
  for (const [key, value] of Object.entries(row)) if (wanted.includes(normaliseHeader(key))) return value;
  return undefined;
}

const normaliseHeader = (h: string): string => h.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/** ДД.ММ.ГГГГ, ГГГГ-ММ-ДД or an ISO time from a spreadsheet cell, as ГГГГ-ММ-ДД; null when empty. */
export function dateCell(value: unknown): string | null {
  if (value === undefined || value === null || String(value).trim() === '') return null;
  const s = String(value).trim();
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  const iso = ru ? `${ru[3]}-${ru[2]!.padStart(2, '0')}-${ru[1]!.padStart(2, '0')}` : /^\d{4}-\d\d-\d\d/.exec(s)?.[0];
  if (
    !iso ||
    Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) ||
    new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso
  ) {
    throw new AppError('validation_failed', `не дата: «${s}» (ожидается ДД.ММ.ГГГГ)`);
  }
  return iso;
}

/** A whole non-negative number from a cell («1 234» and «1234,0» accepted); null when empty. */
export function countCell(value: unknown, what: string): number | null {
  if (value === undefined || value === null || String(value).trim() === '') return null;
  const n = Number(
    String(value)
      .replace(/[\s\u00a0]/g, '')
      .replace(',', '.'),
  );
  if (!Number.isFinite(n) || n < 0) throw new AppError('validation_failed', `${what}: не число «${String(value)}»`);
  return n;
}

export type RowOutcome = 'imported' | 'updated' | 'unchanged';

/**
 * Imports a file row by row, each in its own transaction: `save` returns what happened to the row; a row it refuses
 * (an AppError) goes to the report with its line and the others go on.
 */
export async function importRowByRow(
  ctx: Ctx,
  upload: FileUpload,
  save: (tx: Ctx, row: Record<string, unknown>) => Promise<RowOutcome>,
): Promise<ImportResult> {
  const result: ImportResult = { imported: 0, updated: 0, failed: [] };
  for (const raw of await readUploadedTable(upload)) {
    if ('error' in raw) {
      result.failed.push({ line: raw.line, message: raw.error });
      continue;
    }
    try {
      const outcome = await withTransaction(ctx, (tx) => save(tx, raw.value));
      if (outcome !== 'unchanged') result[outcome]++;
    } catch (error) {
      if (!(error instanceof AppError) || error.code === 'internal') throw error;
      result.failed.push({ line: raw.line, message: error.message });
    }
  }
  return result;
}
