import { z } from 'zod';
import { isoDate } from './dates';

// The personal data access journal (152-ФЗ), erasure on request and the erasure journal.

export const ACCESS_ACTIONS = ['case_card', 'case_list', 'case_search', 'export'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];
export const ACCESS_ACTION_LABELS: Record<AccessAction, string> = {
  case_card: 'Карточка обращения',
  case_list: 'Список обращений',
  case_search: 'Поиск обращений',
  export: 'Выгрузка',
};

/** Why personal data was read: sent by the client (`purpose`), otherwise derived from the route. */
export const purposeSchema = z.string().trim().min(1).max(300).optional();
export const purposeQuerySchema = z.object({ purpose: purposeSchema });

export const auditQuerySchema = z.object({
  case: z
    .string()
    .regex(/^\d{1,18}$/, 'номер обращения — число')
    .optional(),
  user: z.coerce.number().int().positive().optional(),
  action: z.enum(ACCESS_ACTIONS).optional(),
  /** Moscow dates, inclusive. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const accessEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.number().nullable(),
  actor: z.string(),
  role: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string(),
  purpose: z.string(),
  caseIds: z.array(z.string()),
  itemCount: z.number(),
  scope: z.record(z.string(), z.unknown()).nullable(),
  /** The same read repeated within minutes (a list refreshing itself) is folded into this row: how often, until when. */
  repeats: z.number(),
  lastAt: z.string().nullable(),
});
export type AccessEntry = z.infer<typeof accessEntrySchema>;
export const auditPageSchema = z.object({
  items: z.array(accessEntrySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

export const erasureInputSchema = z
  .object({
    /** Erase the citizen data of one case (every message of it)… */
    caseId: z
      .string()
      .regex(/^\d{1,18}$/, 'номер обращения — число')
      .optional(),
    /** …or of every message whose author contact is this phone or e-mail (compared without spaces and case). */
    contact: z.string().trim().min(5, 'контакт: не короче 5 символов').max(200).optional(),
    reason: z.string().trim().min(3, 'укажите основание (например, номер заявления)').max(500),
  })
  .refine((v) => (v.caseId === undefined) !== (v.contact === undefined), {
    message: 'укажите либо caseId (--case), либо contact (--contact)',
    path: ['caseId'],
  });
export type ErasureInput = z.infer<typeof erasureInputSchema>;

export const erasureSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  basis: z.enum(['request', 'retention']),
  reason: z.string(),
  caseIds: z.array(z.string()),
  messageCount: z.number(),
  /** How many values of each kind were destroyed (never the values). */
  fields: z.record(z.string(), z.number()),
});
export type Erasure = z.infer<typeof erasureSchema>;
export const erasureListSchema = z.object({
  items: z.array(erasureSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export const erasureListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
