import { z } from 'zod';
import { isoDate } from './dates';
import { passportSchema, poDocumentSchema } from './projects';

// Documents of the project office that rest on approved passports, each through the decree's chain
// (shared/projects/approval-chains.ts): a project's progress report for a month, quarter or year; a change request to
// its approved passport; a consolidated plan per topic that gathers control points and measures of several projects.
const text = (max: number) => z.string().trim().min(1, 'не заполнено').max(max);
const note = (max: number) => z.string().trim().max(max).default('');
const year = z.number().int().min(2018).max(2100);

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const periodSchema = z
  .object({
    kind: z.enum(PERIOD_KINDS),
    year,
    /** The month (1–12) or the quarter (1–4); ignored for a year. */
    number: z.number().int().min(1).max(12).default(1),
  })
  .refine((p) => p.kind !== 'quarter' || p.number <= 4, { message: 'квартал — от 1 до 4', path: ['number'] });
export type Period = z.infer<typeof periodSchema>;

export const CONTROL_POINT_STATUSES = ['done', 'late', 'at_risk', 'planned'] as const;
export type ControlPointStatus = (typeof CONTROL_POINT_STATUSES)[number];

/** What the block owner enters; the plan, the facts of the indicators and the statuses are filled in by the server. */
export const progressReportInputSchema = z.object({
  period: periodSchema,
  summary: note(5000),
  controlPoints: z
    .array(
      z.object({
        title: text(500),
        doneDate: isoDate.nullable().default(null),
        atRisk: z.boolean().default(false),
        comment: note(2000),
      }),
    )
    .max(100)
    .default([]),
  results: z
    .array(z.object({ title: text(1000), fact: z.number().finite().nullable().default(null), comment: note(2000) }))
    .max(100)
    .default([]),
  deviations: z
    .array(z.object({ subject: text(600), explanation: note(3000), measures: note(3000) }))
    .max(200)
    .default([]),
});
export type ProgressReportInput = z.infer<typeof progressReportInputSchema>;

export const reportIndicatorSchema = z.object({
  code: z.string(),
  title: z.string(),
  unit: z.string(),
  computed: z.boolean(),
  /** Plan and fact at the end of the period (the last month of it that has a fact), deviation signed «plus is better». */
  plan: z.number().nullable(),
  fact: z.number().nullable(),
  deviation: z.number().nullable(),
  factMonth: z.number().nullable(),
  months: z.array(z.object({ month: z.number(), plan: z.number().nullable(), fact: z.number().nullable() })),
});
export const progressReportContentSchema = z.object({
  projectId: z.number(),
  projectTitle: z.string(),
  passportVersion: z.number().nullable(),
  period: periodSchema,
  periodLabel: z.string(),
  from: isoDate,
  to: isoDate,
  summary: z.string(),
  indicators: z.array(reportIndicatorSchema),
  results: z.array(
    z.object({
      title: z.string(),
      year: z.number(),
      unit: z.string(),
      plan: z.number().nullable(),
      fact: z.number().nullable(),
      comment: z.string(),
    }),
  ),
  controlPoints: z.array(
    z.object({
      title: z.string(),
      date: isoDate,
      doneDate: isoDate.nullable(),
      status: z.enum(CONTROL_POINT_STATUSES),
      atRisk: z.boolean(),
      comment: z.string(),
    }),
  ),
  deviations: z.array(z.object({ subject: z.string(), explanation: z.string(), measures: z.string() })),
});
export type ProgressReportContent = z.infer<typeof progressReportContentSchema>;

export const changeRequestInputSchema = z.object({ reason: text(3000), passport: passportSchema });
export type ChangeRequestInput = z.infer<typeof changeRequestInputSchema>;

export const passportChangeSchema = z.object({
  field: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  item: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type PassportChange = z.infer<typeof passportChangeSchema>;

export const changeRequestContentSchema = z.object({
  projectId: z.number(),
  reason: z.string(),
  /** The approved passport version the request changes; approval refuses a request made against an older one. */
  baseVersion: z.number(),
  passport: passportSchema,
  changes: z.array(passportChangeSchema),
});
export type ChangeRequestContent = z.infer<typeof changeRequestContentSchema>;

export const planItemInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('control_point'), projectId: z.number().int().positive(), title: text(500) }),
  z.object({
    kind: z.literal('measure'),
    projectId: z.number().int().positive().nullable().default(null),
    title: text(500),
    date: isoDate,
    responsible: note(300),
  }),
]);
export const consolidatedPlanInputSchema = z.object({
  blockCode: z.string().min(1).max(80),
  topic: text(500),
  year,
  items: z.array(planItemInputSchema).min(1, 'добавьте хотя бы одну контрольную точку или мероприятие').max(300),
});
export type ConsolidatedPlanInput = z.infer<typeof consolidatedPlanInputSchema>;

export const consolidatedPlanContentSchema = z.object({
  topic: z.string(),
  year: z.number(),
  items: z.array(
    z.object({
      kind: z.enum(['control_point', 'measure']),
      projectId: z.number().nullable(),
      projectTitle: z.string(),
      title: z.string(),
      date: isoDate,
      responsible: z.string(),
    }),
  ),
});
export type ConsolidatedPlanContent = z.infer<typeof consolidatedPlanContentSchema>;

export const planPartSchema = z.object({
  kind: z.enum(['control_point', 'measure']),
  projectId: z.number().nullable(),
  projectTitle: z.string(),
  title: z.string(),
  date: isoDate,
  responsible: z.string(),
  doneDate: isoDate.nullable(),
  /** Where the fact comes from: the project's latest approved progress report, or the mark on the plan (who, when). */
  factSource: z.string().nullable(),
  status: z.enum(CONTROL_POINT_STATUSES),
});
export type PlanPart = z.infer<typeof planPartSchema>;

export const planDocumentDetailSchema = z.object({
  document: poDocumentSchema,
  projectId: z.number().nullable(),
  /** The working copy and the last approved content, by the document's type. */
  report: z
    .object({ content: progressReportContentSchema, approved: progressReportContentSchema.nullable() })
    .nullable(),
  changeRequest: z
    .object({ content: changeRequestContentSchema, approved: changeRequestContentSchema.nullable() })
    .nullable(),
  plan: z
    .object({
      content: consolidatedPlanContentSchema,
      approved: consolidatedPlanContentSchema.nullable(),
      blockCode: z.string(),
      /** Plan vs fact of the approved plan (the working copy before the first approval). */
      parts: z.array(planPartSchema),
      canMarkMeasures: z.boolean(),
    })
    .nullable(),
  /** Registration numbers of the approved versions in the official register. */
  registered: z.array(z.object({ version: z.number(), number: z.string(), documentId: z.string() })),
});
export type PlanDocumentDetail = z.infer<typeof planDocumentDetailSchema>;

export const planDocumentSummarySchema = poDocumentSchema
  .pick({ id: true, type: true, title: true, blockCode: true, status: true, stepDueAt: true, allowed: true })
  .extend({ approvedVersion: z.number().nullable(), updatedAt: z.string() });
export type PlanDocumentSummary = z.infer<typeof planDocumentSummarySchema>;
export const projectPlanDocumentsSchema = z.object({
  reports: z.array(planDocumentSummarySchema),
  changeRequests: z.array(planDocumentSummarySchema),
  /** Whether the signed-in user drafts reports and change requests of this project; change requests need an approved passport. */
  canDraft: z.boolean(),
  passportApproved: z.boolean(),
});
export const planListSchema = z.object({ items: z.array(planDocumentSummarySchema), canCreate: z.boolean() });

export const planEditSchema = z.object({
  content: z.unknown(),
  comment: z.string().trim().max(2000).default(''),
});
export const measureFactInputSchema = z.object({ title: text(500), doneDate: isoDate, comment: note(1000) });
export type MeasureFactInput = z.infer<typeof measureFactInputSchema>;

export const passportVersionsSchema = z.object({
  items: z.array(
    z.object({
      version: z.number(),
      approvedAt: z.string(),
      approvedBy: z.string(),
      sha256: z.string(),
      number: z.string().nullable(),
      officialId: z.string().nullable(),
      /** Why the version was made: the comment of its approving step (a change request names itself). */
      comment: z.string(),
      changes: z.array(passportChangeSchema),
    }),
  ),
});
export type PassportVersions = z.infer<typeof passportVersionsSchema>;
