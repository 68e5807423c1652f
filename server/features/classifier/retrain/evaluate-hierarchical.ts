// Quality of a block → category classifier on labelled messages: macro-F1 and accuracy per level
// (block; block and category together).
import { classifyMessage, type HierarchicalExample, type HierarchicalModels } from '../hierarchy';
import { evaluate } from '../metrics';

export interface LevelFigures {
  readonly macroF1: number;
  readonly accuracy: number;
}

export interface HierarchicalFigures {
  readonly n: number;
  readonly block: LevelFigures;
  readonly category: LevelFigures;
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;

export const evaluateHierarchical = (
  models: HierarchicalModels,
  examples: readonly HierarchicalExample[],
): HierarchicalFigures => {
  const labelled = examples.filter((e) => e.category);
  const predicted = labelled.map((e) => classifyMessage(models, e.text, { top: 1 }));
  const block = evaluate(
    labelled.map((e) => e.block),
    predicted.map((p) => p.block),
  );
  const category = evaluate(
    labelled.map((e) => `${e.block}.${e.category ?? ''}`),
    predicted.map((p) => `${p.block}.${p.category}`),
  );
  return {
    n: labelled.length,
    block: { macroF1: round(block.macroF1), accuracy: round(block.accuracy) },
    category: { macroF1: round(category.macroF1), accuracy: round(category.accuracy) },
  };
};

/** Figures of a candidate that fall below the reference's by more than the tolerance (empty: not worse). */
export const worseFigures = (
  candidate: HierarchicalFigures,
  reference: HierarchicalFigures,
  tolerance: number,
  set: string,
): string[] => {
  const out: string[] = [];
  for (const level of ['block', 'category'] as const) {
    for (const figure of ['macroF1', 'accuracy'] as const) {
      const a = candidate[level][figure];
      const b = reference[level][figure];
      if (a < b - tolerance) out.push(`${set}: ${level} ${figure} ${a.toFixed(3)} < ${b.toFixed(3)}`);
    }
  }
  return out;
};
