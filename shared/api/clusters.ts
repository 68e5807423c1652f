import { z } from 'zod';
import { isoDate } from './dates';
import { rowIdString } from './ids';

export const clustersQuerySchema = z.object({ block: z.string().min(1), from: isoDate, to: isoDate });
export type ClustersQuery = z.infer<typeof clustersQuerySchema>;

export const clusterSchema = z.object({
  id: z.string(),
  size: z.number(),
  /** Messages of the previous period of the same length that fall into this cluster. */
  previous: z.number(),
  /** Growth against the previous period, percent; null when the previous period had none. */
  growthPercent: z.number().nullable(),
  terms: z.array(z.string()),
  examples: z.array(z.object({ messageId: z.string(), caseId: z.string(), text: z.string() })),
  caseIds: z.array(z.string()),
});
export type Cluster = z.infer<typeof clusterSchema>;

export const clustersResultSchema = z.object({
  block: z.string(),
  category: z.string(),
  from: z.string(),
  to: z.string(),
  messages: z.number(),
  /**
   * How the groups were found: `kmeans` from `minMessages` messages on, `similar` (only messages with cosine
   * similarity ≥ `similarity`, linked pairwise) below that, `none` when there was nothing to group.
   */
  method: z.enum(['kmeans', 'similar', 'none']),
  minMessages: z.number(),
  /** A group is shown from this many messages. */
  minGroupSize: z.number(),
  similarity: z.number(),
  /** Messages with too few meaningful words to compare. */
  unclustered: z.number(),
  k: z.number(),
  silhouette: z.number(),
  clusters: z.array(clusterSchema),
});
export type ClustersResult = z.infer<typeof clustersResultSchema>;

export const promoteClusterInputSchema = z.object({
  block: z.string().min(1),
  code: z.string().regex(/^[a-z0-9_]{2,40}$/, 'код: 2–40 латинских строчных букв, цифр, _'),
  name: z.string().trim().min(2).max(300),
  caseIds: z.array(rowIdString()).min(1).max(5000),
});
export const promoteClusterResultSchema = z.object({
  block: z.string(),
  code: z.string(),
  name: z.string(),
  moved: z.number(),
  skipped: z.number(),
  trainingExamples: z.number(),
});
