// Benchmark tasks over the shared real data sets (read by path at run time, never copied).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { labelOf, monthOf, readJsonLines, textOf } from '../../server/features/classifier/dataset';

export interface Task {
  readonly name: string;
  readonly file: string;
  readonly label: string;
}

export interface LabelledRow {
  readonly id: string;
  readonly text: string;
  readonly label: string;
  /**
   * Month of the message (`2021-02`) where the file has `created_at`; otherwise (kursk) one of five equal periods in
   * the order of the numeric ids, the only trace of time that file keeps.
   */
  readonly period: string;
}

/** `../shared/data` next to the project root, or OTKLIK_DATA_DIR. */
export const defaultDataDir = (): string =>
  resolve(process.env.OTKLIK_DATA_DIR ?? join(process.cwd(), '..', 'shared', 'data'));

export const TASKS: readonly Task[] = [
  { name: 'kursk category', file: 'kursk-appeals/train.jsonl', label: 'category' },
  { name: 'kursk topic', file: 'kursk-appeals/train.jsonl', label: 'topic' },
  { name: 'kursk executor', file: 'kursk-appeals/train.jsonl', label: 'executor' },
  { name: 'spb category', file: 'spb-appeals/train.jsonl.gz', label: 'category' },
  { name: 'spb reason', file: 'spb-appeals/train.jsonl.gz', label: 'reason' },
];

export const dataAvailable = (dataDir: string): boolean => TASKS.every((t) => existsSync(join(dataDir, t.file)));

const ID_PERIODS = 5;

const cache = new Map<string, Awaited<ReturnType<typeof readJsonLines>>>();

/** Rows of a task that carry its label (as the reference does: rows without the label are skipped). */
export const loadTask = async (dataDir: string, task: Task): Promise<LabelledRow[]> => {
  const path = join(dataDir, task.file);
  let file = cache.get(path);
  if (!file) {
    file = await readJsonLines(path);
    cache.set(path, file);
  }
  const rows: { id: string; text: string; label: string; month: string | null }[] = [];
  for (const { value } of file.records) {
    const label = labelOf(value, task.label);
    if (label !== null)
      rows.push({
        id: String(value.id ?? rows.length),
        text: textOf(value, 'text'),
        label,
        month: monthOf(value.created_at),
      });
  }
  if (rows.every((r) => r.month !== null)) return rows.map(({ month, ...r }) => ({ ...r, period: month ?? '' }));
  const byId = [...rows.keys()].sort((a, b) => Number(rows[a]?.id) - Number(rows[b]?.id) || a - b);
  const period = new Array<string>(rows.length);
  byId.forEach((row, rank) => {
    period[row] = `p${Math.floor((rank * ID_PERIODS) / rows.length)}`;
  });
  return rows.map(({ month: _month, ...r }, i) => ({ ...r, period: period[i] ?? '' }));
};
