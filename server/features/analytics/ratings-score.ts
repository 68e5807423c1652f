// The ratings' formulas, pure. Written out in docs/ARCHITECTURE.md and sent to the UI as RATING_FORMULA.

export interface ScoreInputs {
  onTimeShare: number | null;
  finalShare: number | null;
  returnedShare: number | null;
  satisfaction: number | null;
  firstResponseMedianHours: number | null;
}

/** Components of the combined score, each scaled to 0…1, with their weights. */
export const SCORE_WEIGHTS = {
  onTime: 0.3,
  final: 0.2,
  notReturned: 0.2,
  satisfaction: 0.15,
  responsiveness: 0.15,
} as const;

export const RATING_FORMULA =
  'Балл = 100 × (0,30·доля в срок + 0,20·доля с окончательным ответом + 0,20·(1 − доля возвращённых) + ' +
  '0,15·(оценка − 1)/4 + 0,15·1/(1 + медиана первого ответа в сутках)) / сумма весов известных слагаемых. ' +
  'Место — по убыванию балла (равные баллы делят место), только при числе сообщений не меньше порога.';

/** Combined score 0–100 (one decimal); components that are unknown (null) drop out and the weights are renormalised. */
export function combinedScore(s: ScoreInputs): number | null {
  const parts: [number | null, number][] = [
    [s.onTimeShare, SCORE_WEIGHTS.onTime],
    [s.finalShare, SCORE_WEIGHTS.final],
    [s.returnedShare === null ? null : 1 - s.returnedShare, SCORE_WEIGHTS.notReturned],
    [s.satisfaction === null ? null : (s.satisfaction - 1) / 4, SCORE_WEIGHTS.satisfaction],
    [
      s.firstResponseMedianHours === null ? null : 1 / (1 + Math.max(0, s.firstResponseMedianHours) / 24),
      SCORE_WEIGHTS.responsiveness,
    ],
  ];
  let sum = 0;
  let weight = 0;
  for (const [value, w] of parts) {
    if (value === null || !Number.isFinite(value)) continue;
    sum += w * value;
    weight += w;
  }
  return weight === 0 ? null : Math.round((1000 * sum) / weight) / 10;
}

/**
 * Competition ranking ("1, 1, 3") by score, descending. Items below the minimum volume or without a score get no rank.
 * Returns ranks aligned with the input.
 */
export function rankByScore(items: { messages: number; score: number | null }[], minVolume: number): (number | null)[] {
  const eligible = items
    .map((it, i) => ({ i, score: it.score, ok: it.messages >= minVolume && it.score !== null }))
    .filter((e) => e.ok)
    .sort((a, b) => b.score! - a.score!);
  const ranks: (number | null)[] = items.map(() => null);
  eligible.forEach((e, pos) => {
    const prev = eligible[pos - 1];
    ranks[e.i] = prev && prev.score === e.score ? ranks[prev.i]! : pos + 1;
  });
  return ranks;
}

export const share = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((10_000 * part) / whole) / 10_000 : null;
