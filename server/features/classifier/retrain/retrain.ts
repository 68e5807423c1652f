// Retraining from operators' corrections: the seed material of the default classifier plus the stored
// training examples (corrections weigh more), evaluated on the newest corrections (held out: the model is judged on
// what came after what it learnt from) and on the fixed check set against the active model; the new version is
// stored, and switched on only when it is not worse.
import { writeFile } from 'node:fs/promises';
import { type Ctx, withTransaction } from '../../../lib/context';
import { AppError } from '../../../lib/errors';
import { serializeHierarchical } from '../bundle';
import { loadDefaultClassifier } from '../default-model/load-default';
import { seedExamples } from '../default-model/seeds';
import { trainHierarchical, type HierarchicalExample, type HierarchicalModels } from '../hierarchy';
import { CHECK_SET } from './check-set';
import { evaluateHierarchical, worseFigures, type HierarchicalFigures } from './evaluate-hierarchical';
import { insertModel, loadActiveModel } from './models.repository';

/** Each stored training example counts this many times against one seed phrase (documented in the README). */
export const CORRECTION_WEIGHT = 3;
/** Share of the stored examples, the newest, held out to compare the new model with the active one. */
export const HOLDOUT_SHARE = 0.2;
/** Below this many stored examples no held-out part is taken (the check set decides alone). */
export const MIN_FOR_HOLDOUT = 10;
export const DEFAULT_TOLERANCE = 0.01;

export interface RetrainOptions {
  /** How much lower a figure of the new model may be than the active one's (0..1). */
  tolerance?: number;
  seed?: number;
  /** Also write the new model to this file (the stored copy in the database is always written). */
  out?: string;
}

export interface RetrainResult {
  version: number;
  status: 'active' | 'candidate';
  comparedWith: string;
  trainingSize: number;
  corrections: number;
  heldOut: { new: HierarchicalFigures; active: HierarchicalFigures } | null;
  check: { new: HierarchicalFigures; active: HierarchicalFigures };
  worse: string[];
  seconds: number;
  modelBytes: number;
}

/** The stored examples in the order they were made, the latest one per case and text (an operator may correct a case
 *  twice; a promoted cluster gives one example per message of a case). */
export async function loadTrainingExamples(ctx: Ctx): Promise<HierarchicalExample[]> {
  const rows = await ctx.db
    .selectFrom('training_examples')
    .select(['id', 'text', 'block_code', 'category_code', 'case_id'])
    .orderBy('id', 'asc')
    .execute();
  const latest = new Map<string, HierarchicalExample>();
  for (const r of rows) {
    if (!r.text.trim()) continue;
    const key = r.case_id ? `case:${r.case_id}\u0000${r.text}` : `row:${r.id}`;
    latest.delete(key);
    latest.set(key, { text: r.text, block: r.block_code, category: r.category_code });
  }
  return [...latest.values()];
}

const weighted = (examples: readonly HierarchicalExample[]): HierarchicalExample[] =>
  examples.flatMap((e) => Array.from({ length: CORRECTION_WEIGHT }, () => e));

/** Trains, evaluates and stores a new model version; activates it when it is not worse than the active one. */
export async function retrainFromDatabase(ctx: Ctx, options: RetrainOptions = {}): Promise<RetrainResult> {
  const started = performance.now();
  const tolerance = options.tolerance ?? ctx.services.config.modelTolerance;
  const seed = options.seed ?? 1;
  const corrections = await loadTrainingExamples(ctx);
  if (corrections.length === 0) {
    throw new AppError(
      'validation_failed',
      'В базе нет исправлений операторов (training_examples): переобучать не на чем.',
    );
  }
  const seeds = seedExamples();
  const heldOutCount =
    corrections.length >= MIN_FOR_HOLDOUT ? Math.max(1, Math.round(corrections.length * HOLDOUT_SHARE)) : 0;
  const heldOutSet = corrections.slice(corrections.length - heldOutCount);
  const trainPart = corrections.slice(0, corrections.length - heldOutCount);

  // The comparison model never sees the held-out corrections; the stored model is then trained on all of them.
  const trial = trainHierarchical([...seeds, ...weighted(trainPart)], { seed, evaluation: 'none' });
  const stored = await loadActiveModel(ctx);
  const active: HierarchicalModels = stored?.models ?? loadDefaultClassifier();
  const comparedWith = stored ? `версия ${stored.version}` : 'встроенная модель по умолчанию';

  const check = { new: evaluateHierarchical(trial, CHECK_SET), active: evaluateHierarchical(active, CHECK_SET) };
  const heldOut =
    heldOutSet.length > 0
      ? { new: evaluateHierarchical(trial, heldOutSet), active: evaluateHierarchical(active, heldOutSet) }
      : null;
  const worse = [
    ...worseFigures(check.new, check.active, tolerance, 'контрольный набор'),
    ...(heldOut ? worseFigures(heldOut.new, heldOut.active, tolerance, 'отложенные исправления') : []),
  ];
  const final = trainHierarchical([...seeds, ...weighted(corrections)], {
    seed,
    description: `retrained: seed material + ${corrections.length} operators' corrections ×${CORRECTION_WEIGHT}`,
  });
  const bytes = serializeHierarchical(final);
  const status = worse.length === 0 ? 'active' : 'candidate';
  const now = ctx.services.clock.now();
  const decision =
    status === 'active'
      ? `включена: не хуже (${comparedWith}, допуск ${tolerance})`
      : `не включена: хуже, чем ${comparedWith} (допуск ${tolerance}): ${worse.join('; ')}`;
  const trainingSize = seeds.length + corrections.length;
  const version = await withTransaction(ctx, (tx) =>
    insertModel(tx, {
      createdAt: now,
      status,
      trainingSize,
      corrections: corrections.length,
      evaluation: { tolerance, comparedWith, correctionWeight: CORRECTION_WEIGHT, heldOut, check, worse },
      decision,
      bytes,
      createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    }),
  );
  if (status === 'active') ctx.services.analyzer.useClassifier?.(final, `v${version}`);
  if (options.out) await writeFile(options.out, bytes);
  return {
    version,
    status,
    comparedWith,
    trainingSize,
    corrections: corrections.length,
    heldOut,
    check,
    worse,
    seconds: Math.round(performance.now() - started) / 1000,
    modelBytes: bytes.length,
  };
}
