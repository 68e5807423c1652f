// Reading labelled and unlabelled messages from JSON Lines files (plain or gzip), tolerant of
// windows-1251 bytes, with dotted field paths (`labels.category`).
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

export interface JsonLine {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly value: Readonly<Record<string, unknown>>;
}

export interface LineError {
  readonly line: number;
  readonly message: string;
}

export interface JsonLinesFile {
  readonly records: readonly JsonLine[];
  readonly errors: readonly LineError[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const cp1251 = new TextDecoder('windows-1251');

/** UTF-8 when the bytes are valid UTF-8, otherwise windows-1251 (the usual legacy Russian encoding). */
export const decodeText = (bytes: Uint8Array): string => {
  try {
    return utf8.decode(bytes);
  } catch {
    return cp1251.decode(bytes);
  }
};

const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

/** Splits raw bytes into lines and decodes each on its own, so one badly encoded line spoils nothing else. */
const decodeLines = (bytes: Uint8Array): string[] => {
  try {
    return utf8.decode(bytes).split('\n');
  } catch {
    const lines: string[] = [];
    let start = 0;
    for (let i = 0; i <= bytes.length; i += 1) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        lines.push(decodeText(bytes.subarray(start, i)));
        start = i + 1;
      }
    }
    return lines;
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const parseJsonLines = (bytes: Uint8Array): JsonLinesFile => {
  const raw = isGzip(bytes) ? new Uint8Array(gunzipSync(bytes)) : bytes;
  const records: JsonLine[] = [];
  const errors: LineError[] = [];
  decodeLines(raw).forEach((text, i) => {
    const body = (i === 0 ? text.replace(/^\uFEFF/, '') : text).trim();
    if (body.length === 0) return;
    try {
      const value: unknown = JSON.parse(body);
      if (isRecord(value)) records.push({ line: i + 1, value });
      else errors.push({ line: i + 1, message: 'not a JSON object' });
    } catch (error) {
      errors.push({ line: i + 1, message: error instanceof Error ? error.message : String(error) });
    }
  });
  return { records, errors };
};

/** Reads a JSON Lines file (gzip detected by its magic bytes, whatever the name). */
export const readJsonLines = async (path: string): Promise<JsonLinesFile> =>
  parseJsonLines(new Uint8Array(await readFile(path)));

/** The value at a dotted path (`labels.category`), or undefined. */
export const getField = (record: unknown, path: string): unknown => {
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (!isRecord(value)) return undefined;
    value = value[key];
  }
  return value;
};

/** A label as a string: strings and numbers are accepted, anything else (null, objects) is absent. */
export const labelOf = (record: unknown, path: string): string | null => {
  const value = getField(record, path);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim().length > 0 ? value : null;
};

/** Text of a message; non-string values give an empty text. */
export const textOf = (record: unknown, path: string): string => {
  const value = getField(record, path);
  return typeof value === 'string' ? value : '';
};

/** What went wrong with a text's encoding before it reached us, if anything. */
export type EncodingIssue = 'replacement' | 'mojibake';

const CP1251_BYTE = ((): Map<string, number> => {
  const chars = cp1251.decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  return new Map([...chars].map((ch, i) => [ch, i]));
})();

/**
 * UTF-8 text that was read as windows-1251 and saved again («РџСЂРёРІРµС‚» for «Привет») is turned back into
 * the original; null when the text does not look like that or does not convert back to valid UTF-8.
 */
export const repairMojibake = (text: string): string | null => {
  const cyrillic = text.match(/[\u0400-\u04FF]/gu)?.length ?? 0;
  const leads =
    text.match(/[РС][\u0400-\u045F\u0490\u0491\u00A0-\u00BF\u2010-\u203A\u2116\u20AC\u2122]/gu)?.length ?? 0;
  if (cyrillic < 6 || leads * 2 < cyrillic * 0.8) return null;
  const bytes: number[] = [];
  for (const ch of text) {
    const b = CP1251_BYTE.get(ch);
    if (b === undefined) return null;
    bytes.push(b);
  }
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    return null;
  }
};

/** A text as the CLI uses it: mojibake repaired; `issue` says what was found (replacement characters stay). */
export const cleanText = (text: string): { readonly text: string; readonly issue: EncodingIssue | null } => {
  const repaired = repairMojibake(text);
  if (repaired !== null) return { text: repaired, issue: 'mojibake' };
  const replaced = text.match(/\uFFFD/gu)?.length ?? 0;
  return { text, issue: replaced > 0 && replaced * 5 >= text.length * 0.2 ? 'replacement' : null };
};

export const ENCODING_ISSUE_TEXT: Readonly<Record<EncodingIssue, string>> = {
  mojibake: 'текст в UTF-8 был когда-то прочитан как windows-1251 («РџСЂРёРІРµС‚»); исправлено',
  replacement:
    'текст содержит «�» вместо букв: файл в windows-1251 был прочитан как UTF-8 до нас, буквы утрачены — пересохраните исходный файл',
};

/**
 * Month (`2021-02`) of a record's `created_at`, when it has one: with a month on every example the held-out evaluation
 * is time-ordered (trained on earlier months, scored on later ones), as a model is used.
 */
export const monthOf = (created: unknown): string | null =>
  typeof created === 'string' && /^\d{4}-\d{2}/.test(created) ? created.slice(0, 7) : null;
