// trainModel: labelled texts from any source (files, operator corrections, a lexicon) → a calibrated,
// evaluated linear text classifier.
import { DEFAULT_TEMPERATURE } from './calibration';
import {
  evaluateFolds,
  planFolds,
  usablePeriods,
  type EvaluationPlan,
  type EvaluationResult,
  type FoldPlan,
} from './evaluation';
import { fitLinear, type LinearFitOptions } from './linear';
import { MODEL_FORMAT_VERSION, type Model, type Tuning } from './model';
import { DEFAULT_SVM_OPTIONS, type SvmOptions } from './svm';
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureBag, type FeatureOptions } from './text/features';
import type { VocabularyOptions } from './vectorizer';

export type { EvaluationPlan } from './evaluation';

export interface TrainingExample {
  readonly text: string | null | undefined;
  readonly label: string;
  /** Sortable period the text comes from (e.g. `2021-02`); with periods on all examples evaluation is time-ordered. */
  readonly period?: string | null;
}

export interface TrainOptions {
  readonly features?: Partial<FeatureOptions>;
  readonly vocabulary?: Partial<VocabularyOptions>;
  readonly svm?: Partial<SvmOptions>;
  /** Weights below this share of their row's largest are dropped (default 0.1). */
  readonly pruneRatio?: number;
  /** See LinearFitOptions.centroidWeight and centroidReach (defaults 0, or chosen by cross-validation, and 20). */
  readonly centroidWeight?: number;
  readonly centroidReach?: number;
  /** Held-out evaluation, which also calibrates the confidence (default `auto`). */
  readonly evaluation?: EvaluationPlan;
  /** Under cross-validation, choose class balancing and centroid blend on the folds (default true). */
  readonly tune?: boolean;
  readonly seed?: number;
  readonly description?: string;
  /** Clock for the model's creation time (injected for reproducible tests). */
  readonly now?: () => Date;
  readonly onProgress?: (message: string) => void;
}

export const DEFAULT_VOCABULARY_OPTIONS: VocabularyOptions = { minDf: 2, maxDfShare: 1, charWeight: 1 };
const DEFAULT_PRUNE_RATIO = 0.1;
const DEFAULT_CENTROID_WEIGHT = 0;
const DEFAULT_CENTROID_REACH = 20;

const resolveOptions = (options: TrainOptions): LinearFitOptions => ({
  features: { ...DEFAULT_FEATURE_OPTIONS, ...options.features },
  vocabulary: { ...DEFAULT_VOCABULARY_OPTIONS, ...options.vocabulary },
  svm: { ...DEFAULT_SVM_OPTIONS, ...(options.seed === undefined ? {} : { seed: options.seed }), ...options.svm },
  pruneRatio: options.pruneRatio ?? DEFAULT_PRUNE_RATIO,
  centroidWeight: options.centroidWeight ?? DEFAULT_CENTROID_WEIGHT,
  centroidReach: options.centroidReach ?? DEFAULT_CENTROID_REACH,
});

const countLabels = (labels: readonly string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const label of labels) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
};

const subsetFitter =
  (bags: readonly FeatureBag[], labels: readonly string[], opts: LinearFitOptions) => (rows: readonly number[]) => {
    const names = [...new Set(rows.map((i) => labels[i] ?? ''))].sort();
    const index = new Map(names.map((name, i) => [name, i]));
    const y = Int32Array.from(rows.map((i) => index.get(labels[i] ?? '') ?? 0));
    return {
      names,
      fit: fitLinear(
        rows.map((i) => bags[i] as FeatureBag),
        y,
        names.length,
        opts,
      ),
    };
  };

/** Settings tried on the folds of a cross-validation (where it runs, up to 5,000 examples). */
const TUNING_CANDIDATES: readonly Tuning[] = [
  { balancePower: 0.75, centroidWeight: 0 },
  { balancePower: 1, centroidWeight: 0 },
  { balancePower: 0.75, centroidWeight: 0.5 },
  { balancePower: 1, centroidWeight: 0.5 },
];

const tuningOf = (opts: LinearFitOptions): Tuning => ({
  balancePower: opts.svm.balancePower,
  centroidWeight: opts.centroidWeight,
});
const withTuning = (opts: LinearFitOptions, t: Tuning): LinearFitOptions => ({
  ...opts,
  centroidWeight: t.centroidWeight,
  svm: { ...opts.svm, balancePower: t.balancePower },
});

/**
 * Character n-grams tried against the default (word prefixes) on the evaluation folds, where the caller leaves
 * `charMode` free. All-position n-grams give a word about four times as many character rows, which makes prediction
 * about twice as slow; they are chosen only when they beat the prefixes by `minGain` macro-F1 (smaller differences
 * are within what the choice of fold moves: see bench/classifier/README.md).
 */
const FEATURE_CANDIDATES: readonly { readonly features: Partial<FeatureOptions>; readonly minGain: number }[] = [
  { features: { charMode: 'all', charMin: 3, charMax: 5 }, minGain: 0.005 },
];

/** Training settings with the features they need. */
interface Variant {
  readonly opts: LinearFitOptions;
  readonly bags: readonly FeatureBag[];
}

/**
 * Held-out evaluation, which also chooses settings on the same folds (time-ordered where the examples carry their
 * period): first the character n-grams (word prefixes or all positions, on every plan, the single hold-out of large
 * data included), then, under cross-validation, the class balancing and the centroid blend. Ties keep the defaults;
 * a setting the caller fixed is not varied. Data sets differ: many rare labels with a handful of examples each gain
 * from full balancing and the centroids, a few large labels lose by them.
 */
const evaluateAndChoose = (
  texts: readonly (string | null | undefined)[],
  labels: readonly string[],
  base: Variant,
  plan: FoldPlan | null,
  options: TrainOptions,
  progress: (message: string) => void,
): { chosen: Variant; evaluation: EvaluationResult | null } => {
  if (!plan) return { chosen: base, evaluation: null };
  const run = (variant: Variant, tuning: Tuning) =>
    evaluateFolds(texts, labels, plan, subsetFitter(variant.bags, labels, withTuning(variant.opts, tuning)), progress);
  const baseTuning = tuningOf(base.opts);
  const first = { variant: base, tuning: baseTuning, result: run(base, baseTuning), eligible: true };
  const tried = [first];
  const best = () =>
    tried.reduce((a, b) => (b.eligible && b.result.summary.macroF1 > a.result.summary.macroF1 ? b : a), first);
  if (options.tune !== false && options.features?.charMode === undefined) {
    for (const candidate of FEATURE_CANDIDATES) {
      const features = { ...base.opts.features, ...candidate.features };
      progress(`features: character n-grams ${features.charMode} ${features.charMin}-${features.charMax}`);
      const variant = { opts: { ...base.opts, features }, bags: texts.map((text) => extractFeatures(text, features)) };
      const result = run(variant, baseTuning);
      const eligible = result.summary.macroF1 >= first.result.summary.macroF1 + candidate.minGain;
      tried.push({ variant, tuning: baseTuning, result, eligible });
    }
  }
  const variant = best().variant;
  const free = (t: Tuning) =>
    (options.svm?.balancePower === undefined || t.balancePower === baseTuning.balancePower) &&
    (options.centroidWeight === undefined || t.centroidWeight === baseTuning.centroidWeight);
  const key = (t: Tuning) => `${t.balancePower}/${t.centroidWeight}`;
  if (options.tune !== false && plan.folds.length > 1)
    for (const tuning of TUNING_CANDIDATES.filter((t) => free(t) && key(t) !== key(baseTuning)))
      tried.push({ variant, tuning, result: run(variant, tuning), eligible: true });
  const chosen = best();
  const summary =
    tried.length > 1
      ? {
          ...chosen.result.summary,
          tuning: tried.map((t) => ({
            ...t.tuning,
            charMode: t.variant.opts.features.charMode,
            macroF1: t.result.summary.macroF1,
          })),
        }
      : chosen.result.summary;
  return {
    chosen: { opts: withTuning(chosen.variant.opts, chosen.tuning), bags: chosen.variant.bags },
    evaluation: { ...chosen.result, summary },
  };
};

/**
 * Trains a classifier. Examples with an empty label are ignored; evaluation folds give the
 * held-out quality figures stored in the metadata and calibrate the confidence.
 */
export const trainModel = (examples: readonly TrainingExample[], options: TrainOptions = {}): Model => {
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  const usable = examples.filter((e) => typeof e.label === 'string' && e.label.length > 0);
  if (usable.length === 0) throw new Error('trainModel: no labelled examples');
  const opts = resolveOptions(options);
  const texts = usable.map((e) => e.text);
  const labels = usable.map((e) => e.label);
  progress(`features: ${usable.length} texts`);
  const bags = texts.map((text) => extractFeatures(text, opts.features));
  const plan = planFolds(
    labels,
    options.evaluation ?? 'auto',
    opts.svm.seed,
    usablePeriods(usable.map((e) => e.period)),
  );
  const { chosen, evaluation } = evaluateAndChoose(texts, labels, { opts, bags }, plan, options, progress);
  const fitter = subsetFitter(chosen.bags, labels, chosen.opts);
  progress('final model');
  const { names, fit } = fitter([...labels.keys()]);
  return {
    formatVersion: MODEL_FORMAT_VERSION,
    labels: names,
    vocabulary: fit.vocabulary,
    weights: fit.weights,
    rowOffsets: fit.rowOffsets,
    rowScales: fit.rowScales,
    bias: fit.bias,
    temperature: evaluation?.temperature ?? DEFAULT_TEMPERATURE,
    metadata: {
      createdAt: (options.now ?? (() => new Date()))().toISOString(),
      trainingSize: usable.length,
      labelCounts: countLabels(labels),
      evaluation: evaluation?.summary ?? null,
      trainSeconds: Math.round(performance.now() - started) / 1000,
      ...(options.description ? { description: options.description } : {}),
    },
  };
};
