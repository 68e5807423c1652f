// Quality and speed of the Otklik classifier against the scikit-learn reference on the shared real
// data: stratified 80/20 splits with fixed seeds, the same split for both. See README.md.
//   npx tsx bench/classifier/quality.ts [--seeds 1,2,3] [--tasks "kursk topic,spb reason"] [--no-reference] [--no-full]
//   [--settings NAME] (training settings from candidates.ts; default: the platform's)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluate } from '../../server/features/classifier/metrics';
import { predict, type Model } from '../../server/features/classifier/model';
import { deserializeModel, serializeModel } from '../../server/features/classifier/serialize';
import { latestPeriodSplit, stratifiedSplit, type Split } from '../../server/features/classifier/split';
import { clearTextCaches } from '../../server/features/classifier/text/features';
import { trainModel, type TrainOptions } from '../../server/features/classifier/train';
import { SETTINGS } from './candidates';
import { runReference, type ReferenceResult } from './reference';
import { formatSideBySide, formatTable, summarise, type OtklikResult, type RunResult, type SplitKind } from './report';
import { dataAvailable, defaultDataDir, loadTask, TASKS, type LabelledRow, type Task } from './tasks';

const WARM_MIN_PASSES = 5;
const WARM_MIN_MS = 500;

/** One timed pass of `predict` over the test messages; returns the labels and messages per second. */
const timedPass = (model: Model, test: readonly LabelledRow[]): { labels: string[]; perSecond: number } => {
  const t = performance.now();
  const labels = test.map((row) => predict(model, row.text).label);
  return { labels, perSecond: test.length / ((performance.now() - t) / 1000) };
};

/**
 * Warm throughput: the median of repeated passes (at least five and half a second), so that one garbage collection
 * or a scheduler hiccup in a pass of a few hundred messages does not decide it. Every pass starts from a fresh copy
 * of the model and empty text caches, warmed on training messages only: the test messages are new to each pass.
 */
const medianPass = (
  bytes: Uint8Array,
  warmUp: readonly LabelledRow[],
  test: readonly LabelledRow[],
): { labels: string[]; perSecond: number } => {
  const pass = () => {
    clearTextCaches();
    const model = deserializeModel(bytes);
    for (const row of warmUp) predict(model, row.text);
    return timedPass(model, test);
  };
  const first = pass();
  const rates = [first.perSecond];
  const started = performance.now();
  while (rates.length < WARM_MIN_PASSES || performance.now() - started < WARM_MIN_MS) rates.push(pass().perSecond);
  rates.sort((a, b) => a - b);
  return { labels: first.labels, perSecond: rates[Math.floor(rates.length / 2)] ?? first.perSecond };
};

/**
 * Trains, then times prediction on fresh copies of the model: warm (after predicting every training message, as
 * a service that has classified as many messages as its model learnt from; median of repeated passes, each on a
 * fresh copy) and cold (text caches emptied, no warm-up; one pass).
 */
const runOtklik = (
  train: readonly LabelledRow[],
  test: readonly LabelledRow[],
  seed: number,
  kind: SplitKind,
  options: TrainOptions,
): OtklikResult => {
  const started = performance.now();
  // On the random split the periods are withheld, as before; on the time-ordered one they make the folds time-ordered.
  const model = trainModel(kind === 'time' ? train : train.map(({ period: _period, ...row }) => row), {
    ...options,
    seed,
  });
  const trainSeconds = (performance.now() - started) / 1000;
  const bytes = serializeModel(model);
  const warm = medianPass(bytes, train, test);
  clearTextCaches();
  const cold = timedPass(deserializeModel(bytes), test);
  const quality = evaluate(
    test.map((row) => row.label),
    warm.labels,
  );
  return {
    macroF1: quality.macroF1,
    accuracy: quality.accuracy,
    trainSeconds,
    predictPerSecond: warm.perSecond,
    coldPerSecond: cold.perSecond,
    modelBytes: bytes.length,
  };
};

/** Random: stratified 80/20 with the seed. Time-ordered: the latest period is the test part, earlier ones train. */
const splitOf = (rows: readonly LabelledRow[], kind: SplitKind, seed: number): Split =>
  kind === 'time'
    ? latestPeriodSplit(rows.map((r) => r.period))
    : stratifiedSplit(
        rows.map((r) => r.label),
        0.2,
        seed,
      );

const runTask = async (
  task: Task,
  rows: readonly LabelledRow[],
  kind: SplitKind,
  seed: number,
  script: string | null,
  options: TrainOptions,
): Promise<RunResult> => {
  const split = splitOf(rows, kind, seed);
  const train = split.train.map((i) => rows[i] as LabelledRow);
  const test = split.test.map((i) => rows[i] as LabelledRow);
  const reference: ReferenceResult | null = script ? await runReference(script, train, test) : null;
  const otklik = runOtklik(train, test, seed, kind, options);
  return {
    task: task.name,
    split: kind,
    seed,
    n: rows.length,
    labels: new Set(rows.map((r) => r.label)).size,
    test: test.length,
    reference,
    otklik,
  };
};

const fullTraining = async (dataDir: string): Promise<string> => {
  const task = TASKS.find((t) => t.name === 'spb reason') as Task;
  const rows = await loadTask(dataDir, task);
  const started = performance.now();
  const model = trainModel(rows);
  const seconds = (performance.now() - started) / 1000;
  const size = serializeModel(model).length / 1e6;
  const e = model.metadata.evaluation;
  return (
    `Full training, ${task.name}: ${rows.length} messages, ${model.labels.length} labels, ${seconds.toFixed(1)} s ` +
    `(with ${e?.method ?? 'no evaluation'}: macro-F1 ${e?.macroF1.toFixed(4) ?? '–'}), model ${size.toFixed(1)} MB, temperature ${model.temperature.toFixed(3)}`
  );
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      seeds: { type: 'string', default: '1,2,3' },
      tasks: { type: 'string' },
      data: { type: 'string' },
      splits: { type: 'string', default: 'random,time' },
      'no-reference': { type: 'boolean', default: false },
      'no-full': { type: 'boolean', default: false },
      settings: { type: 'string', default: 'default' },
    },
  });
  const options = SETTINGS[values.settings];
  if (!options) throw new Error(`--settings: one of ${Object.keys(SETTINGS).join(', ')}`);
  const dataDir = values.data ?? defaultDataDir();
  if (!dataAvailable(dataDir)) {
    console.log(`No shared data at ${dataDir}: nothing to benchmark.`);
    return;
  }
  const script = join(dataDir, '..', 'tools', 'sklearn_reference.py');
  const useReference = !values['no-reference'] && existsSync(script);
  const wanted = values.tasks?.split(',').map((s) => s.trim());
  const tasks = TASKS.filter((t) => !wanted || wanted.includes(t.name));
  const seeds = values.seeds.split(',').map(Number);
  const kinds = values.splits
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is SplitKind => s === 'random' || s === 'time');
  const results: RunResult[] = [];
  for (const task of tasks) {
    const rows = await loadTask(dataDir, task);
    for (const kind of kinds) {
      for (const seed of seeds) {
        const r = await runTask(task, rows, kind, seed, useReference ? script : null, options);
        console.error(
          `${task.name} ${kind} seed ${seed}: sklearn ${r.reference?.macroF1.toFixed(4) ?? '–'} otklik ${r.otklik.macroF1.toFixed(4)}`,
        );
        results.push(r);
      }
    }
  }
  const summary = summarise(results);
  console.log(formatSideBySide(summary));
  console.log(`\n${formatTable(summary)}`);
  if (!values['no-full'] && tasks.some((t) => t.name === 'spb reason')) console.log(`\n${await fullTraining(dataDir)}`);
};

await main();
