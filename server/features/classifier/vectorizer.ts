// Hashed feature counts → TF-IDF vectors (sublinear tf, smooth idf, L2 norm per block of features).
import type { FeatureBag, FeatureOptions } from './text/features';

export interface VocabularyOptions {
  /** Minimum number of training documents a feature must occur in. */
  readonly minDf: number;
  /** Features in more than this share of the documents are dropped (1 keeps all). */
  readonly maxDfShare: number;
  /** Relative weight of the character block against the word block (both L2-normalised first). */
  readonly charWeight: number;
}

export interface Vocabulary {
  readonly features: FeatureOptions;
  readonly options: VocabularyOptions;
  /** Kept hash buckets, ascending; a feature's row is its index here. */
  readonly buckets: Uint32Array;
  readonly idf: Float32Array;
}

export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** Keeps features seen in at least `minDf` documents and computes their idf = ln((1+n)/(1+df)) + 1. */
export const fitVocabulary = (bags: readonly FeatureBag[], features: FeatureOptions, options: VocabularyOptions): Vocabulary => {
  const df = new Uint32Array(2 << features.hashBits);
  for (const bag of bags) for (const bucket of bag.buckets) df[bucket] = (df[bucket] ?? 0) + 1;
  const maxDf = Math.max(options.minDf, Math.floor(options.maxDfShare * bags.length));
  const keep = (count: number): boolean => count >= options.minDf && count <= maxDf;
  let kept = 0;
  for (const count of df) if (keep(count)) kept += 1;
  const buckets = new Uint32Array(kept);
  const idf = new Float32Array(kept);
  let row = 0;
  for (let bucket = 0; bucket < df.length; bucket += 1) {
    const count = df[bucket] ?? 0;
    if (!keep(count)) continue;
    buckets[row] = bucket;
    idf[row] = Math.log((1 + bags.length) / (1 + count)) + 1;
    row += 1;
  }
  return { features, options, buckets, idf };
};

/** Dense bucket → row table for fast lookups (−1 where the bucket is not in the vocabulary). */
export const buildRowLookup = (vocabulary: Vocabulary): Int32Array => {
  const lookup = new Int32Array(2 << vocabulary.features.hashBits).fill(-1);
  vocabulary.buckets.forEach((bucket, row) => { lookup[bucket] = row; });
  return lookup;
};

/** TF-IDF vector of one bag. Word and character blocks are L2-normalised separately. */
export const vectorize = (bag: FeatureBag, vocabulary: Vocabulary, lookup: Int32Array): SparseVector => {
  const charStart = 1 << vocabulary.features.hashBits;
  const indices = new Int32Array(bag.buckets.length);
  const values = new Float32Array(bag.buckets.length);
  const isChar = new Uint8Array(bag.buckets.length);
  let n = 0;
  let wordNorm = 0;
  let charNorm = 0;
  for (let i = 0; i < bag.buckets.length; i += 1) {
    const bucket = bag.buckets[i] ?? 0;
    const row = lookup[bucket] ?? -1;
    if (row < 0) continue;
    const count = bag.counts[i] ?? 1;
    const value = (count === 1 ? 1 : 1 + Math.log(count)) * (vocabulary.idf[row] ?? 0);
    if (bucket >= charStart) {
      isChar[n] = 1;
      charNorm += value * value;
    } else wordNorm += value * value;
    indices[n] = row;
    values[n] = value;
    n += 1;
  }
  const wordScale = wordNorm > 0 ? 1 / Math.sqrt(wordNorm) : 0;
  const charScale = charNorm > 0 ? vocabulary.options.charWeight / Math.sqrt(charNorm) : 0;
  for (let i = 0; i < n; i += 1) values[i] = (values[i] ?? 0) * (isChar[i] ? charScale : wordScale);
  return { indices: indices.subarray(0, n), values: values.subarray(0, n) };
};
