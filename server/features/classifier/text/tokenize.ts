// Tokenisation of normalised text, Snowball stemming and stop-word filtering.
import { StemmerRu } from '@nlpjs/lang-ru';
import { FNV_OFFSET, fnvStep } from './hash';
import { RUSSIAN_STOP_WORDS } from './stop-words';

const CYRILLIC_RE = /[а-я]/;
const STEM_CACHE_LIMIT = 200_000;

/** Token characters: a–z, а–я, the Ukrainian/Belarusian і ї є ґ ў, and `_` (placeholders like `_num_`). */
export const isTokenChar = (code: number): boolean =>
  (code >= 0x61 && code <= 0x7a) ||
  (code >= 0x430 && code <= 0x44f) ||
  code === 0x5f ||
  code === 0x456 ||
  code === 0x457 ||
  code === 0x454 ||
  code === 0x491 ||
  code === 0x45e;

/**
 * Case folding of token characters, as `toLowerCase()` then ё → е would give, by a table over the
 * codes below FOLD_LIMIT: the folded token character, or 0 for characters that are not (and do not
 * lower-case into) token characters. Only two characters outside the table or lower-casing into
 * two characters (İ and the Kelvin sign K) give token characters; `prepareText` lower-cases texts
 * containing them first (a test walks every code point).
 */
const FOLD_LIMIT = 0x4a0;
const YO = 0x451;
const FOLD = Uint16Array.from({ length: FOLD_LIMIT }, (_, code) => {
  const lower = String.fromCharCode(code).toLowerCase();
  if (lower.length !== 1) return 0;
  const folded = lower.charCodeAt(0) === YO ? 0x435 : lower.charCodeAt(0);
  return isTokenChar(folded) ? folded : 0;
});

/** The characters `foldTokenChar` cannot fold alone (text containing them is lower-cased as a whole). */
export const UNFOLDABLE = ['\u0130', '\u212a'] as const;

export const hasUnfoldable = (text: string): boolean => text.includes(UNFOLDABLE[0]) || text.includes(UNFOLDABLE[1]);

/** The folded token character of a code, or 0 when it is not a token character. */
export const foldTokenChar = (code: number): number => (code < FOLD_LIMIT ? (FOLD[code] ?? 0) : 0);

/** A code as tokens compare it: folded when it is a token character, itself otherwise. */
const foldOrSelf = (code: number): number => foldTokenChar(code) || code;

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
 * Writes each token of text into `ranges` as a triple: start, end (exclusive) and the FNV-1a hash
 * of its folded characters (`tokenHash`, computed during the same pass). Tokens are runs of
 * characters that fold into token characters, so upper-case text gives the tokens of its lower-case
 * form. Grows the buffer when needed; returns the (possibly new) buffer and the number of tokens.
 */
export const scanTokens = (text: string, ranges: Int32Array): { ranges: Int32Array; count: number } => {
  let buffer = ranges;
  let count = 0;
  let start = -1;
  let hash = FNV_OFFSET;
  const n = text.length;
  for (let i = 0; i < n; i += 1) {
    const code = text.charCodeAt(i);
    const folded = code < FOLD_LIMIT ? (FOLD[code] ?? 0) : 0;
    if (folded !== 0) {
      if (start < 0) {
        start = i;
        hash = FNV_OFFSET;
      }
      hash = fnvStep(hash, folded);
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

/** The hash `scanTokens` gives the token text[start, end) (other characters hashed as they are). */
export const tokenHash = (text: string, start: number, end: number): number => {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i += 1) hash = fnvStep(hash, foldOrSelf(text.charCodeAt(i)));
  return hash;
};

/** Whether the folded `token` is text[start, end) once folded. */
export const sameToken = (token: string, text: string, start: number, end: number): boolean => {
  if (token.length !== end - start) return false;
  if (text.startsWith(token, start)) return true;
  for (let i = 0; i < token.length; i += 1) {
    const code = text.charCodeAt(start + i);
    const t = token.charCodeAt(i);
    if (t !== code && t !== foldTokenChar(code)) return false;
  }
  return true;
};

/** The folded text of a token text[start, end) (a plain slice when nothing needs folding). */
export const tokenText = (text: string, start: number, end: number): string => {
  for (let i = start; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (foldOrSelf(code) !== code) {
      let out = '';
      for (let j = start; j < end; j += 1) out += String.fromCharCode(foldOrSelf(text.charCodeAt(j)));
      return out;
    }
  }
  return text.slice(start, end);
};

let sharedRanges: Int32Array = new Int32Array(384);

/** Words (and placeholder words such as `_num_`) of prepared text (`prepareText`), folded, in order. */
export const tokenize = (text: string): string[] => {
  const { ranges, count } = scanTokens(text, sharedRanges);
  sharedRanges = ranges;
  const tokens = new Array<string>(count);
  for (let i = 0; i < count; i += 1) tokens[i] = tokenText(text, ranges[3 * i] ?? 0, ranges[3 * i + 1] ?? 0);
  return tokens;
};

const stemmer = new StemmerRu();
let stemCache = new Map<string, string>();
/** The stemmer's exception lists as maps, or null when empty (as they are for Russian): a lookup costs a string hash. */
const exceptions = (dictionary: Record<string, string>): Map<string, string> | null =>
  Object.keys(dictionary).length ? new Map(Object.entries(dictionary)) : null;
const before = exceptions(stemmer.dictionary.before);
const after = exceptions(stemmer.dictionary.after);

/**
 * What `stemmer.stemWord` computes, without its own memo: that one is an object keyed by every word ever stemmed,
 * never cleared (memory grows with the vocabulary of every text a service sees), and a lookup in it costs more than
 * ours below, which already answers every repeated word.
 */
export const snowballStem = (word: string): string => {
  const listed = before?.get(word);
  if (listed !== undefined) return listed;
  stemmer.setCurrent(word);
  stemmer.innerStem();
  const stem = stemmer.getCurrent();
  return after?.get(stem) ?? stem;
};

/** Snowball Russian stem of a lower-case word; non-Cyrillic words and placeholders are kept as they are. */
export const stemWord = (word: string): string => {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const stem = word.startsWith('_') || !CYRILLIC_RE.test(word) ? word : snowballStem(word);
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache = new Map();
  stemCache.set(word, stem);
  return stem;
};

/** Forgets memoised stems (for memory, or to measure cold-cache behaviour). */
export const clearStemCache = (): void => {
  stemCache = new Map();
};

export const isStopWord = (word: string): boolean => RUSSIAN_STOP_WORDS.has(word);
