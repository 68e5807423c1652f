// Held-out evaluation of a training configuration: stratified folds (or one hold-out split), each
// scored through the same prediction path as a shipped model; the out-of-fold scores also fit the
// confidence temperature.
import { fitTemperature } from './calibration';
import type { LinearFit } from './linear';
import { evaluate } from './metrics';
import { MODEL_FORMAT_VERSION, scoreText, type EvaluationSummary, type Model } from './model';
import { latestPeriodSplit, rollingPeriodFolds, stratifiedFolds, stratifiedSplit } from './split';

/**
 * `auto`: 5-fold cross-validation up to 5,000 examples, one 20% stratified hold-out above; when every example carries
 * its period (month) and there are at least two, time-ordered instead: rolling folds over the last periods up to
 * 5,000 examples, the latest period as the hold-out above.
 */
export type EvaluationPlan = 'auto' | 'none' | { readonly folds: number } | { readonly holdout: number };

export interface Fold {
  readonly train: readonly number[];
  readonly test: readonly number[];
}

export interface FoldPlan {
  readonly method: string;
  readonly folds: readonly Fold[];
}

const AUTO_CV_LIMIT = 5000;
const ROLLING_FOLDS = 3;

const timeOrderedPlan = (labels: readonly string[], periods: readonly string[]): FoldPlan => {
  if (labels.length > AUTO_CV_LIMIT)
    return { method: 'time-ordered hold-out (latest period)', folds: [latestPeriodSplit(periods)] };
  const folds = rollingPeriodFolds(periods, ROLLING_FOLDS);
  return { method: `time-ordered rolling evaluation (${folds.length} periods)`, folds };
};

/** Periods of all examples when every one has one and there are at least two; otherwise null. */
export const usablePeriods = (periods: readonly (string | null | undefined)[]): readonly string[] | null =>
  periods.every((p): p is string => typeof p === 'string' && p.length > 0) && new Set(periods).size >= 2
    ? periods
    : null;

export const planFolds = (
  labels: readonly string[],
  plan: EvaluationPlan,
  seed: number,
  periods: readonly string[] | null = null,
): FoldPlan | null => {
  if (plan === 'none' || labels.length < 4 || new Set(labels).size < 2) return null;
  if (plan === 'auto' && periods) return timeOrderedPlan(labels, periods);
  const resolved = plan === 'auto' ? (labels.length <= AUTO_CV_LIMIT ? { folds: 5 } : { holdout: 0.2 }) : plan;
  if ('holdout' in resolved) {
    const split = stratifiedSplit(labels, resolved.holdout, seed);
    return { method: `${Math.round(resolved.holdout * 100)}% stratified hold-out`, folds: [split] };
  }
  const k = Math.max(2, Math.min(resolved.folds, labels.length));
  const assignment = stratifiedFolds(labels, k, seed);
  const folds = Array.from({ length: k }, (_, f) => ({
    train: [...assignment.keys()].filter((i) => assignment[i] !== f),
    test: [...assignment.keys()].filter((i) => assignment[i] === f),
  }));
  return { method: `${k}-fold stratified cross-validation`, folds };
};

/** A fitted fold as a (metadata-less) model, so it is scored exactly like a shipped one. */
export const asModel = (fit: LinearFit, labels: readonly string[], temperature: number): Model => ({
  formatVersion: MODEL_FORMAT_VERSION,
  labels,
  vocabulary: fit.vocabulary,
  weights: fit.weights,
  rowOffsets: fit.rowOffsets,
  rowScales: fit.rowScales,
  bias: fit.bias,
  temperature,
  metadata: { createdAt: '', trainingSize: 0, labelCounts: {}, evaluation: null, trainSeconds: 0 },
});

export interface FoldFitter {
  (rows: readonly number[]): { readonly names: readonly string[]; readonly fit: LinearFit };
}

export interface EvaluationResult {
  readonly summary: EvaluationSummary;
  readonly temperature: number;
}

const argmax = (values: Float64Array): number => {
  let best = 0;
  for (let k = 1; k < values.length; k += 1) if ((values[k] ?? 0) > (values[best] ?? 0)) best = k;
  return best;
};

/** Trains on each fold's training part and scores its held-out part. */
export const evaluateFolds = (
  texts: readonly (string | null | undefined)[],
  labels: readonly string[],
  plan: FoldPlan,
  fitFold: FoldFitter,
  progress: (message: string) => void,
): EvaluationResult => {
  const allLabels = [...new Set(labels)].sort();
  const position = new Map(allLabels.map((label, i) => [label, i]));
  const scores: Float64Array[] = [];
  const gold: number[] = [];
  const truth: string[] = [];
  const predicted: string[] = [];
  plan.folds.forEach((fold, f) => {
    progress(`evaluation: fold ${f + 1}/${plan.folds.length}`);
    const { names, fit } = fitFold(fold.train);
    const model = asModel(fit, names, 1);
    const global = names.map((name) => position.get(name) ?? 0);
    const known = new Set(names);
    for (const i of fold.test) {
      const local = scoreText(model, texts[i]);
      const label = labels[i] ?? '';
      truth.push(label);
      predicted.push(names[argmax(local)] ?? '');
      if (!known.has(label)) continue;
      const s = new Float64Array(allLabels.length).fill(-1e9);
      global.forEach((g, j) => {
        s[g] = local[j] ?? 0;
      });
      scores.push(s);
      gold.push(position.get(label) ?? 0);
    }
  });
  const quality = evaluate(truth, predicted);
  return {
    summary: { method: plan.method, macroF1: quality.macroF1, accuracy: quality.accuracy, n: quality.n },
    temperature: fitTemperature({ scores, gold }),
  };
};
