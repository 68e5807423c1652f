import { z } from 'zod';
import { isoDate } from './dates';
import { KPI_DIRECTIONS, KPI_STATUSES } from './kpi';

// Indicators per the decree: targets per block, per category and per year (п. 11, 21), values per block and category
// computed on schedule or entered by hand with who and when (both kept), and evidence links from an indicator to the
// project and the result it serves (п. 22).
const code = z.string().trim().min(1).max(80);

export const scopeTargetInputSchema = z.object({
  blockCode: code,
  /** null: the target is for the block as a whole. */
  categoryCode: code.nullable().default(null),
  year: z.number().int().min(2020).max(2100),
  /** null removes the target (the history keeps it). */
  target: z.number().finite().nullable(),
  comment: z.string().trim().max(1000).default(''),
});
export type ScopeTargetInput = z.infer<typeof scopeTargetInputSchema>;

export const scopeValueInputSchema = z.object({
  blockCode: code,
  categoryCode: code.nullable().default(null),
  onDate: isoDate,
  value: z.number().finite(),
  comment: z.string().trim().max(1000).default(''),
});
export type ScopeValueInput = z.infer<typeof scopeValueInputSchema>;

export const evidenceInputSchema = z.object({
  projectId: z.number().int().positive(),
  result: z.string().trim().min(1, 'укажите результат проекта').max(1000),
});
export const evidenceRemoveSchema = z.object({ evidenceId: z.number().int().positive() });
export const targetsQuerySchema = z.object({
  year: z.coerce.number().int().min(2020).max(2100).optional(),
  on: isoDate.optional(),
});

export const evidenceSchema = z.object({
  id: z.number(),
  kpiId: z.number(),
  projectId: z.number(),
  projectTitle: z.string(),
  result: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});

export const scopeRowSchema = z.object({
  kpiId: z.number(),
  kpiCode: z.string(),
  kpiTitle: z.string(),
  unit: z.string(),
  direction: z.enum(KPI_DIRECTIONS),
  computed: z.boolean(),
  blockCode: z.string(),
  blockName: z.string(),
  categoryCode: z.string().nullable(),
  categoryName: z.string().nullable(),
  year: z.number(),
  target: z.number(),
  setBy: z.string(),
  setAt: z.string(),
  fact: z.number().nullable(),
  factSource: z.enum(['computed', 'manual', 'none']),
  factOn: z.string().nullable(),
  factBy: z.string().nullable(),
  status: z.enum(KPI_STATUSES),
  statusReason: z.string(),
  /** The inbox query of the cases a computed fact counts (null for hand-entered values). */
  casesQuery: z.string().nullable(),
});
export type ScopeRow = z.infer<typeof scopeRowSchema>;

export const targetsMatrixSchema = z.object({
  year: z.number(),
  on: z.string(),
  rows: z.array(scopeRowSchema),
  evidence: z.array(evidenceSchema),
  canManage: z.boolean(),
});
export type TargetsMatrix = z.infer<typeof targetsMatrixSchema>;

export const scopeHistorySchema = z.object({
  targets: z.array(
    z.object({
      blockCode: z.string(),
      categoryCode: z.string().nullable(),
      year: z.number(),
      target: z.number().nullable(),
      comment: z.string(),
      setBy: z.string(),
      setAt: z.string(),
    }),
  ),
  values: z.array(
    z.object({
      blockCode: z.string(),
      categoryCode: z.string().nullable(),
      onDate: z.string(),
      value: z.number().nullable(),
      source: z.enum(['computed', 'manual']),
      author: z.string(),
      comment: z.string(),
      enteredAt: z.string(),
    }),
  ),
  evidence: z.array(evidenceSchema),
});
export type ScopeHistory = z.infer<typeof scopeHistorySchema>;
