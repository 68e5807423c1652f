// Precision and recall of the tone flags (protest/conflict, insult without obscenity) on a labelled set of Russian
// messages written for this benchmark (labelled.jsonl: `text` and the `flags` it should raise). Prints one line per
// flag and every disagreement, so a change of the word lists shows what it gained and lost.
//   npx tsx bench/urgency/flags.ts [--file bench/urgency/labelled.jsonl]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { assessUrgency } from '../../server/features/urgency';

export const MEASURED_FLAGS = ['protest', 'insult'] as const;

interface Labelled {
  readonly text: string;
  readonly flags: readonly string[];
}

export interface FlagScore {
  readonly code: string;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
}

export const readLabelled = (path: string): Labelled[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const row = JSON.parse(l) as Partial<Labelled>;
      if (typeof row.text !== 'string' || !Array.isArray(row.flags))
        throw new Error(`${path}:${i + 1}: нужны поля text и flags`);
      return { text: row.text, flags: row.flags };
    });

/** Scores of each measured flag, and the messages where the flag and the label disagree. */
export const scoreFlags = (rows: readonly Labelled[]): { scores: FlagScore[]; misses: string[] } => {
  const misses: string[] = [];
  const scores = MEASURED_FLAGS.map((code) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const row of rows) {
      const fired = assessUrgency(row.text).flags.find((f) => f.code === code);
      const expected = row.flags.includes(code);
      if (fired && expected) tp += 1;
      else if (fired) {
        fp += 1;
        misses.push(`${code} лишний: «${row.text}» (${fired.triggers.join(', ')})`);
      } else if (expected) {
        fn += 1;
        misses.push(`${code} пропущен: «${row.text}»`);
      }
    }
    return {
      code,
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision: tp / Math.max(1, tp + fp),
      recall: tp / Math.max(1, tp + fn),
    };
  });
  return { scores, misses };
};

const main = (): void => {
  const here = dirname(fileURLToPath(import.meta.url));
  const { values } = parseArgs({ options: { file: { type: 'string', default: join(here, 'labelled.jsonl') } } });
  const rows = readLabelled(values.file);
  const { scores, misses } = scoreFlags(rows);
  console.log(`${rows.length} messages, ${rows.filter((r) => r.flags.length === 0).length} without a flag`);
  console.log('| flag | labelled | precision | recall | TP | FP | FN |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const s of scores) {
    const labelled = rows.filter((r) => r.flags.includes(s.code)).length;
    console.log(
      `| ${s.code} | ${labelled} | ${s.precision.toFixed(3)} | ${s.recall.toFixed(3)} | ${s.truePositives} | ${s.falsePositives} | ${s.falseNegatives} |`,
    );
  }
  if (misses.length) console.log(`\n${misses.join('\n')}`);
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
