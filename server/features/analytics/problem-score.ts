// Scoring of candidate problem categories within a block, pure. Written out in docs/ARCHITECTURE.md.

export const PROBLEM_WEIGHTS = { volume: 0.4, growth: 0.2, overdue: 0.2, repeat: 0.2 } as const;
export const PROBLEM_FORMULA =
  'Балл категории = 100 × (0,4·объём/наибольший объём в блоке + 0,2·рост + 0,2·доля поздних ответов + 0,2·доля повторных сообщений), ' +
  'где рост = (сообщения за период − за предыдущий такой же период)/max(предыдущий, 5), ограничен 0…1; ' +
  'предлагаются три категории с наибольшим баллом (кроме «прочих»), куратор подтверждает список.';

export interface CategoryFacts {
  category: string;
  name: string;
  messages: number;
  previous: number;
  late: number;
  finalAnswered: number;
  repeats: number;
}

const clamp01 = (v: number) => Math.max(0, Math.min(1, v));
const pct = (v: number) => `${Math.round(v * 100)}%`;

export function scoreCategories(facts: CategoryFacts[]) {
  const maxVolume = Math.max(1, ...facts.map((f) => f.messages));
  return facts
    .filter((f) => f.messages > 0)
    .map((f) => {
      const growth = f.previous > 0 ? (f.messages - f.previous) / f.previous : null;
      const growthNorm = clamp01((f.messages - f.previous) / Math.max(f.previous, 5));
      const overdueShare = f.finalAnswered > 0 ? f.late / f.finalAnswered : null;
      const repeatShare = f.messages > 0 ? f.repeats / f.messages : null;
      const score =
        100 *
        (PROBLEM_WEIGHTS.volume * (f.messages / maxVolume) +
          PROBLEM_WEIGHTS.growth * growthNorm +
          PROBLEM_WEIGHTS.overdue * (overdueShare ?? 0) +
          PROBLEM_WEIGHTS.repeat * (repeatShare ?? 0));
      const reasons = [`сообщений: ${f.messages}`];
      if (growth !== null && growth > 0.1) reasons.push(`рост ${pct(growth)}`);
      if (overdueShare !== null && overdueShare > 0) reasons.push(`поздних ответов ${pct(overdueShare)}`);
      if (repeatShare !== null && repeatShare > 0) reasons.push(`повторных ${pct(repeatShare)}`);
      return {
        category: f.category,
        name: f.name,
        messages: f.messages,
        previous: f.previous,
        growth: growth === null ? null : Math.round(growth * 1000) / 1000,
        overdueShare: overdueShare === null ? null : Math.round(overdueShare * 1000) / 1000,
        repeatShare: repeatShare === null ? null : Math.round(repeatShare * 1000) / 1000,
        score: Math.round(score * 10) / 10,
        reasons,
      };
    })
    .sort((a, b) => b.score - a.score || b.messages - a.messages);
}
