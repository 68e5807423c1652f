// Prediction-time vectoriser: the same features and TF-IDF weighting as `vectorize(extractFeatures())`
// (a test holds them equal), with each token's vocabulary rows memoised and counts kept by row.
import { bigramBucket, cachedTokenFeatures, wordBucket } from './text/features';
import { prepareText } from './text/normalize';
import { scanTokens } from './text/tokenize';
import { TokenTable } from './token-table';
import { buildRowLookup, lookupRow, type SparseVector, type Vocabulary } from './vectorizer';

const TOKEN_CACHE_LIMIT = 100_000;

/** A vector held in an encoder's own buffers: entries [0, size) are valid until its next call. */
export interface TransientVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
  readonly size: number;
}

export interface Encoder {
  /** The TF-IDF vector of a text (fresh arrays). */
  encode(text: string | null | undefined): SparseVector;
  /** The same vector in buffers reused by the next call (for immediate scoring; nothing allocated). */
  encodeTransient(text: string | null | undefined): TransientVector;
}

/**
 * A token's known vocabulary rows (character n-grams first, then its stem, as the walk visits them),
 * in a plain array: small integer arrays are cheaper to create than typed arrays.
 */
interface EncodedToken {
  readonly stemHash: number | null;
  readonly rows: readonly number[];
}

const firstCharRow = (vocabulary: Vocabulary): number => {
  const charStart = 1 << vocabulary.features.hashBits;
  const index = vocabulary.buckets.findIndex((bucket) => bucket >= charStart);
  return index < 0 ? vocabulary.buckets.length : index;
};

/** Counts of the rows of one text; `indices` lists the rows met, in first-seen order, `values` gets their weights. */
class RowCounter implements TransientVector {
  readonly counts: Uint16Array;
  indices = new Int32Array(256);
  values = new Float32Array(256);
  size = 0;

  constructor(rows: number) {
    this.counts = new Uint16Array(rows);
  }

  add(row: number): void {
    const c = this.counts[row] ?? 0;
    if (c === 0) {
      if (this.size === this.indices.length) {
        const grown = new Int32Array(this.size * 2);
        grown.set(this.indices);
        this.indices = grown;
        this.values = new Float32Array(this.size * 2);
      }
      this.indices[this.size] = row;
      this.size += 1;
    }
    if (c < 65535) this.counts[row] = c + 1;
  }

  /** Turns the counts into TF-IDF weights (sublinear tf, L2 norm per block) and clears them. */
  weigh(vocabulary: Vocabulary, charRow: number): void {
    const { counts, size, indices, values } = this;
    const idf = vocabulary.idf;
    let wordNorm = 0;
    let charNorm = 0;
    for (let i = 0; i < size; i += 1) {
      const row = indices[i] ?? 0;
      const count = counts[row] ?? 1;
      const value = (count === 1 ? 1 : 1 + Math.log(count)) * (idf[row] ?? 0);
      counts[row] = 0;
      values[i] = value;
      if (row >= charRow) charNorm += value * value;
      else wordNorm += value * value;
    }
    const wordScale = wordNorm > 0 ? 1 / Math.sqrt(wordNorm) : 0;
    const charScale = charNorm > 0 ? vocabulary.options.charWeight / Math.sqrt(charNorm) : 0;
    for (let i = 0; i < size; i += 1)
      values[i] = (values[i] ?? 0) * ((indices[i] ?? 0) >= charRow ? charScale : wordScale);
  }
}

export const createEncoder = (vocabulary: Vocabulary): Encoder => {
  const opts = vocabulary.features;
  const bigrams = opts.wordNgrams === 2;
  const lookup = buildRowLookup(vocabulary);
  const charRow = firstCharRow(vocabulary);
  const counter = new RowCounter(vocabulary.buckets.length);
  const features = cachedTokenFeatures(opts);
  const cache = new TokenTable<EncodedToken>(TOKEN_CACHE_LIMIT);
  let ranges: Int32Array = new Int32Array(384);
  const encodeToken = (token: string): EncodedToken => {
    const f = features(token);
    const rows: number[] = [];
    for (const bucket of f.charBuckets) {
      const row = lookupRow(lookup, bucket);
      if (row >= 0) rows.push(row);
    }
    const word = f.stemHash === null ? -1 : lookupRow(lookup, wordBucket(f.stemHash, opts));
    if (word >= 0) rows.push(word);
    return { stemHash: f.stemHash, rows };
  };
  const encodeTransient = (text: string | null | undefined): TransientVector => {
    let previous: number | null = null;
    counter.size = 0;
    const prepared = text ? prepareText(text) : '';
    const scan = scanTokens(prepared, ranges);
    ranges = scan.ranges;
    for (let t = 0; t < scan.count; t += 1) {
      const e = cache.getHashed(
        prepared,
        ranges[3 * t] ?? 0,
        ranges[3 * t + 1] ?? 0,
        ranges[3 * t + 2] ?? 0,
        encodeToken,
      );
      const rows = e.rows;
      for (let r = 0; r < rows.length; r += 1) counter.add(rows[r] ?? 0);
      if (e.stemHash === null) continue;
      if (bigrams && previous !== null) {
        const row = lookupRow(lookup, bigramBucket(previous, e.stemHash, opts));
        if (row >= 0) counter.add(row);
      }
      previous = e.stemHash;
    }
    counter.weigh(vocabulary, charRow);
    return counter;
  };
  const encode = (text: string | null | undefined): SparseVector => {
    const v = encodeTransient(text);
    return { indices: v.indices.slice(0, v.size), values: v.values.slice(0, v.size) };
  };
  return { encode, encodeTransient };
};
