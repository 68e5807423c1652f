import { z } from 'zod';
import { isoDate } from './dates';
import { KPI_FORMULAS } from './kpi';
import { PO_ACTIONS, PO_DOCUMENT_TYPES, PO_STATUSES } from '../projects/approval-chains';

// The project office: a project (programme) per block with its passport as ПП ЯО №44-п section III and ПП РФ №1288
// list it, the steps of its approval chain, its approved versions, plan vs fact of its indicators, and its risks.
const text = (max: number) => z.string().trim().min(1, 'не заполнено').max(max);
const year = z.number().int().min(2018).max(2100);

/** Figures of the platform a passport indicator may be computed from, month by month. */
export const PLATFORM_FIGURES = [...KPI_FORMULAS, 'case_volume'] as const;
export type PlatformFigure = (typeof PLATFORM_FIGURES)[number];
export const PLATFORM_FIGURE_LABELS: Record<PlatformFigure, string> = {
  on_time_share: 'Доля ответов в срок, %',
  first_response_median_hours: 'Медиана до первого ответа, ч',
  final_answer_share: 'Доля с окончательным ответом, %',
  satisfied_share: 'Доля удовлетворённых оценками, %',
  returned_share: 'Доля возвращённых на доработку, %',
  case_volume: 'Число обращений (категория, муниципалитет)',
};

export const indicatorSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('manual') }),
  z.object({
    kind: z.literal('platform'),
    figure: z.enum(PLATFORM_FIGURES),
    /** Only for case_volume: the category and the municipality counted (either may be absent). */
    categoryCode: z.string().max(80).nullable().default(null),
    municipalityId: z.number().int().positive().nullable().default(null),
  }),
]);
export type IndicatorSource = z.infer<typeof indicatorSourceSchema>;

export const planValueSchema = z.object({
  year,
  month: z.number().int().min(1).max(12).nullable(),
  value: z.number().finite(),
});

export const passportIndicatorSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,40}$/, 'код: латинские буквы, цифры и «_»'),
  title: text(500),
  unit: z.string().trim().max(20).default(''),
  direction: z.enum(['up', 'down']).default('up'),
  method: text(2000),
  source: indicatorSourceSchema,
  plan: z.array(planValueSchema).max(200).default([]),
});
export type PassportIndicator = z.infer<typeof passportIndicatorSchema>;

export const passportSchema = z
  .object({
    name: text(500),
    goals: z.array(text(1000)).min(1, 'нужна хотя бы одна цель').max(30),
    socialResults: z.array(text(1000)).max(30).default([]),
    indicators: z.array(passportIndicatorSchema).max(50).default([]),
    results: z
      .array(
        z.object({
          title: text(1000),
          year,
          value: z.number().finite().nullable().default(null),
          unit: z.string().trim().max(20).default(''),
        }),
      )
      .max(100)
      .default([]),
    controlPoints: z
      .array(z.object({ title: text(500), date: isoDate }))
      .max(100)
      .default([]),
    curator: z.string().trim().max(200).default(''),
    head: z.string().trim().max(200).default(''),
    administrator: z.string().trim().max(200).default(''),
    team: z
      .array(
        z.object({ name: text(200), role: z.string().trim().max(200).default(''), share: z.number().min(1).max(100) }),
      )
      .max(100)
      .default([]),
    risks: z.array(text(1000)).max(50).default([]),
    successCriteria: z.array(text(1000)).max(30).default([]),
  })
  .superRefine((p, ctx) => {
    const codes = p.indicators.map((i) => i.code);
    const dup = codes.find((c, i) => codes.indexOf(c) !== i);
    if (dup) ctx.addIssue({ code: 'custom', path: ['indicators'], message: `показатель ${dup} указан дважды` });
    for (const [i, ind] of p.indicators.entries()) {
      const keys = ind.plan.map((v) => `${v.year}-${v.month ?? 'год'}`);
      const d = keys.find((k, j) => keys.indexOf(k) !== j);
      if (d) ctx.addIssue({ code: 'custom', path: ['indicators', i, 'plan'], message: `план ${d} указан дважды` });
    }
  });
export type Passport = z.infer<typeof passportSchema>;

export const projectCreateSchema = z.object({
  blockCode: z.string().min(1).max(80),
  kind: z.enum(['project', 'programme']).default('project'),
  passport: passportSchema,
});
export type ProjectCreate = z.infer<typeof projectCreateSchema>;

export const stepInputSchema = z.object({ comment: z.string().trim().max(2000).default('') });
export const returnInputSchema = z.object({ comment: text(2000) });

export const poStepSchema = z.object({
  action: z.enum(PO_ACTIONS),
  fromStatus: z.enum(PO_STATUSES),
  toStatus: z.enum(PO_STATUSES),
  actor: z.string(),
  comment: z.string(),
  at: z.string(),
  dueAt: z.string().nullable(),
});
export const poVersionSchema = z.object({
  version: z.number(),
  sha256: z.string(),
  approvedAt: z.string(),
  approvedBy: z.string(),
});

export const poDocumentSchema = z.object({
  id: z.number(),
  type: z.enum(PO_DOCUMENT_TYPES),
  title: z.string(),
  blockCode: z.string(),
  status: z.enum(PO_STATUSES),
  stepDueAt: z.string().nullable(),
  /** What the signed-in user may do now (the server enforces the same rules). */
  allowed: z.array(z.enum(['edit', 'submit', 'agree', 'approve', 'return'])),
  steps: z.array(poStepSchema),
  versions: z.array(poVersionSchema),
});
export type PoDocument = z.infer<typeof poDocumentSchema>;

export const monthFactSchema = z.object({
  month: z.number(),
  plan: z.number().nullable(),
  fact: z.number().nullable(),
  /** fact − plan, signed so that a positive number is always better. */
  deviation: z.number().nullable(),
  source: z.enum(['computed', 'manual', 'none']),
  enteredBy: z.string().nullable(),
  enteredAt: z.string().nullable(),
});
export const indicatorProgressSchema = z.object({
  code: z.string(),
  title: z.string(),
  unit: z.string(),
  method: z.string(),
  computed: z.boolean(),
  yearPlan: z.number().nullable(),
  months: z.array(monthFactSchema),
});
export type IndicatorProgress = z.infer<typeof indicatorProgressSchema>;

export const projectSummarySchema = z.object({
  id: z.number(),
  blockCode: z.string(),
  blockName: z.string(),
  kind: z.enum(['project', 'programme']),
  title: z.string(),
  status: z.enum(PO_STATUSES),
  approvedVersion: z.number().nullable(),
  openRisks: z.number(),
});
/** createInBlock: the block the signed-in user may start a project in (its drafter), or null. */
export const projectListSchema = z.object({
  items: z.array(projectSummarySchema),
  createInBlock: z.string().nullable(),
});

export const projectDetailSchema = z.object({
  project: projectSummarySchema,
  /** The working copy (draft or on its way through the chain). */
  passport: passportSchema,
  /** The passport as last approved, or null before the first approval. */
  approvedPassport: passportSchema.nullable(),
  document: poDocumentSchema,
});
export type ProjectDetail = z.infer<typeof projectDetailSchema>;

export const progressQuerySchema = z.object({ year: z.coerce.number().int().min(2018).max(2100).optional() });
export const progressSchema = z.object({ year: z.number(), indicators: z.array(indicatorProgressSchema) });
export type Progress = z.infer<typeof progressSchema>;

export const factInputSchema = z.object({
  indicatorCode: z.string().min(1).max(41),
  year,
  month: z.number().int().min(1).max(12),
  value: z.number().finite(),
  comment: z.string().trim().max(1000).default(''),
});
export type FactInput = z.infer<typeof factInputSchema>;
