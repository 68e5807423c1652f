// CSV as desktop tools export it, read by csv-parse: the delimiter (`;`, `,` or tab) is detected from the header, quoted
// fields keep delimiters, quotes and line breaks, stray quotes inside unquoted fields are kept as text. A record the
// parser cannot read (an unbalanced quote, extra fields, a broken encoding) is reported with its line and the
// parser starts again on the next line, so one bad line never costs the rest of the file.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { parse as parseSync } from 'csv-parse/sync';
import { AppError } from '../../lib/errors';
import { decodeText } from './decode-text';
import type { RawRecord } from './read-source';

export const CSV_DELIMITERS = [';', ',', '\t'] as const;

// Both line ends at once: left to itself the parser takes the first one it meets for the whole file, and a file with
// mixed line ends would then read many lines as one record.
const RELAXED = {
  relax_quotes: true,
  relax_column_count: true,
  skip_empty_lines: true,
  record_delimiter: ['\r\n', '\n'],
};

/** The delimiter that splits the header line into the most fields (`;` first on a tie: Russian exports use it). */
export function detectDelimiter(headerLine: string): string {
  let best: string = CSV_DELIMITERS[0];
  let most = 0;
  for (const delimiter of CSV_DELIMITERS) {
    const fields = headerFields(headerLine, delimiter)?.length ?? 0;
    if (fields > most) {
      best = delimiter;
      most = fields;
    }
  }
  return best;
}

function headerFields(line: string, delimiter: string): string[] | null {
  try {
    const rows: string[][] = parseSync(line, { ...RELAXED, delimiter });
    return rows[0] ?? null;
  } catch {
    return null;
  }
}

/** Offsets where each physical line starts (index 0 is line 1). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Whether a record's raw text is well-formed CSV without the relaxed quote rule. */
function strictlyQuoted(raw: string, delimiter: string): boolean {
  try {
    parseSync(raw, { delimiter, relax_column_count: true, record_delimiter: RELAXED.record_delimiter });
    return true;
  } catch {
    return false;
  }
}

export async function* readCsv(file: string): AsyncGenerator<RawRecord> {
  if (!fs.existsSync(file)) throw new AppError('not_found', `Файл не найден: ${file}`);
  const bytes = fs.readFileSync(file);
  const { text, badLines } = decodeText(file.toLowerCase().endsWith('.gz') ? zlib.gunzipSync(bytes) : bytes);
  const starts = lineStarts(text);
  const firstLine = text.slice(0, (starts[1] ?? text.length + 1) - 1).replace(/\r$/, '');
  const delimiter = detectDelimiter(firstLine);
  const header = (headerFields(firstLine, delimiter) ?? []).map((h) => h.trim());
  if (!header.some((h) => h)) throw new AppError('validation_failed', 'В первой строке CSV нет названий колонок');
  const lineAt = (n: number): string => text.slice(starts[n - 1] ?? text.length, (starts[n] ?? text.length + 1) - 1);
  let from = 2; // the physical line the current parse starts on
  while (from <= starts.length) {
    const { records, error } = parseFrom(text.slice(starts[from - 1]), delimiter);
    let lastEnd = from - 1;
    let restart: number | null = null;
    // Records are contiguous in the text (between them only line breaks and empty lines): their lines follow.
    let position = starts[from - 1] ?? 0;
    for (const { record, raw } of records) {
      const body = raw.replace(/^[\r\n]+/, '').replace(/\r?\n?$/, ''); // without the empty lines skipped before it
      const at = Math.max(position, text.indexOf(body, position));
      position = at + body.length;
      const start = lineOf(starts, at);
      const end = lineOf(starts, Math.max(at, position - 1));
      lastEnd = end;
      const problem = recordProblem(record, header.length, start, end, badLines, () => strictlyQuoted(body, delimiter));
      if (problem) {
        yield { line: start, error: `CSV: ${problem}` };
        if (start < end) {
          restart = start + 1;
          break;
        }
        continue;
      }
      const value: Record<string, unknown> = {};
      header.forEach((h, i) => {
        if (h) value[h] = record[i] ?? '';
      });
      yield { line: start, value };
    }
    if (restart === null && error) {
      // The record after the last good one is the one the parser could not finish.
      let bad = lastEnd + 1;
      while (bad < starts.length && !lineAt(bad).trim()) bad++;
      yield { line: bad, error: `CSV: ${error.message.replace(/ at line \d+.*$/s, '')}` };
      restart = bad + 1;
    }
    if (restart === null) break;
    from = restart;
  }
}

interface ParsedRecord {
  record: string[];
  raw: string;
}

/** The line (1-based) of a text offset. */
function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** The records csv-parse reads from `text` up to its end or to the first record it cannot read (then `error`). */
function parseFrom(text: string, delimiter: string): { records: ParsedRecord[]; error: Error | null } {
  const records: ParsedRecord[] = [];
  try {
    parseSync(text, {
      ...RELAXED,
      delimiter,
      raw: true,
      on_record: (r) => {
        records.push(r as unknown as ParsedRecord);
        return null;
      },
    });
    return { records, error: null };
  } catch (e) {
    return { records, error: e as Error };
  }
}

/**
 * Why a record cannot be taken: a line of it is not UTF-8; it spans lines but has fewer fields than the header or is
 * not well-formed CSV without the relaxed quote rule (an unbalanced quote swallowed the lines after it: the record
 * is reported and reading starts again on its second line); it has more fields than the header.
 */
function recordProblem(
  record: string[],
  columns: number,
  start: number,
  end: number,
  badLines: ReadonlySet<number>,
  strict: () => boolean,
): string | null {
  for (let l = start; l <= end; l++) if (badLines.has(l)) return 'строка не в кодировке UTF-8';
  if (start < end && (record.length < columns || !strict()))
    return 'незакрытая кавычка: поле с переносом строки не закрыто как положено';
  if (record.length > columns && record.slice(columns).some((f) => f.trim()))
    return `полей ${record.length}, а колонок в заголовке ${columns}`;
  return null;
}
