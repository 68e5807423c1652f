// One-vs-rest linear SVM (L2-regularised squared hinge loss) trained by dual coordinate descent with
// shrinking, the algorithm of LIBLINEAR (Hsieh et al., 2008). Positives of each class get a class
// weight (see balancePower), negatives weight 1, as LIBLINEAR applies class weights.
import type { CsrMatrix } from './matrix';
import { createRandom } from './random';

export interface SvmOptions {
  readonly c: number;
  /** Stopping tolerance on the projected gradient's spread. */
  readonly tolerance: number;
  readonly maxPasses: number;
  /** Value of the constant feature that carries the (regularised) intercept. */
  readonly biasValue: number;
  /**
   * Positives of class k are weighted by (n / (K · n_k))^balancePower: 1 is scikit-learn's
   * "balanced", 0 no re-weighting; in between evens out rare labels without drowning frequent ones.
   */
  readonly balancePower: number;
  readonly seed: number;
}

export const DEFAULT_SVM_OPTIONS: SvmOptions = {
  c: 0.5,
  tolerance: 0.1,
  maxPasses: 60,
  biasValue: 1,
  balancePower: 0.75,
  seed: 1,
};

/** Weights of one binary problem: `weights[column]` and the intercept. */
export interface BinaryWeights {
  readonly weights: Float64Array;
  readonly bias: number;
}

const squaredNorms = (x: CsrMatrix): Float64Array => {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i += 1) {
    let s = 0;
    for (let p = x.indptr[i] ?? 0; p < (x.indptr[i + 1] ?? 0); p += 1) s += (x.values[p] ?? 0) ** 2;
    out[i] = s;
  }
  return out;
};

interface BinaryProblem {
  readonly x: CsrMatrix;
  readonly norms: Float64Array;
  readonly positive: Uint8Array;
  readonly cPositive: number;
  readonly cNegative: number;
}

/** Solves one binary problem; `positive[i]` marks the examples of the class. */
export const trainBinary = (problem: BinaryProblem, opts: SvmOptions): BinaryWeights => {
  const { x, norms, positive } = problem;
  const { indptr, indices, values } = x;
  const n = x.rows;
  const w = new Float64Array(x.columns);
  let bias = 0;
  const alpha = new Float64Array(n);
  const diag = new Float64Array(n);
  const qd = new Float64Array(n);
  const order = new Int32Array(n);
  const b2 = opts.biasValue * opts.biasValue;
  for (let i = 0; i < n; i += 1) {
    diag[i] = 0.5 / (positive[i] ? problem.cPositive : problem.cNegative);
    qd[i] = (diag[i] ?? 0) + (norms[i] ?? 0) + b2;
    order[i] = i;
  }
  const random = createRandom(opts.seed);
  let active = n;
  let pgMaxOld = Infinity;
  for (let pass = 0; pass < opts.maxPasses; pass += 1) {
    for (let s = 0; s < active; s += 1) {
      const j = s + Math.floor(random() * (active - s));
      const t = order[s] ?? 0;
      order[s] = order[j] ?? 0;
      order[j] = t;
    }
    let pgMax = -Infinity;
    let pgMin = Infinity;
    for (let s = 0; s < active; s += 1) {
      const i = order[s] ?? 0;
      const y = positive[i] ? 1 : -1;
      const from = indptr[i] ?? 0;
      const to = indptr[i + 1] ?? 0;
      let dot = bias * opts.biasValue;
      for (let p = from; p < to; p += 1) dot += (w[indices[p] ?? 0] ?? 0) * (values[p] ?? 0);
      const a = alpha[i] ?? 0;
      const g = y * dot - 1 + (diag[i] ?? 0) * a;
      let pg = g;
      if (a === 0) {
        if (g > pgMaxOld) {
          active -= 1;
          order[s] = order[active] ?? 0;
          order[active] = i;
          s -= 1;
          continue;
        }
        if (g > 0) pg = 0;
      }
      if (pg > pgMax) pgMax = pg;
      if (pg < pgMin) pgMin = pg;
      if (Math.abs(pg) <= 1e-12) continue;
      const next = Math.max(a - g / (qd[i] ?? 1), 0);
      alpha[i] = next;
      const step = (next - a) * y;
      for (let p = from; p < to; p += 1) {
        const col = indices[p] ?? 0;
        w[col] = (w[col] ?? 0) + step * (values[p] ?? 0);
      }
      bias += step * opts.biasValue;
    }
    if (pgMax - pgMin <= opts.tolerance) {
      if (active === n) break;
      active = n;
      pgMaxOld = Infinity;
      continue;
    }
    pgMaxOld = pgMax <= 0 ? Infinity : pgMax;
  }
  return { weights: w, bias: bias * opts.biasValue };
};

/** One binary SVM per class; `labels[i]` is the class index of row i. */
export const trainOneVsRest = (
  x: CsrMatrix,
  labels: Int32Array,
  classes: number,
  opts: SvmOptions,
): BinaryWeights[] => {
  const norms = squaredNorms(x);
  const counts = new Float64Array(classes);
  for (const label of labels) counts[label] = (counts[label] ?? 0) + 1;
  const out: BinaryWeights[] = [];
  for (let k = 0; k < classes; k += 1) {
    const positive = new Uint8Array(x.rows);
    labels.forEach((label, i) => {
      positive[i] = label === k ? 1 : 0;
    });
    const share = (counts[k] ?? 0) > 0 ? x.rows / (classes * (counts[k] ?? 1)) : 1;
    const cPositive = opts.c * share ** opts.balancePower;
    out.push(trainBinary({ x, norms, positive, cPositive, cNegative: opts.c }, { ...opts, seed: opts.seed + k }));
  }
  return out;
};
