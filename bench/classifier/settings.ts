// Choosing training settings the way the model is used: on time-ordered folds inside the training months only.
// The latest period of a task is its test part (never looked at here); of the earlier periods, each of the last
// `--folds` is scored by a model trained on the periods before it, and the settings are compared by the mean macro-F1.
//   npx tsx bench/classifier/settings.ts --task "spb category" [--settings default,prefix-4-7] [--folds 2]
import { parseArgs } from 'node:util';
import { evaluate } from '../../server/features/classifier/metrics';
import { predict } from '../../server/features/classifier/model';
import { latestPeriodSplit, rollingPeriodFolds } from '../../server/features/classifier/split';
import { trainModel, type TrainOptions } from '../../server/features/classifier/train';
import { SETTINGS } from './candidates';
import { dataAvailable, defaultDataDir, loadTask, TASKS, type LabelledRow } from './tasks';

/** Trains on `train` as the platform does (its own evaluation included, up to the size where it chooses settings). */
const macroF1 = (train: readonly LabelledRow[], test: readonly LabelledRow[], options: TrainOptions): number => {
  const model = trainModel(train, { evaluation: train.length > 5000 ? 'none' : 'auto', ...options });
  return evaluate(
    test.map((r) => r.label),
    test.map((r) => predict(model, r.text).label),
  ).macroF1;
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: { task: { type: 'string' }, settings: { type: 'string' }, folds: { type: 'string', default: '2' } },
  });
  const task = TASKS.find((t) => t.name === values.task);
  const dataDir = defaultDataDir();
  if (!task) throw new Error(`--task: one of ${TASKS.map((t) => t.name).join(', ')}`);
  if (!dataAvailable(dataDir)) {
    console.log(`No shared data at ${dataDir}: nothing to compare.`);
    return;
  }
  const rows = await loadTask(dataDir, task);
  const outer = latestPeriodSplit(rows.map((r) => r.period));
  const training = outer.train.map((i) => rows[i] as LabelledRow);
  const folds = rollingPeriodFolds(
    training.map((r) => r.period),
    Number(values.folds),
  );
  const pick = (indices: readonly number[]) => indices.map((i) => training[i] as LabelledRow);
  for (const name of (values.settings ?? Object.keys(SETTINGS).join(',')).split(',')) {
    const options = SETTINGS[name];
    if (!options) throw new Error(`--settings: unknown «${name}»`);
    const scores = folds.map((fold) => macroF1(pick(fold.train), pick(fold.test), options));
    const mean = scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length);
    console.log(`${task.name} ${name}: ${mean.toFixed(4)} [${scores.map((s) => s.toFixed(4)).join(' ')}]`);
  }
};

await main();
