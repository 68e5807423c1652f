// The workspace of a whole day: the counters in the navigation, actions on many cases at once and each user's
// own settings of the inbox.
import { z } from 'zod';
import { rowIdString } from './ids';

/** Counters of the navigation; null where the user has no such work (no triage permission, no answering). */
export const caseCountersSchema = z.object({
  /** Cases waiting in triage for an operator. */
  triage: z.number().nullable(),
  /** Cases in the user's reach (their organisation, their block, or all) past the final-answer deadline. */
  overdue: z.number(),
  /** Answers the centre's review returned for rework, in the user's reach. */
  returned: z.number().nullable(),
});
export type CaseCounters = z.infer<typeof caseCountersSchema>;

export const BULK_ACTIONS = ['assign', 'send_to_triage', 'merge'] as const;
export const BULK_MAX_CASES = 100;
const caseIds = z
  .array(rowIdString('ожидается номер обращения'))
  .min(1, 'выберите обращения')
  .max(BULK_MAX_CASES, `не больше ${BULK_MAX_CASES} обращений за раз`);

export const bulkActionInputSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('assign'),
    ids: caseIds,
    organisationId: z.number().int(),
    reason: z.string().trim().min(3, 'укажите причину').max(2000),
  }),
  z.object({ action: z.literal('send_to_triage'), ids: caseIds, comment: z.string().max(2000).optional() }),
  /** The selected cases join `targetId` (each is rejected as its duplicate with a link). */
  z.object({
    action: z.literal('merge'),
    ids: caseIds,
    targetId: rowIdString('ожидается номер обращения'),
    comment: z.string().max(2000).optional(),
  }),
]);
export type BulkActionInput = z.infer<typeof bulkActionInputSchema>;

export const bulkActionResultSchema = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      ok: z.boolean(),
      /** The error code and message for a case the action could not be applied to (the others are not affected). */
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
});
export type BulkActionResult = z.infer<typeof bulkActionResultSchema>;

/** Columns of the inbox a user may hide; the number, the summary and the deadline are always shown. */
export const INBOX_COLUMNS = ['created', 'category', 'municipality', 'organisation', 'status'] as const;
export type InboxColumn = (typeof INBOX_COLUMNS)[number];
export const INBOX_COLUMN_LABELS: Record<InboxColumn, string> = {
  created: 'Поступило',
  category: 'Блок / категория',
  municipality: 'Муниципалитет',
  organisation: 'Исполнитель',
  status: 'Статус',
};

export const inboxSettingsSchema = z.object({
  columns: z.array(z.enum(INBOX_COLUMNS)).max(INBOX_COLUMNS.length),
  density: z.enum(['compact', 'comfortable']),
});
export type InboxSettings = z.infer<typeof inboxSettingsSchema>;
export const DEFAULT_INBOX_SETTINGS: InboxSettings = { columns: [...INBOX_COLUMNS], density: 'compact' };

/** Why a case waits in triage and what the routing rules would decide for the classifier's suggestion. */
export const triageExplanationSchema = z.object({
  /** The reason recorded when the case went to triage (intake or a person's action), with who and when. */
  reason: z.string().nullable(),
  since: z.string().nullable(),
  by: z.string().nullable(),
  /** The organisation the rules pick for the suggested block and category (null: no rule fits). */
  proposal: z
    .object({
      block: z.string(),
      category: z.string(),
      organisationId: z.number(),
      organisation: z.string(),
      rule: z.string(),
    })
    .nullable(),
});
export type TriageExplanation = z.infer<typeof triageExplanationSchema>;
