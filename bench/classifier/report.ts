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

export interface RunResult {
  readonly task: string;
  readonly seed: number;
  readonly n: number;
  readonly labels: number;
  readonly test: number;
  readonly reference: ReferenceResult | null;
  readonly otklik: OtklikResult;
}

export interface TaskSummary {
  readonly task: string;
  readonly n: number;
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
  const tasks = [...new Set(runs.map((r) => r.task))];
  return tasks.map((task) => {
    const rs = runs.filter((r) => r.task === task);
    const refs = rs.map((r) => r.reference).filter((r): r is ReferenceResult => r !== null);
    const first = rs[0] as RunResult;
    return {
      task, n: first.n, labels: first.labels, seeds: rs.length,
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
  const head = '| task | n | labels | sklearn macro-F1 | Otklik macro-F1 | Otklik better (seeds) | sklearn predict msg/s | Otklik predict msg/s | speed ratio | Otklik cold msg/s (ratio) | Otklik train s | model MB |';
  const rule = '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
  const lines = rows.map((r) => `| ${r.task} | ${r.n} | ${r.labels} | ${f(r.sklearnF1, 4)} | ${f(r.otklikF1, 4)} | ` +
    `${r.sklearnF1 === null ? '–' : `${r.otklikWins}/${r.seeds}`} | ${f(r.sklearnPerSecond, 0)} | ${f(r.otklikPerSecond, 0)} | ` +
    `${ratio(r.otklikPerSecond, r.sklearnPerSecond)} | ${f(r.otklikColdPerSecond, 0)} (${ratio(r.otklikColdPerSecond, r.sklearnPerSecond)}) | ` +
    `${r.otklikTrainSeconds.toFixed(1)} | ${r.modelMegabytes.toFixed(1)} |`);
  return [head, rule, ...lines].join('\n');
};
