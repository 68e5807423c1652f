import { z } from 'zod';
import { intId } from './ids';
import { ratingItemSchema } from './analytics';

// The monthly report to the Governor: the data snapshot taken when a draft is generated, the workflow
// (draft → agreed by the head → approved by the curator) and the immutable approved versions.
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'ожидается месяц ГГГГ-ММ');
export const REPORT_FORMATS = ['pdf', 'docx', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_STATUSES = ['draft', 'agreed', 'approved'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  draft: 'Черновик',
  agreed: 'Согласован',
  approved: 'Утверждён',
};

export const MONTH_NAMES_NOMINATIVE = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
] as const;

/** '2020-12' → 'декабрь 2020 года' */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${MONTH_NAMES_NOMINATIVE[m - 1] ?? '?'} ${y} года`;
}

const countRow = z.object({ key: z.string(), label: z.string(), count: z.number(), previous: z.number() });
export type CountRow = z.infer<typeof countRow>;

export const ratingRowSchema = ratingItemSchema.pick({
  name: true,
  messages: true,
  onTimeShare: true,
  firstResponseMedianHours: true,
  satisfaction: true,
  score: true,
  rank: true,
});
export type RatingRow = z.infer<typeof ratingRowSchema>;

export const spikeRowSchema = z.object({ label: z.string(), count: z.number(), baseline: z.number() });

export const reportDataSchema = z.object({
  month: monthSchema,
  previousMonth: monthSchema,
  summary: z.object({
    messages: z.number(),
    previousMessages: z.number(),
    cases: z.number(),
    finalAnswers: z.number(),
    overdue: z.number(),
    ratings: z.number(),
    averageRating: z.number().nullable(),
  }),
  byChannel: z.array(countRow),
  byBlock: z.array(countRow),
  byMunicipality: z.array(countRow),
  byOrganisation: z.array(countRow),
  topProblems: z.array(countRow),
  spikes: z.array(spikeRowSchema),
  ratings: z.object({
    best: z.array(ratingRowSchema),
    worst: z.array(ratingRowSchema),
    ranked: z.number(),
    minVolume: z.number(),
  }),
  overdue: z.object({
    total: z.number(),
    byOrganisation: z.array(z.object({ name: z.string(), count: z.number() })),
    cases: z.array(
      z.object({
        id: z.string(),
        organisation: z.string(),
        category: z.string(),
        dueAt: z.string(),
        answeredAt: z.string().nullable(),
      }),
    ),
  }),
  kpis: z.array(
    z.object({
      title: z.string(),
      unit: z.string(),
      target: z.number().nullable(),
      value: z.number().nullable(),
      status: z.string(),
      statusLabel: z.string(),
    }),
  ),
  satisfaction: z.object({
    count: z.number(),
    average: z.number().nullable(),
    satisfiedShare: z.number().nullable(),
    distribution: z.array(z.number()),
  }),
});
export type ReportData = z.infer<typeof reportDataSchema>;

export const reportVersionSchema = z.object({
  version: z.number(),
  format: z.enum(REPORT_FORMATS),
  sha256: z.string(),
  size: z.number(),
  approvedAt: z.string(),
  approvedBy: z.string(),
});

export const reportSummarySchema = z.object({
  month: monthSchema,
  title: z.string(),
  status: z.enum(REPORT_STATUSES),
  statusLabel: z.string(),
  generatedAt: z.string(),
  generatedBy: z.string(),
  agreedAt: z.string().nullable(),
  agreedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  conclusions: z.string(),
  versions: z.array(reportVersionSchema),
  /** The version the default download gives: the latest approved one (a newer draft does not replace it); null if none. */
  approvedVersion: z.number().nullable(),
  /** What the signed-in user may do with this report now (decided on the server). */
  allowedActions: z.array(z.enum(['edit', 'regenerate', 'agree', 'approve'])),
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

export const reportListSchema = z.object({ items: z.array(reportSummarySchema) });
export const reportDetailSchema = z.object({ report: reportSummarySchema, data: reportDataSchema });
export type ReportDetail = z.infer<typeof reportDetailSchema>;

export const reportMonthParams = z.object({ month: monthSchema });
export const reportConclusionsInput = z.object({ conclusions: z.string().max(20_000) });
export const reportFileQuery = z.object({
  format: z.enum(REPORT_FORMATS),
  version: intId().optional(),
  /** The current edition (draft or agreed) instead of the approved version in force. */
  draft: z.enum(['true', 'false']).optional(),
});
