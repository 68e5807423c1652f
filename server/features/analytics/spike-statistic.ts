// The spike statistic, pure. A category × municipality count in the window (a day or a week) is compared with its
// own baseline: the mean count per window over the 56 days before it. Counts of rare events are Poisson, so the
// test is the Poisson upper tail P(X ≥ k | λ); λ is floored so that a first few messages of a new category are not
// a "spike", and a minimum count and a minimum ratio keep the alerts meaningful.

export const SPIKE_RULES = {
  baselineDays: 56,
  minLambda: 0.5,
  minCount: { day: 5, week: 10 },
  minRatio: 2,
  maxPValue: 0.001,
} as const;

export const SPIKE_METHOD =
  'База λ — среднее число сообщений категории в муниципалитете за такой же интервал по 56 предыдущим дням (не меньше 0,5). ' +
  'Всплеск: число k не меньше 5 за день (10 за неделю), k ≥ 2λ и вероятность P(X ≥ k) по закону Пуассона с параметром λ меньше 0,001. ' +
  'z = (k − λ)/√λ показывает силу отклонения.';

/** P(X ≥ k) for X ~ Poisson(λ), summed from k upward in log space (stable for small tails). */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  let logTerm = -lambda + k * Math.log(lambda) - logFactorial(k);
  let sum = 0;
  for (let i = k; i < k + 1000; i++) {
    const term = Math.exp(logTerm);
    sum += term;
    if (i > lambda && term < sum * 1e-12) break;
    logTerm += Math.log(lambda) - Math.log(i + 1);
  }
  return Math.min(1, sum);
}

function logFactorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
}

export interface SpikeVerdict {
  lambda: number;
  z: number;
  pValue: number;
  spike: boolean;
}

/** The verdict for a count in a window given the baseline total over SPIKE_RULES.baselineDays. */
export function judgeSpike(
  count: number,
  baselineTotal: number,
  windowDays: number,
  window: 'day' | 'week',
): SpikeVerdict {
  const lambda = Math.max(SPIKE_RULES.minLambda, (baselineTotal / SPIKE_RULES.baselineDays) * windowDays);
  const pValue = poissonUpperTail(count, lambda);
  const z = (count - lambda) / Math.sqrt(lambda);
  const spike =
    count >= SPIKE_RULES.minCount[window] && count >= SPIKE_RULES.minRatio * lambda && pValue < SPIKE_RULES.maxPValue;
  return { lambda: Math.round(lambda * 100) / 100, z: Math.round(z * 10) / 10, pValue, spike };
}
