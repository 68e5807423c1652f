// Tokenisation of normalised text, Snowball stemming and stop-word filtering.
import { StemmerRu } from '@nlpjs/lang-ru';
import { FNV_OFFSET, fnvStep } from './hash';
import { RUSSIAN_STOP_WORDS } from './stop-words';

const CYRILLIC_RE = /[а-я]/;
const STEM_CACHE_LIMIT = 200_000;

/** Token characters: a–z, а–я, the Ukrainian/Belarusian і ї є ґ ў, and `_` (placeholders like `_num_`). */
export const isTokenChar = (code: number): boolean =>
  (code >= 0x61 && code <= 0x7a) || (code >= 0x430 && code <= 0x44f) || code === 0x5f ||
  code === 0x456 || code === 0x457 || code === 0x454 || code === 0x491 || code === 0x45e;

/** `isTokenChar` as a table over the codes below TOKEN_CHAR_LIMIT (all token characters are). */
const TOKEN_CHAR_LIMIT = 0x4a0;
const TOKEN_CHARS = Uint8Array.from({ length: TOKEN_CHAR_LIMIT }, (_, code) => (isTokenChar(code) ? 1 : 0));

/** Stores one token's triple at position `count`, growing the buffer when needed. */
const pushToken = (buffer: Int32Array, count: number, start: number, end: number, hash: number): Int32Array => {
  let out = buffer;
  if (3 * count + 3 > out.length) {
    out = new Int32Array(buffer.length * 2 + 96);
    out.set(buffer);
  }
  out[3 * count] = start;
  out[3 * count + 1] = end;
  out[3 * count + 2] = hash;
  return out;
};

/**
 * Writes each token of normalised text into `ranges` as a triple: start, end (exclusive) and the
 * FNV-1a hash of its characters (`tokenHash`, computed during the same pass). Grows the buffer when
 * needed; returns the (possibly new) buffer and the number of tokens.
 */
export const scanTokens = (text: string, ranges: Int32Array): { ranges: Int32Array; count: number } => {
  let buffer = ranges;
  let count = 0;
  let start = -1;
  let hash = FNV_OFFSET;
  const n = text.length;
  for (let i = 0; i < n; i += 1) {
    const code = text.charCodeAt(i);
    if (code < TOKEN_CHAR_LIMIT && TOKEN_CHARS[code] === 1) {
      if (start < 0) {
        start = i;
        hash = FNV_OFFSET;
      }
      hash = fnvStep(hash, code);
    } else if (start >= 0) {
      buffer = pushToken(buffer, count, start, i, hash);
      count += 1;
      start = -1;
    }
  }
  if (start >= 0) {
    buffer = pushToken(buffer, count, start, n, hash);
    count += 1;
  }
  return { ranges: buffer, count };
};

/** The hash `scanTokens` gives the token text[start, end). */
export const tokenHash = (text: string, start: number, end: number): number => {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i += 1) hash = fnvStep(hash, text.charCodeAt(i));
  return hash;
};

let sharedRanges: Int32Array = new Int32Array(384);

/** Words (and placeholder words such as `_num_`) of already normalised text, in order. */
export const tokenize = (normalized: string): string[] => {
  const { ranges, count } = scanTokens(normalized, sharedRanges);
  sharedRanges = ranges;
  const tokens = new Array<string>(count);
  for (let i = 0; i < count; i += 1) tokens[i] = normalized.slice(ranges[3 * i], ranges[3 * i + 1]);
  return tokens;
};

const stemmer = new StemmerRu();
let stemCache = new Map<string, string>();

/** Snowball Russian stem of a lower-case word; non-Cyrillic words and placeholders are kept as they are. */
export const stemWord = (word: string): string => {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const stem = word.startsWith('_') || !CYRILLIC_RE.test(word) ? word : stemmer.stemWord(word);
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache = new Map();
  stemCache.set(word, stem);
  return stem;
};

/** Forgets memoised stems (for memory, or to measure cold-cache behaviour). */
export const clearStemCache = (): void => {
  stemCache = new Map();
};

export const isStopWord = (word: string): boolean => RUSSIAN_STOP_WORDS.has(word);
