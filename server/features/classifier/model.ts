// The trained text classifier: vocabulary, one-vs-rest linear weights, calibration, metadata; prediction.
import { softmaxInto } from './calibration';
import { createEncoder, type Encoder, type RowScorer } from './encoder';
import type { SparseVector, Vocabulary } from './vectorizer';
import type { PackedWeights } from './weights';

export const MODEL_FORMAT_VERSION = 1;

export interface EvaluationSummary {
  /** How the figures were obtained, e.g. `5-fold cross-validation` or `20% stratified hold-out`. */
  readonly method: string;
  readonly macroF1: number;
  readonly accuracy: number;
  /** Number of held-out predictions the figures are computed over. */
  readonly n: number;
  /**
   * When the folds also chose the settings (character n-grams, balancing, centroids): each candidate's macro-F1 on
   * the same folds (the figures above are those of the chosen one, so slightly optimistic).
   */
  readonly tuning?: readonly (Tuning & { readonly charMode?: string; readonly macroF1: number })[];
}

/** Training settings chosen per data set by cross-validation (see train.ts). */
export interface Tuning {
  readonly balancePower: number;
  readonly centroidWeight: number;
}

export interface ModelMetadata {
  readonly createdAt: string;
  readonly trainingSize: number;
  readonly labelCounts: Readonly<Record<string, number>>;
  readonly evaluation: EvaluationSummary | null;
  readonly trainSeconds: number;
  readonly description?: string;
}

/** One-vs-rest linear weights over vocabulary rows, packed (see weights.ts); labels = `bias.length`. */
export interface LinearWeights extends PackedWeights {
  readonly bias: Float32Array;
}

export interface Model extends LinearWeights {
  readonly formatVersion: number;
  readonly labels: readonly string[];
  readonly vocabulary: Vocabulary;
  readonly temperature: number;
  readonly metadata: ModelMetadata;
}

export interface LabelScore {
  readonly label: string;
  readonly score: number;
}

export interface Prediction {
  readonly label: string;
  /** Calibrated probability of `label`. */
  readonly confidence: number;
  /** Best labels with calibrated probabilities, highest first. */
  readonly top: readonly LabelScore[];
}

export interface PredictOptions {
  /** How many labels to list in `top` (default 5). */
  readonly top?: number;
}

/** Per-model prediction state built on first use: the encoder and reusable score buffers. */
interface Runtime {
  readonly encoder: Encoder;
  /**
   * Whether texts are scored in the split form (memoised character scores per token). It pays with all-position
   * n-grams, about three character rows per letter of a word; with word prefixes (at most two rows a word) scoring
   * the rows directly is faster (15–20 % on the benchmark's texts, and no per-token score array to keep).
   */
  readonly split: boolean;
  readonly scores: Float64Array;
  readonly probabilities: Float64Array;
  /** Best labels found so far by `topOf` (indices and probabilities), as long as the longest list asked for. */
  topIndex: Int32Array;
  topValue: Float64Array;
}

const runtimes = new WeakMap<Model, Runtime>();

const runtimeOf = (model: Model): Runtime => {
  let runtime = runtimes.get(model);
  if (!runtime) {
    const k = model.labels.length;
    const split = model.vocabulary.features.charMode === 'all';
    runtime = {
      encoder: createEncoder(model.vocabulary, split ? rowScorer(model) : undefined),
      split,
      scores: new Float64Array(k),
      probabilities: new Float64Array(k),
      topIndex: new Int32Array(5),
      topValue: new Float64Array(5),
    };
    runtimes.set(model, runtime);
  }
  return runtime;
};

/** Adds `x ·` (a sparse row of (label, value) pairs) to `out`. */
const addSparseRow = (w: Int16Array, from: number, to: number, x: number, out: Float64Array): void => {
  for (let q = from; q < to; q += 2) {
    const label = w[q] ?? 0;
    out[label] = (out[label] ?? 0) + (w[q + 1] ?? 0) * x;
  }
};

/** Adds eight dense rows at once (fewer loads and stores of `out` per weight). */
const addDenseRows8 = (w: Int16Array, o: Int32Array, x: Float64Array, k: number, out: Float64Array): void => {
  const a = o[0] ?? 0;
  const b = o[1] ?? 0;
  const c = o[2] ?? 0;
  const d = o[3] ?? 0;
  const e = o[4] ?? 0;
  const f = o[5] ?? 0;
  const g = o[6] ?? 0;
  const h = o[7] ?? 0;
  const xa = x[0] ?? 0;
  const xb = x[1] ?? 0;
  const xc = x[2] ?? 0;
  const xd = x[3] ?? 0;
  const xe = x[4] ?? 0;
  const xf = x[5] ?? 0;
  const xg = x[6] ?? 0;
  const xh = x[7] ?? 0;
  for (let j = 0; j < k; j += 1) {
    out[j] =
      (out[j] ?? 0) +
      (w[a + j] ?? 0) * xa +
      (w[b + j] ?? 0) * xb +
      (w[c + j] ?? 0) * xc +
      (w[d + j] ?? 0) * xd +
      (w[e + j] ?? 0) * xe +
      (w[f + j] ?? 0) * xf +
      (w[g + j] ?? 0) * xg +
      (w[h + j] ?? 0) * xh;
  }
};

/** Adds four dense rows at once, the `at`-th to `at + 3`-th pending ones. */
const addDenseRows4 = (
  w: Int16Array,
  o: Int32Array,
  x: Float64Array,
  at: number,
  k: number,
  out: Float64Array,
): void => {
  const a = o[at] ?? 0;
  const b = o[at + 1] ?? 0;
  const c = o[at + 2] ?? 0;
  const d = o[at + 3] ?? 0;
  const xa = x[at] ?? 0;
  const xb = x[at + 1] ?? 0;
  const xc = x[at + 2] ?? 0;
  const xd = x[at + 3] ?? 0;
  for (let j = 0; j < k; j += 1) {
    out[j] = (out[j] ?? 0) + (w[a + j] ?? 0) * xa + (w[b + j] ?? 0) * xb + (w[c + j] ?? 0) * xc + (w[d + j] ?? 0) * xd;
  }
};

const addDenseRow = (w: Int16Array, from: number, x: number, k: number, out: Float64Array): void => {
  for (let j = 0; j < k; j += 1) out[j] = (out[j] ?? 0) + (w[from + j] ?? 0) * x;
};

const BATCH = 8;
const pendingOffsets = new Int32Array(BATCH);
const pendingValues = new Float64Array(BATCH);

/** Decision scores `W·x + b` (`W·x` without `bias`) for every label of the first `size` entries of a vector, into `out`. */
const scoreRows = (
  linear: LinearWeights,
  indices: Int32Array,
  values: Float32Array,
  size: number,
  out: Float64Array,
  bias = true,
): void => {
  const k = linear.bias.length;
  const { weights: w, rowOffsets, rowScales } = linear;
  if (bias) out.set(linear.bias);
  else out.fill(0, 0, k);
  let pending = 0;
  for (let p = 0; p < size; p += 1) {
    const row = indices[p] ?? 0;
    const from = rowOffsets[row] ?? 0;
    const to = rowOffsets[row + 1] ?? 0;
    const x = (values[p] ?? 0) * (rowScales[row] ?? 0);
    if (to - from !== k) {
      addSparseRow(w, from, to, x, out);
      continue;
    }
    pendingOffsets[pending] = from;
    pendingValues[pending] = x;
    pending += 1;
    if (pending === BATCH) {
      addDenseRows8(w, pendingOffsets, pendingValues, k, out);
      pending = 0;
    }
  }
  let done = 0;
  if (pending >= 4) {
    addDenseRows4(w, pendingOffsets, pendingValues, 0, k, out);
    done = 4;
  }
  for (let i = done; i < pending; i += 1) addDenseRow(w, pendingOffsets[i] ?? 0, pendingValues[i] ?? 0, k, out);
};

/** Decision scores `W·x + b` for every label, written into `out`. */
export const scoreVector = (linear: LinearWeights, vector: SparseVector, out: Float64Array): void =>
  scoreRows(linear, vector.indices, vector.values, vector.indices.length, out);

/** A token's character scores: its rows weighted by their idf, scored without the bias (see SplitVector). */
const rowScorer = (model: Model): RowScorer => {
  const k = model.labels.length;
  const scratch = new Float64Array(k);
  const idf = model.vocabulary.idf;
  let indices = new Int32Array(64);
  let values = new Float32Array(64);
  return {
    labels: k,
    score: (rows, from, count, out, at) => {
      if (count > indices.length) {
        indices = new Int32Array(2 * count);
        values = new Float32Array(2 * count);
      }
      for (let r = 0; r < count; r += 1) {
        const row = rows[from + r] ?? 0;
        indices[r] = row;
        values[r] = idf[row] ?? 0;
      }
      scoreRows(model, indices, values, count, scratch, false);
      out.set(scratch, at);
    },
  };
};

/** Scores a text into the runtime's score buffer (in the split form where `runtime.split`). */
const scoreInto = (model: Model, runtime: Runtime, text: string | null | undefined): Float64Array => {
  const out = runtime.scores;
  if (!runtime.split) {
    const v = runtime.encoder.encodeTransient(text);
    scoreRows(model, v.indices, v.values, v.size, out);
    return out;
  }
  const v = runtime.encoder.encodeSplit(text);
  scoreRows(model, v.indices, v.values, v.size, out);
  const { charSum, charScale } = v;
  const k = out.length;
  let j = 0;
  // four at a time, as the encoder sums the tokens' character scores (about twice as fast in V8)
  for (; j + 4 <= k; j += 4) {
    out[j] = (out[j] ?? 0) + charScale * (charSum[j] ?? 0);
    out[j + 1] = (out[j + 1] ?? 0) + charScale * (charSum[j + 1] ?? 0);
    out[j + 2] = (out[j + 2] ?? 0) + charScale * (charSum[j + 2] ?? 0);
    out[j + 3] = (out[j + 3] ?? 0) + charScale * (charSum[j + 3] ?? 0);
  }
  for (; j < k; j += 1) out[j] = (out[j] ?? 0) + charScale * (charSum[j] ?? 0);
  return out;
};

/** Raw decision scores of a text, one per label (for evaluation and hierarchical combination). */
export const scoreText = (model: Model, text: string | null | undefined): Float64Array =>
  scoreInto(model, runtimeOf(model), text).slice();

/** The `n` most probable labels, highest first (insertion into a short sorted list kept in `runtime`). */
const topOf = (labels: readonly string[], probabilities: Float64Array, n: number, runtime: Runtime): LabelScore[] => {
  const size = Math.max(1, Math.min(n, probabilities.length));
  if (runtime.topIndex.length < size) {
    runtime.topIndex = new Int32Array(size);
    runtime.topValue = new Float64Array(size);
  }
  const { topIndex: index, topValue: value } = runtime;
  value.fill(-1, 0, size);
  const last = size - 1;
  for (let i = 0; i < probabilities.length; i += 1) {
    const p = probabilities[i] ?? 0;
    if (p <= (value[last] ?? 0)) continue;
    let at = last;
    while (at > 0 && p > (value[at - 1] ?? 0)) {
      value[at] = value[at - 1] ?? 0;
      index[at] = index[at - 1] ?? 0;
      at -= 1;
    }
    value[at] = p;
    index[at] = i;
  }
  const top: LabelScore[] = [];
  for (let j = 0; j < size; j += 1)
    if ((value[j] ?? -1) >= 0) top.push({ label: labels[index[j] ?? 0] ?? '', score: value[j] ?? 0 });
  return top;
};

/** Calibrated probabilities of every label for a text (a new array). */
export const predictProbabilities = (model: Model, text: string | null | undefined): Float64Array => {
  const probabilities = new Float64Array(model.labels.length);
  softmaxInto(scoreInto(model, runtimeOf(model), text), model.temperature, probabilities);
  return probabilities;
};

/** The most probable label of a text with its calibrated confidence and the runners-up. */
export const predict = (model: Model, text: string | null | undefined, options: PredictOptions = {}): Prediction => {
  const runtime = runtimeOf(model);
  softmaxInto(scoreInto(model, runtime, text), model.temperature, runtime.probabilities);
  const top = topOf(model.labels, runtime.probabilities, options.top ?? 5, runtime);
  const best = top[0] ?? { label: '', score: 0 };
  return { label: best.label, confidence: best.score, top };
};
