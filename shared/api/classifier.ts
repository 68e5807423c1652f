import { z } from 'zod';

const levelFigures = z.object({ macroF1: z.number(), accuracy: z.number() });
const figures = z.object({ n: z.number(), block: levelFigures, category: levelFigures });
const comparison = z.object({ new: figures, active: figures });

export const classifierModelSchema = z.object({
  version: z.number(),
  createdAt: z.string(),
  status: z.enum(['candidate', 'active', 'rejected']),
  trainingSize: z.number(),
  corrections: z.number(),
  modelBytes: z.number(),
  activatedAt: z.string().nullable(),
  decision: z.string(),
  evaluation: z.object({
    tolerance: z.number().optional(),
    comparedWith: z.string().optional(),
    correctionWeight: z.number().optional(),
    heldOut: comparison.nullable().optional(),
    check: comparison.optional(),
    worse: z.array(z.string()).optional(),
  }),
});
export type ClassifierModelInfo = z.infer<typeof classifierModelSchema>;

export const classifierModelListSchema = z.object({
  /** The version intake uses now; null: the shipped default model. */
  activeVersion: z.number().nullable(),
  items: z.array(classifierModelSchema),
});

export const retrainInputSchema = z.object({ tolerance: z.number().min(0).max(1).optional() });
export const retrainResultSchema = z.object({
  version: z.number(),
  status: z.enum(['active', 'candidate']),
  comparedWith: z.string(),
  worse: z.array(z.string()),
  trainingSize: z.number(),
  corrections: z.number(),
  seconds: z.number(),
  message: z.string(),
});

/** How the classifier's suggestions held up: share of cases whose category operators left as suggested, by month. */
export const classifierDriftQuerySchema = z.object({ months: z.coerce.number().int().min(2).max(24).default(6) });
export const classifierDriftSchema = z.object({
  months: z.array(
    z.object({
      month: z.string(),
      cases: z.number(),
      /** Share of cases whose block and category are still the classifier's. */
      accuracy: z.number(),
    }),
  ),
  /** Categories (as set by operators) whose accuracy in the latest month fell most against the months before. */
  drifting: z.array(
    z.object({
      block: z.string(),
      category: z.string(),
      name: z.string(),
      latest: z.object({ cases: z.number(), accuracy: z.number() }),
      before: z.object({ cases: z.number(), accuracy: z.number() }),
    }),
  ),
});
export type ClassifierDrift = z.infer<typeof classifierDriftSchema>;
