// Classification quality figures.

export interface QualityFigures {
  /** Mean F1 over the labels present in the gold answers (as scikit-learn's macro average with labels=gold). */
  readonly macroF1: number;
  readonly accuracy: number;
  readonly n: number;
}

export const evaluate = (gold: readonly string[], predicted: readonly string[]): QualityFigures => {
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string): void => {
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  let correct = 0;
  gold.forEach((g, i) => {
    const p = predicted[i] ?? '';
    if (g === p) {
      correct += 1;
      bump(tp, g);
    } else {
      bump(fn, g);
      bump(fp, p);
    }
  });
  const labels = [...new Set(gold)];
  const f1 = labels.map((label) => {
    const t = tp.get(label) ?? 0;
    const denominator = 2 * t + (fp.get(label) ?? 0) + (fn.get(label) ?? 0);
    return denominator === 0 ? 0 : (2 * t) / denominator;
  });
  const macroF1 = f1.length === 0 ? 0 : f1.reduce((a, b) => a + b, 0) / f1.length;
  return { macroF1, accuracy: gold.length === 0 ? 0 : correct / gold.length, n: gold.length };
};
