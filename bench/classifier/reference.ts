// Runs the scikit-learn reference classifier (../shared/tools/sklearn_reference.py) on a split.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LabelledRow } from './tasks';

const run = promisify(execFile);
export const PYTHON = process.env.OTKLIK_PYTHON ?? '/usr/bin/python3';

export interface ReferenceResult {
  readonly macroF1: number;
  readonly accuracy: number;
  readonly fitSeconds: number;
  readonly predictPerSecond: number;
}

const toJsonl = (rows: readonly LabelledRow[]): string =>
  rows.map((r) => JSON.stringify({ id: r.id, text: r.text, label: r.label })).join('\n') + '\n';

const figure = (output: string, name: string): number => {
  const match = new RegExp(`${name}=([0-9.]+)`).exec(output);
  if (!match?.[1]) throw new Error(`reference output lacks ${name}: ${output}`);
  return Number(match[1]);
};

/** Writes the split to temporary files, runs the reference and parses its one-line report. */
export const runReference = async (
  script: string,
  train: readonly LabelledRow[],
  test: readonly LabelledRow[],
): Promise<ReferenceResult> => {
  const dir = await mkdtemp(join(tmpdir(), 'otklik-bench-'));
  try {
    const trainPath = join(dir, 'train.jsonl');
    const testPath = join(dir, 'test.jsonl');
    await writeFile(trainPath, toJsonl(train));
    await writeFile(testPath, toJsonl(test));
    const { stdout } = await run(PYTHON, [script, trainPath, testPath, 'label', 'text'], { maxBuffer: 1 << 20 });
    return {
      macroF1: figure(stdout, 'macroF1'),
      accuracy: figure(stdout, 'accuracy'),
      fitSeconds: figure(stdout, 'fit_s'),
      predictPerSecond: figure(stdout, 'predict_docs_per_s'),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
