import { z } from 'zod';
import { isoDate } from './dates';
import { groupContentSchema } from './po-documents';
import { poDocumentSchema } from './projects';

// Working and expert groups at work: the approved composition (a po_document of type 'group'), meetings with agenda
// and attendance, decisions with owner, due date (a working day of the production calendar) and status, the meeting's
// protocol approved as an official document, and the history of every change.
const text = (max: number) => z.string().trim().min(1, 'не заполнено').max(max);

export const DECISION_STATUSES = ['open', 'done', 'cancelled'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
export const DECISION_STATUS_LABELS: Record<DecisionStatus, string> = {
  open: 'В работе',
  done: 'Исполнено',
  cancelled: 'Снято',
};

export const meetingInputSchema = z.object({
  heldOn: isoDate,
  agenda: text(4000),
  place: z.string().trim().max(300).default(''),
  attendance: z
    .array(z.object({ name: text(200), present: z.boolean() }))
    .max(300)
    .default([]),
});
export type MeetingInput = z.infer<typeof meetingInputSchema>;

export const decisionInputSchema = z.object({
  text: text(2000),
  owner: text(200),
  /** The owner's account when the owner is a user of the platform (notified when the decision is overdue). */
  ownerUserId: z.number().int().positive().nullable().default(null),
  dueDate: isoDate,
});
export type DecisionInput = z.infer<typeof decisionInputSchema>;

export const decisionStatusInputSchema = z.object({
  status: z.enum(DECISION_STATUSES),
  comment: z.string().trim().max(2000).default(''),
});

export const decisionSchema = z.object({
  id: z.number(),
  meetingId: z.number(),
  text: z.string(),
  owner: z.string(),
  ownerUserId: z.number().nullable(),
  dueDate: z.string(),
  status: z.enum(DECISION_STATUSES),
  statusComment: z.string(),
  closedAt: z.string().nullable(),
  /** Open past its due date (Moscow). */
  overdue: z.boolean(),
  canChangeStatus: z.boolean(),
});
export type Decision = z.infer<typeof decisionSchema>;

export const meetingSchema = z.object({
  id: z.number(),
  heldOn: z.string(),
  agenda: z.string(),
  place: z.string(),
  attendance: z.array(z.object({ name: z.string(), present: z.boolean() })),
  createdBy: z.string(),
  decisions: z.array(decisionSchema),
  protocol: poDocumentSchema.nullable(),
  /** The registered official document of the protocol's latest approved version, when there is one. */
  protocolNumber: z.string().nullable(),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const groupEventSchema = z.object({ action: z.string(), detail: z.string(), actor: z.string(), at: z.string() });

export const groupMemberSchema = z.object({
  name: z.string(),
  role: z.string(),
  organisation: z.string(),
  /** The member's role in the centre's structure today, when the name is found there; null: from outside. */
  centreRole: z.string().nullable(),
  userId: z.number().nullable(),
});

export const groupSummarySchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(['working', 'expert']),
  blockCode: z.string(),
  status: z.string(),
  approved: z.boolean(),
  meetings: z.number(),
  openDecisions: z.number(),
  overdueDecisions: z.number(),
});
export const groupListSchema = z.object({ items: z.array(groupSummarySchema) });

export const groupDetailSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(['working', 'expert']),
  purpose: z.string(),
  blockCode: z.string(),
  composition: poDocumentSchema,
  /** The composition in force (approved), or the draft before the first approval. */
  content: groupContentSchema,
  members: z.array(groupMemberSchema),
  meetings: z.array(meetingSchema),
  history: z.array(groupEventSchema),
  /** The signed-in user may hold meetings and record decisions (block roles: of the group's block). */
  canRunMeetings: z.boolean(),
  today: z.string(),
});
export type GroupDetail = z.infer<typeof groupDetailSchema>;
