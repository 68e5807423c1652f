import { z } from 'zod';
import { isoDate } from './dates';

// Media outlets and opinion leaders (decree p. 6.8): who they are, where they publish, for whom and about what, who in
// the centre keeps the relationship; interactions with dates (requests, publications, comments, mentions, meetings),
// a mention linked to the case it is about.
export const MEDIA_KINDS = ['outlet', 'person'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];
export const MEDIA_KIND_LABELS: Record<MediaKind, string> = { outlet: 'СМИ', person: 'Лидер мнений' };
export const INTERACTION_KINDS = ['request', 'publication', 'comment', 'mention', 'meeting'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];
export const INTERACTION_LABELS: Record<InteractionKind, string> = {
  request: 'Запрос',
  publication: 'Публикация',
  comment: 'Комментарий',
  mention: 'Упоминание',
  meeting: 'Встреча',
};

const text = (max: number) => z.string().trim().max(max);

export const mediaInputSchema = z.object({
  kind: z.enum(MEDIA_KINDS),
  name: text(300).min(2),
  channels: text(1000).default(''),
  audience: z.number().int().min(0).nullable().default(null),
  topics: text(1000).default(''),
  municipalityCode: z.string().nullable().default(null),
  contactPerson: text(300).default(''),
  contact: text(300).default(''),
  ownerName: text(200).default(''),
});
export type MediaInput = z.infer<typeof mediaInputSchema>;

export const interactionInputSchema = z.object({
  kind: z.enum(INTERACTION_KINDS),
  happenedOn: isoDate,
  topic: text(1000).min(2),
  outcome: text(2000).default(''),
  url: z.string().trim().url('ожидается ссылка').max(1000).nullable().default(null),
  /** The case a mention or request is about (its number). */
  caseId: z
    .string()
    .regex(/^\d{1,18}$/, 'номер обращения — цифры')
    .nullable()
    .default(null),
  /** The informing campaign it belongs to (decree 6.8: mentions and publications tied to campaigns). */
  campaignId: z.number().int().positive().nullable().default(null),
});
export type InteractionInput = z.infer<typeof interactionInputSchema>;

export const interactionSchema = interactionInputSchema.extend({ id: z.string(), author: z.string() });
export const mediaContactSchema = mediaInputSchema.extend({
  id: z.number(),
  municipality: z.string().nullable(),
  interactions: z.number(),
  lastInteractionOn: z.string().nullable(),
});
export type MediaContact = z.infer<typeof mediaContactSchema>;
export const mediaListSchema = z.object({ items: z.array(mediaContactSchema) });
export const mediaDetailSchema = mediaContactSchema.extend({
  interactionList: z.array(interactionSchema),
  history: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), summary: z.string() })),
});
export type MediaDetail = z.infer<typeof mediaDetailSchema>;
export const mentionsQuerySchema = z.object({ case: z.string().regex(/^\d{1,18}$/) });
export const mentionsSchema = z.object({
  items: z.array(interactionSchema.extend({ contactId: z.number(), contactName: z.string() })),
});
