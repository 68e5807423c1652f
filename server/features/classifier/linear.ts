// Fitting one linear classifier on pre-extracted feature bags: vocabulary, TF-IDF matrix, OvR SVM,
// quantised row-major weights. Used for the final model and for each evaluation fold.
import { toCsr } from './matrix';
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
}

const rowMajor = (models: readonly { weights: Float64Array }[], rows: number): Float32Array => {
  const k = models.length;
  const out = new Float32Array(rows * k);
  models.forEach((m, j) => {
    for (let r = 0; r < rows; r += 1) out[r * k + j] = m.weights[r] ?? 0;
  });
  return out;
};

/** `labels[i]` is the class index (0..classes−1) of `bags[i]`. */
export const fitLinear = (bags: readonly FeatureBag[], labels: Int32Array, classes: number, opts: LinearFitOptions): LinearFit => {
  const vocabulary = fitVocabulary(bags, opts.features, opts.vocabulary);
  const rows = vocabulary.buckets.length;
  if (classes < 2) {
    return { vocabulary, ...packRows(new Float32Array(rows * classes), classes, 0), bias: new Float32Array(classes) };
  }
  const lookup = buildRowLookup(vocabulary);
  const x = toCsr(bags.map((bag) => vectorize(bag, vocabulary, lookup)), rows);
  const models = trainOneVsRest(x, labels, classes, opts.svm);
  const packed = packRows(rowMajor(models, rows), classes, opts.pruneRatio);
  return { vocabulary, ...packed, bias: Float32Array.from(models.map((m) => m.bias)) };
};
