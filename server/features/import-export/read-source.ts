import fs from 'node:fs';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { AppError } from '../../lib/errors';
import { isUtf8 } from './decode-text';
import { parseJsonLine, type SourceRecord } from './prepare-messages';
import { readCsv } from './read-csv';

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

/**
 * The non-empty lines of a JSON Lines file with their numbers, not parsed yet (parsing is done off this thread). A
 * line that is not valid UTF-8 is reported as such rather than read with replacement characters.
 */
async function* readJsonlLines(file: string): AsyncGenerator<SourceRecord> {
  let line = 0;
  let rest: Buffer = Buffer.alloc(0);
  const emit = (bytes: Buffer): SourceRecord | null => {
    line++;
    const body = bytes[bytes.length - 1] === 13 ? bytes.subarray(0, -1) : bytes;
    if (!isUtf8(body)) return { line, error: 'строка не в кодировке UTF-8' };
    const text = body.toString('utf8');
    return text.trim() ? { line, text: line === 1 ? text.replace(/^\uFEFF/, '') : text } : null;
  };
  for await (const chunk of openText(file)) {
    let data = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    for (let nl = data.indexOf(10); nl !== -1; nl = data.indexOf(10)) {
      const record = emit(data.subarray(0, nl));
      if (record) yield record;
      data = data.subarray(nl + 1);
    }
    rest = Buffer.from(data);
  }
  if (rest.length) {
    const record = emit(rest);
    if (record) yield record;
  }
}

async function* readJsonl(file: string): AsyncGenerator<RawRecord> {
  for await (const record of readJsonlLines(file)) {
    if ('error' in record) {
      yield record;
      continue;
    }
    if (!('text' in record)) continue;
    const parsed = parseJsonLine(record.text);
    yield 'error' in parsed ? { line: record.line, error: parsed.error } : { line: record.line, value: parsed.value };
  }
}

async function* readXlsx(file: string): AsyncGenerator<RawRecord> {
  if (!fs.existsSync(file)) throw new AppError('not_found', `Файл не найден: ${file}`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  if (!sheet) return;
  const header = (sheet.getRow(1).values as unknown[]).map((v) =>
    v === null || v === undefined ? '' : String(v).trim(),
  );
  for (let r = 2; r <= sheet.rowCount; r++) {
    const values = sheet.getRow(r).values as unknown[];
    if (!values.some((v) => v !== null && v !== undefined && String(v).trim() !== '')) continue;
    const record: Record<string, unknown> = {};
    header.forEach((h, i) => {
      if (h) record[h] = cellValue(values[i]);
    });
    yield { line: r, value: record };
  }
}

function cellValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (v && typeof v === 'object' && 'text' in v) return v.text;
  if (v && typeof v === 'object' && 'result' in v) return v.result;
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
