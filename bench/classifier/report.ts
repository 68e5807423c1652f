// Aggregation of benchmark runs over seeds and the printed table.
import type { ReferenceResult } from './reference';

export interface OtklikResult {
  readonly macroF1: number;
  readonly accuracy: number;
  readonly trainSeconds: number;
  readonly predictPerSecond: number;
  readonly coldPerSecond: number;
  readonly modelBytes: number;
}

/** `random`: stratified 80/20 with a seed; `time`: trained on earlier periods, tested on the latest one. */
export type SplitKind = 'random' | 'time';

export interface RunResult {
  readonly task: string;
  readonly split: SplitKind;
  readonly seed: number;
  readonly n: number;
  readonly labels: number;
  readonly test: number;
  readonly reference: ReferenceResult | null;
  readonly otklik: OtklikResult;
}

export interface TaskSummary {
  readonly task: string;
  readonly split: SplitKind;
  readonly n: number;
  readonly test: number;
  readonly labels: number;
  readonly seeds: number;
  readonly sklearnF1: number | null;
  readonly otklikF1: number;
  readonly otklikWins: number;
  readonly sklearnPerSecond: number | null;
  readonly otklikPerSecond: number;
  readonly otklikColdPerSecond: number;
  readonly otklikTrainSeconds: number;
  readonly modelMegabytes: number;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

export const summarise = (runs: readonly RunResult[]): TaskSummary[] => {
  const keys = [...new Set(runs.map((r) => `${r.task}|${r.split}`))];
  return keys.map((key) => {
    const rs = runs.filter((r) => `${r.task}|${r.split}` === key);
    const refs = rs.map((r) => r.reference).filter((r): r is ReferenceResult => r !== null);
    const first = rs[0] as RunResult;
    return {
      task: first.task,
      split: first.split,
      n: first.n,
      test: first.test,
      labels: first.labels,
      seeds: rs.length,
      sklearnF1: refs.length ? mean(refs.map((r) => r.macroF1)) : null,
      otklikF1: mean(rs.map((r) => r.otklik.macroF1)),
      otklikWins: rs.filter((r) => r.reference && r.otklik.macroF1 > r.reference.macroF1).length,
      sklearnPerSecond: refs.length ? mean(refs.map((r) => r.predictPerSecond)) : null,
      otklikPerSecond: mean(rs.map((r) => r.otklik.predictPerSecond)),
      otklikColdPerSecond: mean(rs.map((r) => r.otklik.coldPerSecond)),
      otklikTrainSeconds: mean(rs.map((r) => r.otklik.trainSeconds)),
      modelMegabytes: Math.max(...rs.map((r) => r.otklik.modelBytes)) / 1e6,
    };
  });
};

const f = (x: number | null, digits: number): string => (x === null ? '–' : x.toFixed(digits));

const ratio = (ours: number, theirs: number | null): string => (theirs ? `${(ours / theirs).toFixed(1)}×` : '–');

export const formatTable = (rows: readonly TaskSummary[]): string => {
  const head =
    '| task | split | n | test | labels | sklearn macro-F1 | Otklik macro-F1 | Otklik better (seeds) | sklearn predict msg/s | Otklik predict msg/s | speed ratio | Otklik cold msg/s (ratio) | Otklik train s | model MB |';
  const rule = '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
  const lines = rows.map(
    (r) =>
      `| ${r.task} | ${SPLIT_NAMES[r.split]} | ${r.n} | ${r.test} | ${r.labels} | ${f(r.sklearnF1, 4)} | ${f(r.otklikF1, 4)} | ` +
      `${r.sklearnF1 === null ? '–' : `${r.otklikWins}/${r.seeds}`} | ${f(r.sklearnPerSecond, 0)} | ${f(r.otklikPerSecond, 0)} | ` +
      `${ratio(r.otklikPerSecond, r.sklearnPerSecond)} | ${f(r.otklikColdPerSecond, 0)} (${ratio(r.otklikColdPerSecond, r.sklearnPerSecond)}) | ` +
      `${r.otklikTrainSeconds.toFixed(1)} | ${r.modelMegabytes.toFixed(1)} |`,
  );
  return [head, rule, ...lines].join('\n');
};

const SPLIT_NAMES: Readonly<Record<SplitKind, string>> = { random: 'random 80/20', time: 'time-ordered' };

const margin = (r: TaskSummary | undefined): string =>
  r?.sklearnF1 == null ? '–' : `${r.otklikF1 - r.sklearnF1 >= 0 ? '+' : ''}${(r.otklikF1 - r.sklearnF1).toFixed(4)}`;

/** Random and time-ordered macro-F1 of both classifiers per task, with the margin and the warm prediction speed ratio. */
export const formatSideBySide = (rows: readonly TaskSummary[]): string => {
  const head =
    '| task | random: sklearn | random: Otklik | margin | time-ordered: sklearn | time-ordered: Otklik | margin | speed ratio |';
  const rule = '|---|---:|---:|---:|---:|---:|---:|---:|';
  const tasks = [...new Set(rows.map((r) => r.task))];
  const lines = tasks.map((task) => {
    const random = rows.find((r) => r.task === task && r.split === 'random');
    const time = rows.find((r) => r.task === task && r.split === 'time');
    const speeds = [random, time].filter((r): r is TaskSummary => r !== undefined && r.sklearnPerSecond !== null);
    const speed = speeds.length
      ? `${Math.min(...speeds.map((r) => r.otklikPerSecond / (r.sklearnPerSecond ?? 1))).toFixed(1)}×`
      : '–';
    return (
      `| ${task} | ${f(random?.sklearnF1 ?? null, 4)} | ${f(random?.otklikF1 ?? null, 4)} | ${margin(random)} | ` +
      `${f(time?.sklearnF1 ?? null, 4)} | ${f(time?.otklikF1 ?? null, 4)} | ${margin(time)} | ${speed} |`
    );
  });
  return [head, rule, ...lines].join('\n');
};
