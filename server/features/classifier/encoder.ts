// Prediction-time vectoriser: the same features and TF-IDF weighting as `vectorize(extractFeatures())`
// (a test holds them equal), with each token's vocabulary rows memoised and counts kept by row.
import { bigramBucket, tokenFeatures, wordBucket } from './text/features';
import { prepareText } from './text/normalize';
import { scanTokens } from './text/tokenize';
import { TokenTable } from './token-table';
import { buildRowLookup, lookupRow, termFrequency, type SparseVector, type Vocabulary } from './vectorizer';

const TOKEN_CACHE_LIMIT = 100_000;

/** A vector held in an encoder's own buffers: entries [0, size) are valid until its next call. */
export interface TransientVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
  readonly size: number;
}

/**
 * The TF-IDF vector of a text split for scoring: `charSum` is Σ over its tokens of each token's memoised character
 * scores (`Σ idf·w` over the token's character rows, as if every character row occurred once in the text), and the
 * transient rows hold the word block (weighted) plus, for the character rows that occur c > 1 times, the correction
 * `(1 + ln c − c)·idf·charScale`. Scores = bias + W·rows + charScale · charSum equal the scores of the full vector.
 */
export interface SplitVector extends TransientVector {
  readonly charSum: Float64Array;
  readonly charScale: number;
}

/** The model's weights as the split encoding needs them. */
export interface RowScorer {
  readonly labels: number;
  /** Writes Σ idf[row]·w[row, :] over `rows[from, from + count)` (bias excluded) into `out[at, at + labels)`. */
  score(rows: Int32Array, from: number, count: number, out: Float32Array, at: number): void;
}

export interface Encoder {
  /** The TF-IDF vector of a text (fresh arrays). */
  encode(text: string | null | undefined): SparseVector;
  /** The same vector in buffers reused by the next call (for immediate scoring; nothing allocated). */
  encodeTransient(text: string | null | undefined): TransientVector;
  /** The vector split for scoring with memoised per-token character scores (needs the encoder's `RowScorer`). */
  encodeSplit(text: string | null | undefined): SplitVector;
}

/**
 * Every known token's vocabulary rows, one record per token side by side in one array (a token's data is then one
 * memory region, not an object, an array and the array's elements): the fields below, then the rows — character
 * n-grams first, then the stem, as the walk visits them.
 */
class TokenRecords {
  static readonly STEM_HASH = 0;
  static readonly HAS_STEM = 1;
  /** How many of the rows are character rows (the first ones). */
  static readonly CHAR_ROWS = 2;
  static readonly ROWS = 3;
  /** The token's slot in the encoder's store of character scores (−1 until first scored). */
  static readonly CHAR_SLOT = 4;
  static readonly HEADER = 5;
  ints = new Int32Array(1 << 14);
  length = 0;

  /** Room for a record of `rows` rows; returns its offset (the caller fills it). */
  allocate(rows: number): number {
    const size = TokenRecords.HEADER + rows;
    if (this.length + size > this.ints.length) {
      const grown = new Int32Array(Math.max(2 * this.ints.length, this.length + size));
      grown.set(this.ints.subarray(0, this.length));
      this.ints = grown;
    }
    const at = this.length;
    this.length += size;
    return at;
  }
}
const { STEM_HASH, HAS_STEM, CHAR_ROWS, ROWS, CHAR_SLOT, HEADER } = TokenRecords;

/**
 * `sum[j] += row[at + j]` for j < k, four at a time: V8 runs this about twice as fast as the plain loop (measured with
 * 15–123 labels), and it runs once per token of every text.
 */
const addRow = (sum: Float64Array, row: Float32Array, at: number, k: number): void => {
  let j = 0;
  for (; j + 4 <= k; j += 4) {
    sum[j] = (sum[j] ?? 0) + (row[at + j] ?? 0);
    sum[j + 1] = (sum[j + 1] ?? 0) + (row[at + j + 1] ?? 0);
    sum[j + 2] = (sum[j + 2] ?? 0) + (row[at + j + 2] ?? 0);
    sum[j + 3] = (sum[j + 3] ?? 0) + (row[at + j + 3] ?? 0);
  }
  for (; j < k; j += 1) sum[j] = (sum[j] ?? 0) + (row[at + j] ?? 0);
};

const firstCharRow = (vocabulary: Vocabulary): number => {
  const charStart = 1 << vocabulary.features.hashBits;
  const index = vocabulary.buckets.findIndex((bucket) => bucket >= charStart);
  return index < 0 ? vocabulary.buckets.length : index;
};

/** Counts of the rows of one text; `indices` lists the rows met, in first-seen order, `values` gets their weights. */
class RowCounter implements TransientVector {
  readonly counts: Uint16Array;
  /**
   * The text number (`epoch`, modulo 255) in which a character row was last met, for `addRepeat`: one byte a row, so
   * that the stamps of an all-position vocabulary stay in the processor's cache (cleared every 255 texts).
   */
  private readonly seen: Uint8Array;
  private epoch = 0;
  indices = new Int32Array(256);
  values = new Float32Array(256);
  size = 0;

  constructor(rows: number) {
    this.counts = new Uint16Array(rows);
    this.seen = new Uint8Array(rows);
  }

  /** Starts counting a new text. */
  clear(): void {
    this.size = 0;
    this.epoch = (this.epoch + 1) & 255;
    if (this.epoch === 0) {
      this.seen.fill(0);
      this.epoch = 1;
    }
  }

  /**
   * Counts a row only from its second occurrence in the text on (the split form needs just the character rows that
   * repeat): a row met once is never listed, and a listed row's count includes its first occurrence.
   */
  addRepeat(row: number): void {
    if (this.seen[row] !== this.epoch) {
      this.seen[row] = this.epoch;
      return;
    }
    const c = this.counts[row] ?? 0;
    if (c === 0) {
      this.add(row);
      this.counts[row] = 2;
    } else if (c < 65535) this.counts[row] = c + 1;
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
      const value = termFrequency(counts[row] ?? 1) * (idf[row] ?? 0);
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

  /**
   * The split form (see SplitVector): word rows weighted as in `weigh`; character rows dropped unless they occur more
   * than once, which adds their `(tf² − c)·idf²` to `charNorm` (the sum of Σ idf² over the tokens) and keeps them
   * with `(tf − c)·idf·charScale`. Returns charScale; clears the counts.
   */
  weighSplit(vocabulary: Vocabulary, charRow: number, naiveCharNorm: number): number {
    const { counts, indices, values } = this;
    const idf = vocabulary.idf;
    let wordNorm = 0;
    let charNorm = naiveCharNorm;
    let kept = 0;
    for (let i = 0; i < this.size; i += 1) {
      const row = indices[i] ?? 0;
      const count = counts[row] ?? 1;
      counts[row] = 0;
      const tf = termFrequency(count);
      const weight = idf[row] ?? 0;
      if (row < charRow) {
        wordNorm += tf * tf * weight * weight;
        values[kept] = tf * weight;
      } else if (count > 1) {
        charNorm += (tf * tf - count) * weight * weight;
        values[kept] = (tf - count) * weight;
      } else continue;
      indices[kept] = row;
      kept += 1;
    }
    this.size = kept;
    const wordScale = wordNorm > 0 ? 1 / Math.sqrt(wordNorm) : 0;
    const charScale = charNorm > 0 ? vocabulary.options.charWeight / Math.sqrt(charNorm) : 0;
    for (let i = 0; i < kept; i += 1)
      values[i] = (values[i] ?? 0) * ((indices[i] ?? 0) >= charRow ? charScale : wordScale);
    return charScale;
  }
}

const NO_SCORER: RowScorer = {
  labels: 0,
  score: () => {
    throw new Error('encodeSplit needs the model weights (createEncoder(vocabulary, scorer))');
  },
};

/** `tokenLimit`: how many tokens the encoder memoises before it starts again (smaller in tests). */
export const createEncoder = (
  vocabulary: Vocabulary,
  scorer: RowScorer = NO_SCORER,
  tokenLimit = TOKEN_CACHE_LIMIT,
): Encoder => {
  const opts = vocabulary.features;
  const bigrams = opts.wordNgrams === 2;
  const lookup = buildRowLookup(vocabulary);
  const charRow = firstCharRow(vocabulary);
  const counter = new RowCounter(vocabulary.buckets.length);
  // the token table below memoises every token's features for this model: no shared cache in front of it
  const features = (token: string) => tokenFeatures(token, opts);
  const k = scorer.labels;
  // Every scored token's character scores, side by side in one array (summing rows of one array is about three
  // times faster than summing a separate small array per token), and Σ idf² over its character rows; a token's slot
  // holds both. Emptied when the token table is.
  let store = new Float32Array(64 * k);
  let norms = new Float64Array(64);
  let slots = 0;
  const records = new TokenRecords();
  const cache = new TokenTable<number>(tokenLimit, () => {
    slots = 0;
    records.length = 0;
  });
  let ranges: Int32Array = new Int32Array(384);
  let found = new Int32Array(64);
  /** A new token's record: its known rows, looked up once. */
  const encodeToken = (token: string): number => {
    const f = features(token);
    if (found.length < f.charBuckets.length + 1) found = new Int32Array(2 * (f.charBuckets.length + 1));
    let n = 0;
    for (const bucket of f.charBuckets) {
      const row = lookupRow(lookup, bucket);
      if (row >= 0) found[n++] = row;
    }
    const charRows = n;
    const word = f.stemHash === null ? -1 : lookupRow(lookup, wordBucket(f.stemHash, opts));
    if (word >= 0) found[n++] = word;
    const at = records.allocate(n);
    const ints = records.ints;
    ints[at + STEM_HASH] = f.stemHash ?? 0;
    ints[at + HAS_STEM] = f.stemHash === null ? 0 : 1;
    ints[at + CHAR_ROWS] = charRows;
    ints[at + ROWS] = n;
    ints[at + CHAR_SLOT] = -1;
    ints.set(found.subarray(0, n), at + HEADER);
    return at;
  };
  /**
   * Counts the rows of a text's tokens and bigrams; `onToken` sees every token's record. With `repeatsOnly`, a
   * token's character rows are counted only where they repeat in the text (see `RowCounter.addRepeat`).
   */
  const countRows = (text: string | null | undefined, onToken: (at: number) => void, repeatsOnly: boolean): void => {
    let previous = 0;
    let hasPrevious = false;
    counter.clear();
    const prepared = text ? prepareText(text) : '';
    const scan = scanTokens(prepared, ranges);
    ranges = scan.ranges;
    for (let t = 0; t < scan.count; t += 1) {
      const at = cache.getHashed(
        prepared,
        ranges[3 * t] ?? 0,
        ranges[3 * t + 1] ?? 0,
        ranges[3 * t + 2] ?? 0,
        encodeToken,
      );
      onToken(at);
      const ints = records.ints;
      const first = at + HEADER;
      const charEnd = first + (ints[at + CHAR_ROWS] ?? 0);
      const end = first + (ints[at + ROWS] ?? 0);
      let r = first;
      if (repeatsOnly) for (; r < charEnd; r += 1) counter.addRepeat(ints[r] ?? 0);
      for (; r < end; r += 1) counter.add(ints[r] ?? 0);
      if (ints[at + HAS_STEM] === 0) continue;
      const stemHash = ints[at + STEM_HASH] ?? 0;
      if (bigrams && hasPrevious) {
        const row = lookupRow(lookup, bigramBucket(previous, stemHash, opts));
        if (row >= 0) counter.add(row);
      }
      previous = stemHash;
      hasPrevious = true;
    }
  };
  const ignore = (): void => undefined;
  const encodeTransient = (text: string | null | undefined): TransientVector => {
    countRows(text, ignore, false);
    counter.weigh(vocabulary, charRow);
    return counter;
  };
  const charSum = new Float64Array(k);
  let naiveCharNorm = 0;
  const addCharScores = (token: number): void => {
    const ints = records.ints;
    const charRows = ints[token + CHAR_ROWS] ?? 0;
    if (charRows === 0) return;
    let slot = ints[token + CHAR_SLOT] ?? -1;
    if (slot < 0) {
      if (slots === norms.length) {
        const grown = new Float32Array(2 * store.length);
        grown.set(store);
        store = grown;
        const grownNorms = new Float64Array(2 * norms.length);
        grownNorms.set(norms);
        norms = grownNorms;
      }
      slot = slots;
      slots += 1;
      scorer.score(ints, token + HEADER, charRows, store, slot * k);
      let norm = 0;
      for (let r = 0; r < charRows; r += 1) norm += (vocabulary.idf[ints[token + HEADER + r] ?? 0] ?? 0) ** 2;
      ints[token + CHAR_SLOT] = slot;
      norms[slot] = norm;
    }
    addRow(charSum, store, slot * k, k);
    naiveCharNorm += norms[slot] ?? 0;
  };
  const split = { indices: counter.indices, values: counter.values, size: 0, charSum, charScale: 0 };
  const encodeSplit = (text: string | null | undefined): SplitVector => {
    charSum.fill(0);
    naiveCharNorm = 0;
    countRows(text, addCharScores, true);
    split.charScale = counter.weighSplit(vocabulary, charRow, naiveCharNorm);
    split.indices = counter.indices;
    split.values = counter.values;
    split.size = counter.size;
    return split;
  };
  const encode = (text: string | null | undefined): SparseVector => {
    const v = encodeTransient(text);
    return { indices: v.indices.slice(0, v.size), values: v.values.slice(0, v.size) };
  };
  return { encode, encodeTransient, encodeSplit };
};
