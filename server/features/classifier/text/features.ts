// Raw text → hashed features: word 1–2-grams of Snowball stems and character n-grams of words.
// The single definition of features used by training (extractFeatures) and by prediction (encoder).
import { FeatureAccumulator } from './accumulator';
import { combineHashes, fmix32, fnvStep, hashString, FNV_OFFSET } from './hash';
import { prepareText } from './normalize';
import { clearStemCache, isStopWord, stemWord, tokenize } from './tokenize';

export interface FeatureOptions {
  /** log2 of the hash space of each block (words, characters). */
  readonly hashBits: number;
  /** 1: stems only; 2: stems and pairs of neighbouring stems (stop words skipped). */
  readonly wordNgrams: 1 | 2;
  /**
   * Character n-grams of each content word padded with spaces (« слово »), lengths charMin..charMax
   * counting the padding: `prefix` keeps only those anchored at the word start (a cheap, robust
   * multi-length truncation stemmer), `all` every position (like scikit-learn's char_wb), `none` none.
   */
  readonly charMode: 'prefix' | 'all' | 'none';
  readonly charMin: number;
  readonly charMax: number;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  hashBits: 20,
  wordNgrams: 2,
  charMode: 'prefix',
  charMin: 5,
  charMax: 6,
};

/** Distinct hashed features of one text with their counts (word buckets below 2^hashBits, character ones above). */
export interface FeatureBag {
  readonly buckets: Uint32Array;
  readonly counts: Uint16Array;
}

/** What one token contributes: its stem's hash (null for stop words) and its character-n-gram buckets. */
export interface TokenFeatures {
  readonly stemHash: number | null;
  readonly charBuckets: Uint32Array;
}

const WORD_SEED = 0x5bd1e995;
const BIGRAM_SEED = 0x27d4eb2f;
const SPACE = 32;
const NO_BUCKETS = new Uint32Array(0);

/** Tokens of a raw text after normalisation (the shared first step of both paths). */
export const analyzeText = (text: string | null | undefined): string[] => (text ? tokenize(prepareText(text)) : []);

/** Scratch for `charBuckets`, grown as needed (a word yields at most `padded · charMax` buckets). */
let bucketScratch = new Uint32Array(256);

const charBuckets = (word: string, opts: FeatureOptions): Uint32Array => {
  const mask = (1 << opts.hashBits) - 1;
  const offset = 1 << opts.hashBits;
  const padded = word.length + 2;
  const last = padded - 1;
  if (bucketScratch.length < padded * opts.charMax) bucketScratch = new Uint32Array(2 * padded * opts.charMax);
  const out = bucketScratch;
  let n = 0;
  const starts = opts.charMode === 'prefix' ? 1 : padded;
  for (let start = 0; start < starts; start += 1) {
    let h = FNV_OFFSET;
    const end = Math.min(padded, start + opts.charMax);
    for (let i = start; i < end; i += 1) {
      h = fnvStep(h, i === 0 || i === last ? SPACE : word.charCodeAt(i - 1));
      if (i - start + 1 >= opts.charMin) {
        out[n] = offset + (fmix32(h) & mask);
        n += 1;
      }
    }
  }
  return out.slice(0, n);
};

/** Features of one token; placeholders (`_num_`) and stop words get no character n-grams. */
export const tokenFeatures = (token: string, opts: FeatureOptions): TokenFeatures => {
  const stop = isStopWord(token);
  const chars = stop || opts.charMode === 'none' || token.startsWith('_') || token.length < 2;
  return {
    stemHash: stop ? null : hashString(stemWord(token), WORD_SEED),
    charBuckets: chars ? NO_BUCKETS : charBuckets(token, opts),
  };
};

const TOKEN_CACHE_LIMIT = 200_000;
const tokenCaches = new Map<string, Map<string, TokenFeatures>>();

/**
 * `tokenFeatures` memoised per option set (bounded; cleared when full). Training and prediction in
 * one process share it, so words seen in training cost a map lookup afterwards.
 */
export const cachedTokenFeatures = (opts: FeatureOptions): ((token: string) => TokenFeatures) => {
  const key = JSON.stringify([opts.hashBits, opts.wordNgrams, opts.charMode, opts.charMin, opts.charMax]);
  let cache = tokenCaches.get(key);
  if (!cache) {
    cache = new Map();
    tokenCaches.set(key, cache);
  }
  const store = cache;
  return (token) => {
    let f = store.get(token);
    if (f === undefined) {
      f = tokenFeatures(token, opts);
      if (store.size >= TOKEN_CACHE_LIMIT) store.clear();
      store.set(token, f);
    }
    return f;
  };
};

/** Forgets all memoised token features and stems. */
export const clearTextCaches = (): void => {
  tokenCaches.clear();
  clearStemCache();
};

export const wordBucket = (stemHash: number, opts: FeatureOptions): number => stemHash & ((1 << opts.hashBits) - 1);

export const bigramBucket = (previous: number, stemHash: number, opts: FeatureOptions): number =>
  combineHashes(previous ^ BIGRAM_SEED, stemHash) & ((1 << opts.hashBits) - 1);

/**
 * Walks the features of a token sequence: `onBucket` receives every word, bigram and character
 * bucket in order; `features` supplies (possibly cached) token features.
 */
export const forEachFeature = (
  tokens: readonly string[],
  opts: FeatureOptions,
  features: (token: string) => TokenFeatures,
  onBucket: (bucket: number) => void,
): void => {
  let previous: number | null = null;
  for (const token of tokens) {
    const f = features(token);
    for (const bucket of f.charBuckets) onBucket(bucket);
    if (f.stemHash === null) continue;
    onBucket(wordBucket(f.stemHash, opts));
    if (opts.wordNgrams === 2 && previous !== null) onBucket(bigramBucket(previous, f.stemHash, opts));
    previous = f.stemHash;
  }
};

const shared = new FeatureAccumulator();

/** Hashed features of a raw message text (HTML allowed; null/empty gives an empty bag). */
export const extractFeatures = (
  text: string | null | undefined,
  opts: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
): FeatureBag => {
  forEachFeature(analyzeText(text), opts, cachedTokenFeatures(opts), (bucket) => shared.add(bucket));
  return shared.take();
};
