import { z } from 'zod';
import { isoDate } from './dates';

// Analytics API: ratings of organisations and municipalities, aggregates with change, spikes, problem
// categories and workload. Dates are Moscow calendar dates, inclusive.

export const RATING_LEVELS = ['organisation', 'municipality'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

export const ratingsQuerySchema = z.object({
  level: z.enum(RATING_LEVELS).default('organisation'),
  from: isoDate.optional(),
  to: isoDate.optional(),
  minVolume: z.coerce.number().int().min(1).max(1_000_000).optional(),
});
export type RatingsQuery = z.infer<typeof ratingsQuerySchema>;

export const ratingItemSchema = z.object({
  /** Organisation id or municipality code: the key for drill-down filters of GET /api/cases. */
  key: z.string(),
  name: z.string(),
  messages: z.number(),
  perThousandResidents: z.number().nullable(),
  population: z.number().nullable(),
  answered: z.number(),
  finalAnswered: z.number(),
  open: z.number(),
  overdue: z.number(),
  onTime: z.number(),
  onTimeBase: z.number(),
  reviewed: z.number(),
  acceptedFirstTime: z.number(),
  returned: z.number(),
  rated: z.number(),
  firstResponseMedianHours: z.number().nullable(),
  finalAnswerMedianHours: z.number().nullable(),
  onTimeShare: z.number().nullable(),
  acceptedShare: z.number().nullable(),
  returnedShare: z.number().nullable(),
  satisfaction: z.number().nullable(),
  finalShare: z.number().nullable(),
  openShare: z.number().nullable(),
  overdueShare: z.number().nullable(),
  score: z.number().nullable(),
  rank: z.number().nullable(),
  /**
   * An organisation named by an imported source and not (yet) matched to the reference: its cases are held, the row
   * carries the source's name, takes no place in the rating, and drills down by `sourceOrganisation`.
   */
  unmatched: z.boolean().optional(),
});
export type RatingItem = z.infer<typeof ratingItemSchema>;

export const ratingsResponseSchema = z.object({
  level: z.enum(RATING_LEVELS),
  from: z.string(),
  to: z.string(),
  minVolume: z.number(),
  formula: z.string(),
  items: z.array(ratingItemSchema),
});
export type RatingsResponse = z.infer<typeof ratingsResponseSchema>;

export const AGGREGATE_DIMENSIONS = ['block', 'category', 'municipality', 'organisation', 'channel'] as const;
export type AggregateDimension = (typeof AGGREGATE_DIMENSIONS)[number];
export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const volumesQuerySchema = z.object({
  by: z.enum(AGGREGATE_DIMENSIONS).default('block'),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type VolumesQuery = z.infer<typeof volumesQuerySchema>;

export const volumeRowSchema = z.object({
  key: z.string(),
  name: z.string(),
  messages: z.number(),
  answered: z.number(),
  previous: z.number(),
  yearAgo: z.number(),
  /** Change against the previous period of the same length, percent; null when that period had nothing. */
  change: z.number().nullable(),
  yearChange: z.number().nullable(),
});
export type VolumeRow = z.infer<typeof volumeRowSchema>;
export const volumesResponseSchema = z.object({
  by: z.enum(AGGREGATE_DIMENSIONS),
  from: z.string(),
  to: z.string(),
  previousFrom: z.string(),
  previousTo: z.string(),
  yearAgoFrom: z.string(),
  yearAgoTo: z.string(),
  total: volumeRowSchema,
  items: z.array(volumeRowSchema),
});
export type VolumesResponse = z.infer<typeof volumesResponseSchema>;

export const seriesQuerySchema = z.object({
  granularity: z.enum(GRANULARITIES).default('day'),
  by: z.enum(AGGREGATE_DIMENSIONS).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type SeriesQuery = z.infer<typeof seriesQuerySchema>;
export const seriesResponseSchema = z.object({
  granularity: z.enum(GRANULARITIES),
  from: z.string(),
  to: z.string(),
  points: z.array(z.object({ period: z.string(), key: z.string(), name: z.string(), messages: z.number() })),
});
export type SeriesResponse = z.infer<typeof seriesResponseSchema>;

export const spikesQuerySchema = z.object({
  on: isoDate.optional(),
  window: z.enum(['day', 'week']).default('day'),
});
export const spikeSchema = z.object({
  block: z.string().nullable(),
  category: z.string().nullable(),
  categoryName: z.string().nullable(),
  municipality: z.string().nullable(),
  municipalityName: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  count: z.number(),
  baseline: z.number(),
  z: z.number(),
  pValue: z.number(),
  caseIds: z.array(z.string()),
});
export type Spike = z.infer<typeof spikeSchema>;
export const spikesResponseSchema = z.object({
  window: z.enum(['day', 'week']),
  from: z.string(),
  to: z.string(),
  method: z.string(),
  items: z.array(spikeSchema),
});
export type SpikesResponse = z.infer<typeof spikesResponseSchema>;

export const problemCategoriesQuerySchema = z.object({ from: isoDate.optional(), to: isoDate.optional() });
export const problemCategoriesConfirmSchema = z.object({
  block: z.string().min(1),
  categories: z.array(z.string().min(1)).min(3, 'в списке должно быть не меньше трёх категорий').max(20),
  from: isoDate,
  to: isoDate,
  comment: z.string().max(2000).optional(),
});
export type ProblemCategoriesConfirm = z.infer<typeof problemCategoriesConfirmSchema>;
export const problemCandidateSchema = z.object({
  category: z.string(),
  name: z.string(),
  messages: z.number(),
  previous: z.number(),
  growth: z.number().nullable(),
  overdueShare: z.number().nullable(),
  repeatShare: z.number().nullable(),
  score: z.number(),
  reasons: z.array(z.string()),
});
export type ProblemCandidate = z.infer<typeof problemCandidateSchema>;
export const confirmedListSchema = z.object({
  id: z.string(),
  categories: z.array(z.string()),
  from: z.string(),
  to: z.string(),
  confirmedBy: z.string().nullable(),
  confirmedAt: z.string(),
  comment: z.string().nullable(),
});
export type ConfirmedList = z.infer<typeof confirmedListSchema>;
export const problemBlockSchema = z.object({
  block: z.string(),
  blockName: z.string(),
  messages: z.number(),
  candidates: z.array(problemCandidateSchema),
  proposed: z.array(z.string()),
  other: z.object({ messages: z.number(), share: z.number().nullable() }),
  confirmed: confirmedListSchema.nullable(),
  history: z.array(confirmedListSchema),
});
export type ProblemBlock = z.infer<typeof problemBlockSchema>;
export const problemCategoriesResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  formula: z.string(),
  blocks: z.array(problemBlockSchema),
});
export type ProblemCategoriesResponse = z.infer<typeof problemCategoriesResponseSchema>;

export const workloadQuerySchema = z.object({ from: isoDate.optional(), to: isoDate.optional() });
export const workloadNormsInputSchema = z.object({
  block: z.string().min(1),
  minutesPerMessage: z.number().min(0).max(10_000),
  minutesPerAnswer: z.number().min(0).max(10_000),
  hoursPerStaffMonth: z.number().positive('часы в месяц на сотрудника должны быть больше нуля').max(744),
});
export type WorkloadNormsInput = z.infer<typeof workloadNormsInputSchema>;
const workloadUnit = z.object({ key: z.string(), name: z.string(), messages: z.number(), answers: z.number() });
export const workloadBlockSchema = workloadUnit.extend({
  norms: workloadNormsInputSchema.omit({ block: true }).nullable(),
  hours: z.number().nullable(),
  staffNeeded: z.number().nullable(),
  organisations: z.array(workloadUnit),
  staff: z.array(workloadUnit),
});
export type WorkloadBlock = z.infer<typeof workloadBlockSchema>;
export const workloadResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  months: z.number(),
  formula: z.string(),
  blocks: z.array(workloadBlockSchema),
});
export type WorkloadResponse = z.infer<typeof workloadResponseSchema>;

/** Cases with coordinates (a channel's point) created in the period, for the map; at most `CASE_POINTS_LIMIT`, newest first. */
export const CASE_POINTS_LIMIT = 5000;
export const casePointsQuerySchema = z.object({ from: isoDate.optional(), to: isoDate.optional() });
export const casePointsSchema = z.object({
  points: z.array(z.object({ id: z.string(), lat: z.number(), lon: z.number() })),
  /** More cases with coordinates than the limit: the newest are shown. */
  truncated: z.boolean(),
});
export type CasePoints = z.infer<typeof casePointsSchema>;
