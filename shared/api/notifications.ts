import { z } from 'zod';

// Staff notifications: what happened that a user should know of without watching a screen. Each kind can also go
// by e-mail and to a linked Telegram chat, at once or in the daily digest (per-user preferences).
export const NOTIFICATION_KINDS = [
  'new_case',
  'answer_returned',
  'deadline_at_risk',
  'overdue',
  'extended',
  'reopened',
  'spike',
  'po_document',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  new_case: 'Новое обращение моей организации или блока',
  answer_returned: 'Мой ответ возвращён на доработку',
  deadline_at_risk: 'Срок ответа под угрозой',
  overdue: 'Срок ответа нарушен',
  extended: 'Срок рассмотрения продлён',
  reopened: 'Обращение возвращено в работу',
  spike: 'Всплеск обращений в моём блоке или муниципалитете',
  po_document: 'Документ проектного офиса ждёт моего решения или возвращён мне',
};

export function isNotificationKind(s: string): s is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(s);
}

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string(),
  caseId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = z.object({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  total: z.number(),
  unread: z.number(),
});
export const unreadCountSchema = z.object({ unread: z.number() });
export const markReadSchema = z
  .object({
    ids: z.array(z.string().regex(/^\d+$/)).max(500).optional(),
    all: z.boolean().optional(),
  })
  .refine((v) => v.all === true || (v.ids?.length ?? 0) > 0, 'укажите ids или all: true');

// A kind added after a user saved their choice starts switched on instead of discarding the saved choice.
const kindChannels = z.object({ email: z.boolean(), telegram: z.boolean() });
export const notificationSettingsSchema = z.object({
  kinds: z.object(
    Object.fromEntries(
      NOTIFICATION_KINDS.map((k) => [k, kindChannels.default({ email: true, telegram: true })]),
    ) as Record<NotificationKind, z.ZodDefault<typeof kindChannels>>,
  ),
  /** true: e-mail and Telegram get one digest a day instead of a message per notification. */
  digest: z.boolean(),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;
export const notificationPreferencesSchema = notificationSettingsSchema.extend({
  email: z.string().nullable(),
  telegramLinked: z.boolean(),
  /** Whether the platform can send by e-mail (SMTP configured) and by Telegram (bot configured). */
  emailAvailable: z.boolean(),
  telegramAvailable: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;
export const notificationPreferencesInputSchema = notificationSettingsSchema.extend({
  email: z
    .string()
    .trim()
    .max(254)
    .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'ожидается адрес электронной почты')
    .nullable()
    .optional(),
});
export const telegramLinkCodeSchema = z.object({
  code: z.string(),
  expiresAt: z.string(),
  link: z.string().nullable(),
});
