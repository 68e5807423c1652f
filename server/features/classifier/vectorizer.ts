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

/** The (sublinear) tf of a feature counted `count` times: 1 + ln c. */
export const termFrequency = (count: number): number => (count === 1 ? 1 : 1 + Math.log(count));

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
export const fitVocabulary = (
  bags: readonly FeatureBag[],
  features: FeatureOptions,
  options: VocabularyOptions,
): Vocabulary => {
  const df = new Uint32Array(2 << features.hashBits);
  const seen: number[] = [];
  for (const bag of bags) {
    for (const bucket of bag.buckets) {
      if (df[bucket] === 0) seen.push(bucket);
      df[bucket] = (df[bucket] ?? 0) + 1;
    }
  }
  const maxDf = Math.max(options.minDf, Math.floor(options.maxDfShare * bags.length));
  const kept = Uint32Array.from(
    seen.filter((bucket) => (df[bucket] ?? 0) >= options.minDf && (df[bucket] ?? 0) <= maxDf),
  ).sort();
  const idf = Float32Array.from(kept, (bucket) => Math.log((1 + bags.length) / (1 + (df[bucket] ?? 0))) + 1);
  return { features, options, buckets: kept, idf };
};

/**
 * Bucket → row: open addressing over the kept buckets only, each slot a (bucket, row) pair side by
 * side so that a probe reads one cache line.
 */
export interface RowLookup {
  readonly slots: Int32Array;
  readonly mask: number;
}

export const buildRowLookup = (vocabulary: Vocabulary): RowLookup => {
  let capacity = 1024;
  while (capacity < vocabulary.buckets.length * 2) capacity *= 2;
  const slots = new Int32Array(2 * capacity).fill(-1);
  const mask = capacity - 1;
  vocabulary.buckets.forEach((bucket, row) => {
    let slot = bucket & mask;
    while (slots[2 * slot] !== -1) slot = (slot + 1) & mask;
    slots[2 * slot] = bucket;
    slots[2 * slot + 1] = row;
  });
  return { slots, mask };
};

/** The row of a bucket, or −1 when the bucket is not in the vocabulary. */
export const lookupRow = (lookup: RowLookup, bucket: number): number => {
  const { slots, mask } = lookup;
  let slot = bucket & mask;
  for (;;) {
    const key = slots[2 * slot] ?? -1;
    if (key === bucket) return slots[2 * slot + 1] ?? -1;
    if (key === -1) return -1;
    slot = (slot + 1) & mask;
  }
};

/** TF-IDF vector of one bag. Word and character blocks are L2-normalised separately. */
export const vectorize = (bag: FeatureBag, vocabulary: Vocabulary, lookup: RowLookup): SparseVector => {
  const charStart = 1 << vocabulary.features.hashBits;
  const indices = new Int32Array(bag.buckets.length);
  const values = new Float32Array(bag.buckets.length);
  const isChar = new Uint8Array(bag.buckets.length);
  let n = 0;
  let wordNorm = 0;
  let charNorm = 0;
  for (let i = 0; i < bag.buckets.length; i += 1) {
    const bucket = bag.buckets[i] ?? 0;
    const row = lookupRow(lookup, bucket);
    if (row < 0) continue;
    const value = termFrequency(bag.counts[i] ?? 1) * (vocabulary.idf[row] ?? 0);
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
