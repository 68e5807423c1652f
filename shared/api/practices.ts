import { z } from 'zod';
import { isoDate } from './dates';

// Practices and recommendations (decree pp. 6.3, 6.4, 6.11): a library of practices that worked (problem, solution,
// effect, where, documents, how far the region has taken it) and the recommendations the centre gives bodies, with an
// owner, a due date and their follow-up. The library is searched from the answer work as well.
export const PRACTICE_STATUSES = ['studied', 'recommended', 'piloted', 'adopted'] as const;
export type PracticeStatus = (typeof PRACTICE_STATUSES)[number];
export const PRACTICE_STATUS_LABELS: Record<PracticeStatus, string> = {
  studied: 'Изучена',
  recommended: 'Рекомендована',
  piloted: 'Пилот',
  adopted: 'Внедрена',
};
export const RECOMMENDATION_STATUSES = ['open', 'done', 'cancelled'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];
export const RECOMMENDATION_STATUS_LABELS: Record<RecommendationStatus, string> = {
  open: 'На исполнении',
  done: 'Исполнена',
  cancelled: 'Снята',
};

const text = (max: number) => z.string().trim().max(max);

export const practiceInputSchema = z.object({
  title: text(300).min(3),
  categoryCode: z.string().nullable().default(null),
  problem: text(4000).min(3),
  solution: text(4000).min(3),
  effect: text(4000).default(''),
  place: text(300).default(''),
  documents: text(2000).default(''),
  status: z.enum(PRACTICE_STATUSES).default('studied'),
});
export type PracticeInput = z.infer<typeof practiceInputSchema>;
export const practiceSchema = practiceInputSchema.extend({ id: z.number(), category: z.string().nullable() });
export type Practice = z.infer<typeof practiceSchema>;
export const practiceQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  category: z.string().optional(),
});
export const practiceListSchema = z.object({ items: z.array(practiceSchema) });

export const recommendationInputSchema = z.object({
  practiceId: z.number().int().positive().nullable().default(null),
  organisationId: z.number().int().positive(),
  text: text(4000).min(3),
  ownerName: text(200).min(2),
  dueOn: isoDate,
});
export type RecommendationInput = z.infer<typeof recommendationInputSchema>;
export const followUpInputSchema = z.object({ status: z.enum(RECOMMENDATION_STATUSES), note: text(2000).min(3) });
export type FollowUpInput = z.infer<typeof followUpInputSchema>;
export const recommendationSchema = recommendationInputSchema.extend({
  id: z.number(),
  organisation: z.string(),
  practice: z.string().nullable(),
  status: z.enum(RECOMMENDATION_STATUSES),
  followUp: z.string(),
  overdue: z.boolean(),
});
export type Recommendation = z.infer<typeof recommendationSchema>;
export const recommendationListSchema = z.object({ items: z.array(recommendationSchema) });
