import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { AppError } from '../../lib/errors';
import { parseJsonLine, type SourceRecord } from './prepare-messages';

/** One raw record of an import source with its line (or row) number; `error` when it could not even be read. */
export type RawRecord = { line: number; value: Record<string, unknown> } | { line: number; error: string };

export type SourceFormat = 'jsonl' | 'csv' | 'xlsx';

export function detectFormat(file: string, explicit?: string): SourceFormat {
  if (explicit) {
    if (explicit === 'jsonl' || explicit === 'csv' || explicit === 'xlsx') return explicit;
    throw new AppError('validation_failed', `Неизвестный формат «${explicit}»: jsonl, csv или xlsx`);
  }
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.xlsx')) return 'xlsx';
  return 'jsonl';
}

function openText(file: string): NodeJS.ReadableStream {
  if (!fs.existsSync(file)) throw new AppError('not_found', `Файл не найден: ${file}`);
  const stream = fs.createReadStream(file);
  return file.toLowerCase().endsWith('.gz') ? stream.pipe(zlib.createGunzip()) : stream;
}

export async function countRecords(file: string, format: SourceFormat): Promise<number | undefined> {
  if (format !== 'jsonl') return undefined;
  let n = 0;
  for await (const chunk of openText(file)) for (const b of chunk as Buffer) if (b === 10) n++;
  return n;
}

/** The non-empty lines of a JSON Lines file with their numbers, not parsed yet (parsing is done off this thread). */
async function* readJsonlLines(file: string): AsyncGenerator<SourceRecord> {
  const lines = readline.createInterface({ input: openText(file), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim()) yield { line, text };
  }
}

async function* readJsonl(file: string): AsyncGenerator<RawRecord> {
  for await (const record of readJsonlLines(file)) {
    if (!('text' in record)) continue;
    const parsed = parseJsonLine(record.text);
    yield 'error' in parsed ? { line: record.line, error: parsed.error } : { line: record.line, value: parsed.value };
  }
}

async function* readCsv(file: string): AsyncGenerator<RawRecord> {
  const parser = openText(file).pipe(parseCsv({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, delimiter: [',', ';', '\t'] }));
  let line = 1;
  for await (const row of parser) {
    line++;
    yield { line, value: row as Record<string, unknown> };
  }
}

async function* readXlsx(file: string): AsyncGenerator<RawRecord> {
  if (!fs.existsSync(file)) throw new AppError('not_found', `Файл не найден: ${file}`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  if (!sheet) return;
  const header = (sheet.getRow(1).values as unknown[]).map((v) => (v === null || v === undefined ? '' : String(v).trim()));
  for (let r = 2; r <= sheet.rowCount; r++) {
    const values = sheet.getRow(r).values as unknown[];
    if (!values.some((v) => v !== null && v !== undefined && String(v).trim() !== '')) continue;
    const record: Record<string, unknown> = {};
    header.forEach((h, i) => { if (h) record[h] = cellValue(values[i]); });
    yield { line: r, value: record };
  }
}

function cellValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (v && typeof v === 'object' && 'text' in v) return (v as { text: unknown }).text;
  if (v && typeof v === 'object' && 'result' in v) return (v as { result: unknown }).result;
  return v;
}

/** The records of a file for import: JSON Lines as text lines (parsed where they are prepared), tables as rows. */
export function readRecords(file: string, format: SourceFormat): AsyncGenerator<SourceRecord> {
  return format === 'jsonl' ? readJsonlLines(file) : readSource(file, format);
}

export function readSource(file: string, format: SourceFormat): AsyncGenerator<RawRecord> {
  if (format === 'csv') return readCsv(file);
  if (format === 'xlsx') return readXlsx(file);
  return readJsonl(file);
}
