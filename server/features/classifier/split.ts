// Stratified, seeded splits of labelled examples (indices), for held-out evaluation and calibration.
import { createRandom, shuffleInPlace } from './random';

const groupByLabel = (labels: readonly string[]): number[][] => {
  const groups = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const group = groups.get(label);
    if (group) group.push(i);
    else groups.set(label, [i]);
  });
  return [...groups.keys()].sort().map((label) => groups.get(label) ?? []);
};

/**
 * Assigns every example to one of `folds` folds so each label is spread evenly (round-robin over a
 * seeded shuffle, continuing across labels so small labels do not all land in fold 0).
 */
export const stratifiedFolds = (labels: readonly string[], folds: number, seed: number): Int32Array => {
  const random = createRandom(seed);
  const fold = new Int32Array(labels.length);
  let next = 0;
  for (const group of groupByLabel(labels)) {
    for (const index of shuffleInPlace([...group], random)) {
      fold[index] = next % folds;
      next += 1;
    }
  }
  return fold;
};

export interface Split {
  readonly train: number[];
  readonly test: number[];
}

/**
 * Stratified hold-out split: about `testShare` of each label goes to the test part; labels with a
 * single example stay in training only.
 */
export const stratifiedSplit = (labels: readonly string[], testShare: number, seed: number): Split => {
  const random = createRandom(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const group of groupByLabel(labels)) {
    const shuffled = shuffleInPlace([...group], random);
    const n = shuffled.length < 2 ? 0 : Math.max(1, Math.round(shuffled.length * testShare));
    test.push(...shuffled.slice(0, n));
    train.push(...shuffled.slice(n));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
};

/**
 * Time-ordered split: the examples of the latest period (a sortable key such as `2021-02`) are the test part, all
 * earlier ones the training part — a model is trained on what came before and judged on what comes next.
 */
export const latestPeriodSplit = (periods: readonly string[]): Split => {
  const last = periods.reduce((a, b) => (b > a ? b : a), '');
  const train: number[] = [];
  const test: number[] = [];
  periods.forEach((p, i) => (p === last ? test : train).push(i));
  return { train, test };
};

/**
 * Rolling-origin folds over time: each of the last `folds` periods is tested on a model trained on all periods
 * before it (fewer folds when there are fewer periods).
 */
export const rollingPeriodFolds = (periods: readonly string[], folds: number): Split[] => {
  const distinct = [...new Set(periods)].sort();
  const tested = distinct.slice(Math.max(1, distinct.length - folds));
  return tested.map((period) => ({
    train: [...periods.keys()].filter((i) => (periods[i] ?? '') < period),
    test: [...periods.keys()].filter((i) => periods[i] === period),
  }));
};
