// Typed calls for /api/analytics: ratings, spikes, problem categories, workload.
import { z } from 'zod';
import {
  confirmedListSchema,
  problemCategoriesResponseSchema,
  ratingsResponseSchema,
  spikesResponseSchema,
  workloadNormsInputSchema,
  workloadResponseSchema,
  type ProblemCategoriesConfirm,
  type RatingLevel,
  type WorkloadNormsInput,
} from '../../../shared/api/analytics';
import { apiRequest } from '../api/client';

export interface DateRange {
  from: string;
  to: string;
}
const q = (o: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(o).filter((e): e is [string, string] => !!e[1]));

export const fetchRatings = (level: RatingLevel, r: DateRange, signal: AbortSignal) =>
  apiRequest('/analytics/ratings', ratingsResponseSchema, { query: q({ level, ...r }), signal });
export const fetchSpikes = (on: string, window: 'day' | 'week', signal: AbortSignal) =>
  apiRequest('/analytics/spikes', spikesResponseSchema, { query: q({ on, window }), signal });
export const fetchProblems = (r: DateRange, signal: AbortSignal) =>
  apiRequest('/analytics/problem-categories', problemCategoriesResponseSchema, { query: q({ ...r }), signal });
export const confirmProblems = (body: ProblemCategoriesConfirm) =>
  apiRequest('/analytics/problem-categories', confirmedListSchema, { method: 'POST', body });
export const fetchWorkload = (r: DateRange, signal: AbortSignal) =>
  apiRequest('/analytics/workload', workloadResponseSchema, { query: q({ ...r }), signal });
export const saveNorms = (body: WorkloadNormsInput) =>
  apiRequest('/analytics/workload/norms', workloadNormsInputSchema.extend({ block: z.string() }), {
    method: 'POST',
    body,
  });
