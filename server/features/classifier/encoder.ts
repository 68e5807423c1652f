// Prediction-time vectoriser: the same features and TF-IDF weighting as `vectorize(extractFeatures())`
// (a test holds them equal), with each token's vocabulary rows memoised and counts kept by row.
import { bigramBucket, cachedTokenFeatures, wordBucket } from './text/features';
import { normalizeText } from './text/normalize';
import { scanTokens } from './text/tokenize';
import { TokenTable } from './token-table';
import { buildRowLookup, lookupRow, type SparseVector, type Vocabulary } from './vectorizer';

const TOKEN_CACHE_LIMIT = 100_000;

export interface Encoder {
  /** The TF-IDF vector of a text (fresh arrays). */
  encode(text: string | null | undefined): SparseVector;
  /** The same vector in buffers reused by the next call (for immediate scoring). */
  encodeTransient(text: string | null | undefined): SparseVector;
}

/** A token's known vocabulary rows (character n-grams first, then its stem, as the walk visits them). */
interface EncodedToken {
  readonly stemHash: number | null;
  readonly rows: Int32Array;
}

const firstCharRow = (vocabulary: Vocabulary): number => {
  const charStart = 1 << vocabulary.features.hashBits;
  const index = vocabulary.buckets.findIndex((bucket) => bucket >= charStart);
  return index < 0 ? vocabulary.buckets.length : index;
};

class RowCounter {
  readonly counts: Uint16Array;
  touched = new Int32Array(256);
  size = 0;

  constructor(rows: number) {
    this.counts = new Uint16Array(rows);
  }

  add(row: number): void {
    const c = this.counts[row] ?? 0;
    if (c === 0) {
      if (this.size === this.touched.length) {
        const grown = new Int32Array(this.size * 2);
        grown.set(this.touched);
        this.touched = grown;
      }
      this.touched[this.size] = row;
      this.size += 1;
    }
    if (c < 65535) this.counts[row] = c + 1;
  }
}

interface Buffers {
  indices: Int32Array;
  values: Float32Array;
}

const weigh = (counter: RowCounter, vocabulary: Vocabulary, charRow: number, buffers: Buffers): SparseVector => {
  const { counts, size } = counter;
  if (buffers.indices.length < size) {
    buffers.indices = new Int32Array(size * 2);
    buffers.values = new Float32Array(size * 2);
  }
  const indices = buffers.indices.subarray(0, size);
  indices.set(counter.touched.subarray(0, size));
  const values = buffers.values.subarray(0, size);
  let wordNorm = 0;
  let charNorm = 0;
  for (let i = 0; i < size; i += 1) {
    const row = indices[i] ?? 0;
    const count = counts[row] ?? 1;
    const value = (count === 1 ? 1 : 1 + Math.log(count)) * (vocabulary.idf[row] ?? 0);
    counts[row] = 0;
    values[i] = value;
    if (row >= charRow) charNorm += value * value;
    else wordNorm += value * value;
  }
  counter.size = 0;
  const wordScale = wordNorm > 0 ? 1 / Math.sqrt(wordNorm) : 0;
  const charScale = charNorm > 0 ? vocabulary.options.charWeight / Math.sqrt(charNorm) : 0;
  for (let i = 0; i < size; i += 1) values[i] = (values[i] ?? 0) * ((indices[i] ?? 0) >= charRow ? charScale : wordScale);
  return { indices, values };
};

export const createEncoder = (vocabulary: Vocabulary): Encoder => {
  const opts = vocabulary.features;
  const lookup = buildRowLookup(vocabulary);
  const charRow = firstCharRow(vocabulary);
  const counter = new RowCounter(vocabulary.buckets.length);
  const features = cachedTokenFeatures(opts);
  const cache = new TokenTable<EncodedToken>(TOKEN_CACHE_LIMIT);
  let ranges: Int32Array = new Int32Array(256);
  const encodeToken = (token: string): EncodedToken => {
    const f = features(token);
    const rows: number[] = [];
    for (const bucket of f.charBuckets) {
      const row = lookupRow(lookup, bucket);
      if (row >= 0) rows.push(row);
    }
    const word = f.stemHash === null ? -1 : lookupRow(lookup, wordBucket(f.stemHash, opts));
    if (word >= 0) rows.push(word);
    return { stemHash: f.stemHash, rows: Int32Array.from(rows) };
  };
  const buffers: Buffers = { indices: new Int32Array(256), values: new Float32Array(256) };
  const encodeTransient = (text: string | null | undefined): SparseVector => {
    let previous: number | null = null;
    const normalized = text ? normalizeText(text) : '';
    const scan = scanTokens(normalized, ranges);
    ranges = scan.ranges;
    for (let t = 0; t < scan.count; t += 1) {
      const e = cache.get(normalized, ranges[2 * t] ?? 0, ranges[2 * t + 1] ?? 0, encodeToken);
      for (const row of e.rows) counter.add(row);
      if (e.stemHash === null) continue;
      if (opts.wordNgrams === 2 && previous !== null) {
        const row = lookupRow(lookup, bigramBucket(previous, e.stemHash, opts));
        if (row >= 0) counter.add(row);
      }
      previous = e.stemHash;
    }
    return weigh(counter, vocabulary, charRow, buffers);
  };
  const encode = (text: string | null | undefined): SparseVector => {
    const v = encodeTransient(text);
    return { indices: v.indices.slice(), values: v.values.slice() };
  };
  return { encode, encodeTransient };
};
