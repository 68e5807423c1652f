// trainModel: labelled texts from any source (files, operator corrections, a lexicon) → a calibrated,
// evaluated linear text classifier.
import { DEFAULT_TEMPERATURE } from './calibration';
import { evaluateFolds, planFolds, type EvaluationPlan } from './evaluation';
import { fitLinear, type LinearFitOptions } from './linear';
import { MODEL_FORMAT_VERSION, type Model } from './model';
import { DEFAULT_SVM_OPTIONS, type SvmOptions } from './svm';
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureBag, type FeatureOptions } from './text/features';
import type { VocabularyOptions } from './vectorizer';

export type { EvaluationPlan } from './evaluation';

export interface TrainingExample {
  readonly text: string | null | undefined;
  readonly label: string;
}

export interface TrainOptions {
  readonly features?: Partial<FeatureOptions>;
  readonly vocabulary?: Partial<VocabularyOptions>;
  readonly svm?: Partial<SvmOptions>;
  /** Weights below this share of their row's largest are dropped (default 0.1). */
  readonly pruneRatio?: number;
  /** Held-out evaluation, which also calibrates the confidence (default `auto`). */
  readonly evaluation?: EvaluationPlan;
  readonly seed?: number;
  readonly description?: string;
  /** Clock for the model's creation time (injected for reproducible tests). */
  readonly now?: () => Date;
  readonly onProgress?: (message: string) => void;
}

export const DEFAULT_VOCABULARY_OPTIONS: VocabularyOptions = { minDf: 2, maxDfShare: 1, charWeight: 1 };
const DEFAULT_PRUNE_RATIO = 0.1;

const resolveOptions = (options: TrainOptions): LinearFitOptions => ({
  features: { ...DEFAULT_FEATURE_OPTIONS, ...options.features },
  vocabulary: { ...DEFAULT_VOCABULARY_OPTIONS, ...options.vocabulary },
  svm: { ...DEFAULT_SVM_OPTIONS, ...(options.seed === undefined ? {} : { seed: options.seed }), ...options.svm },
  pruneRatio: options.pruneRatio ?? DEFAULT_PRUNE_RATIO,
});

const countLabels = (labels: readonly string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const label of labels) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
};

const subsetFitter = (bags: readonly FeatureBag[], labels: readonly string[], opts: LinearFitOptions) =>
  (rows: readonly number[]) => {
    const names = [...new Set(rows.map((i) => labels[i] ?? ''))].sort();
    const index = new Map(names.map((name, i) => [name, i]));
    const y = Int32Array.from(rows.map((i) => index.get(labels[i] ?? '') ?? 0));
    return { names, fit: fitLinear(rows.map((i) => bags[i] as FeatureBag), y, names.length, opts) };
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
  const fitter = subsetFitter(bags, labels, opts);
  const plan = planFolds(labels, options.evaluation ?? 'auto', opts.svm.seed);
  const evaluation = plan ? evaluateFolds(texts, labels, plan, fitter, progress) : null;
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
