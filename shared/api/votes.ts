import { z } from 'zod';
import { isoDate } from './dates';

// Votes and public discussions (decree p. 6.2): ПОС and regional votes, public hearings and discussions, initiative
// budgeting, with their decisions and implementation; set beside the complaints of the same category and place.
export const VOTE_KINDS = ['pos_vote', 'regional_vote', 'hearing', 'discussion', 'initiative_budget'] as const;
export type VoteKind = (typeof VOTE_KINDS)[number];
export const VOTE_KIND_LABELS: Record<VoteKind, string> = {
  pos_vote: 'Голосование на ПОС',
  regional_vote: 'Региональное голосование',
  hearing: 'Публичные слушания',
  discussion: 'Общественное обсуждение',
  initiative_budget: 'Инициативное бюджетирование',
};
export const IMPLEMENTATION_STATUSES = ['not_started', 'in_progress', 'done', 'cancelled'] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];
export const IMPLEMENTATION_LABELS: Record<ImplementationStatus, string> = {
  not_started: 'Не начата',
  in_progress: 'Идёт',
  done: 'Выполнено',
  cancelled: 'Отменено',
};
/**
 * A decision «meets a rise of complaints» when, in the CONFLICT_WINDOW_DAYS after it (or after the end of the event
 * without a decision date), complaints of its category in its municipality number at least CONFLICT_MIN_COMPLAINTS and
 * at least CONFLICT_RATIO times as many as in the same number of days before.
 */
export const CONFLICT_RULE = { windowDays: 30, ratio: 1.5, minComplaints: 3 } as const;

const text = (max: number) => z.string().trim().max(max);

export const voteInputSchema = z.object({
  externalId: text(100).nullable().default(null),
  kind: z.enum(VOTE_KINDS),
  title: text(500).min(3),
  municipalityCode: z.string().nullable(),
  categoryCode: z.string().nullable().default(null),
  question: text(2000).default(''),
  startsOn: isoDate,
  endsOn: isoDate,
  turnout: z.number().int().min(0).nullable().default(null),
  result: text(2000).default(''),
  decision: text(2000).default(''),
  decisionOn: isoDate.nullable().default(null),
  implementation: z.enum(IMPLEMENTATION_STATUSES).default('not_started'),
});
export type VoteInput = z.infer<typeof voteInputSchema>;

export const complaintsBesideSchema = z.object({
  /** The date the comparison is around: the decision, or the end of the event. */
  around: z.string(),
  before: z.number(),
  after: z.number(),
  conflict: z.boolean(),
});
export const voteSchema = voteInputSchema.extend({
  id: z.number(),
  municipality: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  category: z.string().nullable(),
  block: z.string().nullable(),
  complaints: complaintsBesideSchema,
});
export type Vote = z.infer<typeof voteSchema>;
export const voteListSchema = z.object({
  items: z.array(voteSchema),
  rule: z.object({ windowDays: z.number(), ratio: z.number(), minComplaints: z.number() }),
});
export type VoteList = z.infer<typeof voteListSchema>;
export const voteQuerySchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  municipality: z.string().optional(),
  category: z.string().optional(),
});
export const voteDetailSchema = voteSchema.extend({
  history: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), summary: z.string() })),
});
export type VoteDetail = z.infer<typeof voteDetailSchema>;
