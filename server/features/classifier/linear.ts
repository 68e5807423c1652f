// Fitting one linear classifier on pre-extracted feature bags: vocabulary, TF-IDF matrix, OvR SVM,
// quantised row-major weights. Used for the final model and for each evaluation fold.
import { toCsr, type CsrMatrix } from './matrix';
import type { LinearWeights } from './model';
import { trainOneVsRest, type SvmOptions } from './svm';
import { buildRowLookup, fitVocabulary, vectorize, type Vocabulary, type VocabularyOptions } from './vectorizer';
import { packRows } from './weights';
import type { FeatureBag, FeatureOptions } from './text/features';

export interface LinearFit extends LinearWeights {
  readonly vocabulary: Vocabulary;
}

export interface LinearFitOptions {
  readonly features: FeatureOptions;
  readonly vocabulary: VocabularyOptions;
  readonly svm: SvmOptions;
  /** Weights below this share of their feature row's largest weight are dropped (see weights.ts). */
  readonly pruneRatio: number;
  /** Weight of each class's centroid (unit length) added to its SVM weights; 0 is a plain SVM. */
  readonly centroidWeight: number;
  /**
   * Classes with more examples than this get a centroid weight reduced by √(reach / examples):
   * with many examples the SVM alone is the better judge.
   */
  readonly centroidReach: number;
}

const rowMajor = (models: readonly { weights: Float64Array }[], rows: number): Float32Array => {
  const k = models.length;
  const out = new Float32Array(rows * k);
  models.forEach((m, j) => {
    for (let r = 0; r < rows; r += 1) out[r * k + j] = m.weights[r] ?? 0;
  });
  return out;
};

/**
 * Adds `centroidWeight` × the unit-length mean of each class's rows to that class's weights (row-major
 * `dense`): a nearest-centroid vote blended into the SVM, which still is one linear model. It helps
 * classes with a handful of examples, where the SVM's margin rests on one or two messages.
 */
const addCentroids = (
  dense: Float32Array,
  x: CsrMatrix,
  labels: Int32Array,
  classes: number,
  opts: LinearFitOptions,
): void => {
  const sums = new Float64Array(dense.length);
  for (let i = 0; i < x.rows; i += 1) {
    const k = labels[i] ?? 0;
    for (let p = x.indptr[i] ?? 0; p < (x.indptr[i + 1] ?? 0); p += 1) {
      const cell = (x.indices[p] ?? 0) * classes + k;
      sums[cell] = (sums[cell] ?? 0) + (x.values[p] ?? 0);
    }
  }
  const squares = new Float64Array(classes);
  sums.forEach((v, cell) => {
    squares[cell % classes] = (squares[cell % classes] ?? 0) + v * v;
  });
  const counts = new Float64Array(classes);
  for (const k of labels) counts[k] = (counts[k] ?? 0) + 1;
  const scales = Float64Array.from(squares, (sq, k) =>
    sq > 0 ? (opts.centroidWeight * Math.min(1, Math.sqrt(opts.centroidReach / (counts[k] ?? 1)))) / Math.sqrt(sq) : 0,
  );
  sums.forEach((v, cell) => {
    if (v !== 0) dense[cell] = (dense[cell] ?? 0) + v * (scales[cell % classes] ?? 0);
  });
};

/** `labels[i]` is the class index (0..classes−1) of `bags[i]`. */
export const fitLinear = (
  bags: readonly FeatureBag[],
  labels: Int32Array,
  classes: number,
  opts: LinearFitOptions,
): LinearFit => {
  const vocabulary = fitVocabulary(bags, opts.features, opts.vocabulary);
  const rows = vocabulary.buckets.length;
  if (classes < 2) {
    return { vocabulary, ...packRows(new Float32Array(rows * classes), classes, 0), bias: new Float32Array(classes) };
  }
  const lookup = buildRowLookup(vocabulary);
  const x = toCsr(
    bags.map((bag) => vectorize(bag, vocabulary, lookup)),
    rows,
  );
  const models = trainOneVsRest(x, labels, classes, opts.svm);
  const dense = rowMajor(models, rows);
  if (opts.centroidWeight > 0) addCentroids(dense, x, labels, classes, opts);
  const packed = packRows(dense, classes, opts.pruneRatio);
  return { vocabulary, ...packed, bias: Float32Array.from(models.map((m) => m.bias)) };
};
