import { z } from 'zod';
import { isoDate } from './dates';
import { intId, rowIdString } from './ids';
import { deliverySchema } from './deliveries';
import { attachmentSchema, storedAttachmentSchema } from './messages';
import { CASE_STATUSES, REJECTION_REASONS, RETURN_REASONS } from '../cases/case-status';
import { CASE_ALLOWED_ACTIONS } from '../cases/case-rules';
import { CHANNELS } from '../deadlines/channels';
import { MAX_EXTENSION_DAYS } from '../deadlines/deadlines';

const csv = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(item),
  );

export const DEADLINE_STATES = ['on_time', 'at_risk', 'overdue'] as const;
export const CASE_SORTS = ['created_desc', 'created_asc', 'due_asc', 'priority'] as const;

export const caseListQuerySchema = z.object({
  block: csv(z.string()).optional(),
  category: csv(z.string()).optional(),
  municipality: csv(z.string()).optional(),
  organisation: csv(intId()).optional(),
  /** Cases held without an organisation whose imported source named this organisation (not matched to the reference). */
  sourceOrganisation: z.string().trim().min(1).max(500).optional(),
  status: csv(z.enum(CASE_STATUSES)).optional(),
  channel: csv(z.enum(CHANNELS)).optional(),
  deadline: z.enum(DEADLINE_STATES).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** true: the case has an answer (interim or final); false: none yet. */
  answered: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** true: the citizen wrote again after the answer (or closure) and nobody has acted on it yet («гражданин ответил»). */
  citizenReplied: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** true: the final answer came after its deadline. */
  late: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  priority: csv(z.enum(['critical', 'high', 'normal'])).optional(),
  /** failed: an answer of the case could not be delivered to a citizen («доставка не удалась»). */
  delivery: z.enum(['failed']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().max(500).optional(),
  ids: csv(rowIdString()).optional(),
  sort: z.enum(CASE_SORTS).default('created_desc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  /** Why the list is read (the personal data access journal); derived from the route when absent. */
  purpose: z.string().trim().min(1).max(300).optional(),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

/** What GET /api/cases/facets counts: the inbox's filters, each counted with all the other filters applied. */
/** `citizenReplied` counts only the flagged cases (key `true`): the number the «Гражданин ответил» filter would list. */
export const CASE_FACETS = [
  'block',
  'category',
  'municipality',
  'organisation',
  'channel',
  'status',
  'deadline',
  'priority',
  'citizenReplied',
] as const;
export type CaseFacet = (typeof CASE_FACETS)[number];
export const caseFacetsQuerySchema = caseListQuerySchema
  .omit({ sort: true, page: true, pageSize: true, purpose: true })
  .extend({
    facets: csv(z.enum(CASE_FACETS)).optional(),
  });
export type CaseFacetsQuery = z.infer<typeof caseFacetsQuerySchema>;
const facetCounts = z.array(z.object({ key: z.string(), count: z.number() }));
export const caseFacetsSchema = z.object({
  /** Cases matching every filter. */
  total: z.number(),
  facets: z.partialRecord(z.enum(CASE_FACETS), facetCounts),
});
export type CaseFacets = z.infer<typeof caseFacetsSchema>;

export const caseListItemSchema = z.object({
  id: z.string(),
  status: z.enum(CASE_STATUSES),
  priority: z.string(),
  channel: z.string(),
  summary: z.string(),
  block: z.string().nullable(),
  blockName: z.string().nullable(),
  category: z.string().nullable(),
  categoryName: z.string().nullable(),
  municipality: z.string().nullable(),
  organisationId: z.number().nullable(),
  organisation: z.string().nullable(),
  createdAt: z.string(),
  firstResponseDueAt: z.string().nullable(),
  finalAnswerDueAt: z.string().nullable(),
  firstResponseAt: z.string().nullable(),
  finalAnswerAt: z.string().nullable(),
  deadlineState: z.enum(['on_time', 'at_risk', 'overdue', 'met', 'missed']).nullable(),
  confidence: z.number().nullable(),
  messages: z.number(),
  /** When the citizen wrote again after the answer or closure, until someone acts on the case («гражданин ответил»). */
  citizenRepliedAt: z.string().nullable(),
});
export type CaseListItem = z.infer<typeof caseListItemSchema>;

export const caseListSchema = z.object({
  items: z.array(caseListItemSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const caseMessageSchema = z.object({
  id: z.string(),
  channel: z.string(),
  externalId: z.string(),
  text: z.string(),
  createdAt: z.string(),
  author: z.string().nullable(),
  contact: z.string().nullable(),
  address: z.string().nullable(),
  labels: z.record(z.string(), z.unknown()).nullable(),
  duplicate: z.boolean(),
  attachments: z.array(storedAttachmentSchema),
});
export const caseAnswerSchema = z.object({
  id: z.string(),
  kind: z.enum(['interim', 'final']),
  body: z.string(),
  author: z.string().nullable(),
  createdAt: z.string(),
  reviewStatus: z.string(),
  reviewReason: z.string().nullable(),
  reviewComment: z.string().nullable(),
  attachments: z.array(storedAttachmentSchema),
  /** When the answer became visible to the citizen (null: waits for ЦУР's review, or returned). */
  publishedAt: z.string().nullable(),
});
export const caseEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  type: z.string(),
  label: z.string(),
  actor: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export const caseDetailSchema = caseListItemSchema.extend({
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  classification: z.unknown(),
  flags: z.array(z.object({ code: z.string(), label: z.string(), triggers: z.array(z.string()) })),
  extensionsUsed: z.number(),
  rejectionReason: z.string().nullable(),
  rating: z.number().nullable(),
  mergedIntoId: z.string().nullable(),
  messagesList: z.array(caseMessageSchema),
  answers: z.array(caseAnswerSchema),
  history: z.array(caseEventSchema),
  /** Lifecycle transitions and operations (rate, extend, reclassify) this user may do now: `shared/cases/case-rules.ts`. */
  allowedActions: z.array(z.enum(CASE_ALLOWED_ACTIONS)),
  permissions: z.record(z.string(), z.boolean()),
  /** Where each answer went: one entry per answer × citizen message. */
  deliveries: z.array(deliverySchema).optional(),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** The longest answer text (the answer form shows the count and says when a paste does not fit). */
export const MAX_ANSWER_CHARS = 20_000;

export const answerInputSchema = z.object({
  kind: z.enum(['interim', 'final']),
  body: z.string().trim().min(10, 'ответ слишком короткий').max(MAX_ANSWER_CHARS, 'ответ длиннее 20 000 символов'),
  /** Photos and documents of the work done (same limits as the files of POST /api/messages). */
  attachments: z
    .array(
      z.object({
        name: z.string().max(500),
        mimeType: z.string().max(200).nullish(),
        contentBase64: attachmentSchema.shape.contentBase64.unwrap(),
      }),
    )
    .max(20)
    .optional(),
});
export const reviewInputSchema = z
  .object({
    decision: z.enum(['accept', 'return']),
    reason: z.enum(RETURN_REASONS).optional(),
    comment: z.string().max(5000).optional(),
  })
  // «Иное» says nothing by itself: the executor must learn what to fix
  .refine((r) => r.decision !== 'return' || r.reason !== 'other' || (r.comment ?? '').trim().length >= 3, {
    path: ['comment'],
    message: 'при причине «Иное» напишите исполнителю, что исправить',
  });
export const ratingInputSchema = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().max(5000).optional(),
});
export const reassignInputSchema = z.object({
  organisationId: z.number().int(),
  reason: z.string().trim().min(3, 'укажите причину').max(2000),
});
export const reclassifyInputSchema = z.object({
  block: z.string().min(1),
  category: z.string().min(1),
  municipality: z.string().nullable().optional(),
  organisationId: z.number().int().nullable().optional(),
});
export const rejectInputSchema = z.object({
  reason: z.enum(REJECTION_REASONS),
  comment: z.string().max(2000).optional(),
  duplicateOf: rowIdString().optional(),
});
const EXTENSION_DAYS = `продлить можно на 1–${MAX_EXTENSION_DAYS} дней, целым числом`;
export const extendInputSchema = z.object({
  days: z
    .number({ error: EXTENSION_DAYS })
    .int(EXTENSION_DAYS)
    .min(1, EXTENSION_DAYS)
    .max(MAX_EXTENSION_DAYS, EXTENSION_DAYS),
  reason: z.string().trim().min(3, 'укажите причину продления (не короче 3 символов)').max(2000),
});
export const transitionInputSchema = z
  .object({
    action: z.enum(['take', 'close', 'reopen', 'send_to_triage', 'decline']),
    comment: z.string().max(2000).optional(),
  })
  // ЦУР must learn why the case is not the organisation's, and whose it may be
  .refine((t) => t.action !== 'decline' || (t.comment ?? '').trim().length >= 10, {
    path: ['comment'],
    message: 'объясните, почему обращение не в компетенции организации и чьё оно (не короче 10 символов)',
  });

/** Merge: the messages of case `sourceId` move into this case; the source is rejected as a duplicate with a link. */
export const mergeInputSchema = z.object({
  sourceId: rowIdString('ожидается номер обращения'),
  comment: z.string().max(2000).optional(),
});
/** Split: one message of this case becomes a new case (analysed and routed anew). */
export const splitInputSchema = z.object({
  messageId: rowIdString('ожидается номер сообщения'),
  comment: z.string().max(2000).optional(),
});
export const splitResultSchema = z.object({ newCaseId: z.string(), case: caseDetailSchema });
export const duplicateSuggestionSchema = z.object({
  caseId: z.string(),
  decision: z.enum(['duplicate', 'suggest']),
  score: z.number(),
  reasons: z.array(z.string()),
  summary: z.string(),
  status: z.enum(CASE_STATUSES),
  createdAt: z.string(),
  channel: z.string(),
});
export const duplicateSuggestionsSchema = z.object({ items: z.array(duplicateSuggestionSchema) });
export type DuplicateSuggestion = z.infer<typeof duplicateSuggestionSchema>;
