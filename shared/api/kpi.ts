import { z } from 'zod';
import { isoDate } from './dates';

// Indicators (показатели, КПЭ) as section V and point 22 of the decree describe them: a formulation tied to a
// federal project result, a target per year, a deadline, qualitative and quantitative characteristics and the
// responsible person. A value is computed by a named formula over the data or entered by hand.

export const KPI_KINDS = ['mandatory', 'additional'] as const;
export const KPI_KIND_LABELS: Record<(typeof KPI_KINDS)[number], string> = {
  mandatory: 'Обязательный',
  additional: 'Дополнительный',
};
export const KPI_DIRECTIONS = ['up', 'down'] as const;
export const KPI_STATUSES = ['on_track', 'at_risk', 'missed', 'no_data'] as const;
export type KpiStatus = (typeof KPI_STATUSES)[number];
export const KPI_STATUS_LABELS: Record<KpiStatus, string> = {
  on_track: 'В графике',
  at_risk: 'Под угрозой',
  missed: 'Не достигнут',
  no_data: 'Нет данных',
};
export const KPI_FORMULAS = [
  'on_time_share',
  'first_response_median_hours',
  'final_answer_share',
  'satisfied_share',
  'returned_share',
] as const;
export type KpiFormula = (typeof KPI_FORMULAS)[number];

export const kpiTargetSchema = z.object({ year: z.number().int().min(2000).max(2100), target: z.number() });

export const kpiInputSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, 'код: латинские буквы, цифры и «_»'),
  kind: z.enum(KPI_KINDS),
  title: z.string().trim().min(3).max(500),
  federalResult: z.string().trim().max(1000).default(''),
  unit: z.string().trim().max(20).default(''),
  direction: z.enum(KPI_DIRECTIONS),
  formula: z.enum(KPI_FORMULAS).nullable(),
  qualitative: z.string().trim().max(1000).default(''),
  quantitative: z.string().trim().max(1000).default(''),
  responsible: z.string().trim().max(200).default(''),
  deadline: isoDate,
  targets: z.array(kpiTargetSchema).max(20).default([]),
});
export type KpiInput = z.infer<typeof kpiInputSchema>;

export const kpiValueInputSchema = z.object({
  onDate: isoDate,
  value: z.number().finite(),
  comment: z.string().trim().max(1000).optional(),
});
export type KpiValueInput = z.infer<typeof kpiValueInputSchema>;

export const kpiQuerySchema = z.object({ on: isoDate.optional() });

export const kpiPointSchema = z.object({
  onDate: z.string(),
  value: z.number().nullable(),
  source: z.enum(['computed', 'manual']),
  author: z.string().nullable(),
  comment: z.string().nullable(),
  enteredAt: z.string().nullable(),
});
export type KpiPoint = z.infer<typeof kpiPointSchema>;

export const kpiSchema = z.object({
  id: z.number(),
  code: z.string(),
  kind: z.enum(KPI_KINDS),
  title: z.string(),
  federalResult: z.string(),
  unit: z.string(),
  direction: z.enum(KPI_DIRECTIONS),
  formula: z.enum(KPI_FORMULAS).nullable(),
  formulaLabel: z.string().nullable(),
  qualitative: z.string(),
  quantitative: z.string(),
  responsible: z.string(),
  deadline: z.string(),
  isExample: z.boolean(),
  targets: z.array(kpiTargetSchema),
  /** Status on the requested date. */
  on: z.string(),
  target: z.number().nullable(),
  value: z.number().nullable(),
  status: z.enum(KPI_STATUSES),
  statusReason: z.string(),
});
export type Kpi = z.infer<typeof kpiSchema>;

export const kpiListSchema = z.object({
  on: z.string(),
  items: z.array(kpiSchema),
  formulas: z.array(
    z.object({ code: z.enum(KPI_FORMULAS), label: z.string(), description: z.string(), unit: z.string() }),
  ),
  statusRule: z.string(),
});
export const kpiDetailSchema = z.object({ kpi: kpiSchema, history: z.array(kpiPointSchema) });
export type KpiDetail = z.infer<typeof kpiDetailSchema>;
