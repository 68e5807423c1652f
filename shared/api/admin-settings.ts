// Administration of the centre's settings (GET/POST/PUT/PATCH/DELETE /api/admin/…): organisations of the directory,
// routing rules, deadline policies, monitoring keyword sets, workload norms, and the state of each channel.
import { z } from 'zod';
import { DURATION_UNITS } from '../deadlines/deadline-policy';

const items = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item) });
const code = (what: string) => z.string().trim().min(1, `Укажите ${what}`).max(40, `Слишком длинный код: ${what}`);

export const ORGANISATION_KINDS = [
  'regional_body',
  'municipal_admin',
  'operator',
  'utility',
  'imported',
  'other',
] as const;
export const ORGANISATION_KIND_LABELS: Record<(typeof ORGANISATION_KINDS)[number], string> = {
  regional_body: 'Орган власти области',
  municipal_admin: 'Администрация муниципалитета',
  operator: 'Региональный оператор',
  utility: 'Ресурсоснабжающая организация',
  imported: 'Из импорта',
  other: 'Другая',
};
export const adminOrganisationSchema = z.object({
  id: z.number(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.string(),
  municipality: z.string().nullable(),
  active: z.boolean(),
  aliases: z.array(z.string()),
  openCases: z.number(),
});
export type AdminOrganisation = z.infer<typeof adminOrganisationSchema>;
export const adminOrganisationListSchema = items(adminOrganisationSchema);
const organisationName = z
  .string()
  .trim()
  .min(3, 'Название организации — не короче 3 символов')
  .max(300, 'Название организации — не длиннее 300 символов');
const shortName = z.string().trim().max(100, 'Краткое название — не длиннее 100 символов');
export const createOrganisationSchema = z.object({
  name: organisationName,
  shortName: shortName.optional(),
  kind: z.enum(ORGANISATION_KINDS, { message: 'Неизвестный вид организации' }),
  municipality: z.string().max(60).optional(),
});
export type CreateOrganisationInput = z.infer<typeof createOrganisationSchema>;
export const changeOrganisationSchema = z.object({
  name: organisationName.optional(),
  shortName: shortName.nullable().optional(),
  active: z.boolean().optional(),
});
export type ChangeOrganisationInput = z.infer<typeof changeOrganisationSchema>;

export const adminRoutingRuleSchema = z.object({
  id: z.number(),
  block: z.string().nullable(),
  category: z.string().nullable(),
  municipality: z.string().nullable(),
  target: z.enum(['organisation', 'municipal_admin']),
  organisationId: z.number().nullable(),
  organisation: z.string().nullable(),
  note: z.string().nullable(),
});
export type AdminRoutingRule = z.infer<typeof adminRoutingRuleSchema>;
export const adminRoutingRuleListSchema = items(adminRoutingRuleSchema);
export const routingRuleInputSchema = z.object({
  block: z.string().max(40).nullable(),
  category: z.string().max(40).nullable(),
  municipality: z.string().max(60).nullable(),
  target: z.enum(['organisation', 'municipal_admin'], {
    message: 'Укажите, куда направлять: организация или администрация муниципалитета',
  }),
  organisationId: z.number().int().positive().nullable(),
  note: z.string().trim().max(300).nullable().optional(),
});
export type RoutingRuleInput = z.infer<typeof routingRuleInputSchema>;

export const DURATION_UNIT_LABELS: Record<(typeof DURATION_UNITS)[number], string> = {
  working_hours: 'рабочих часов',
  working_days: 'рабочих дней',
  calendar_days: 'календарных дней',
};
const duration = z.object({
  amount: z
    .number({ message: 'Срок — число' })
    .positive('Срок должен быть больше нуля')
    .max(365, 'Срок — не больше 365'),
  unit: z.enum(DURATION_UNITS, { message: 'Единица срока: рабочие часы, рабочие дни или календарные дни' }),
});
export const adminDeadlinePolicySchema = z.object({
  id: z.number(),
  channel: z.string().nullable(),
  block: z.string().nullable(),
  category: z.string().nullable(),
  firstResponse: duration,
  finalAnswer: duration,
  source: z.string().nullable(),
});
export type AdminDeadlinePolicy = z.infer<typeof adminDeadlinePolicySchema>;
export const adminDeadlinePolicyListSchema = items(adminDeadlinePolicySchema);
export const deadlinePolicyInputSchema = z.object({
  channel: z.string().max(40).nullable(),
  block: z.string().max(40).nullable(),
  category: z.string().max(40).nullable(),
  firstResponse: duration,
  finalAnswer: duration,
  source: z.string().trim().max(300).nullable().optional(),
});
export type DeadlinePolicyInput = z.infer<typeof deadlinePolicyInputSchema>;

export const adminKeywordSetSchema = z.object({
  block: z.string(),
  keywords: z.array(z.string()),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type AdminKeywordSet = z.infer<typeof adminKeywordSetSchema>;
export const adminKeywordSetListSchema = items(adminKeywordSetSchema);
export const keywordSetInputSchema = z.object({
  keywords: z
    .array(
      z
        .string()
        .trim()
        .min(2, 'Ключевое слово — не короче 2 символов')
        .max(100, 'Ключевое слово — не длиннее 100 символов'),
    )
    .max(500, 'Не больше 500 слов в наборе'),
  active: z.boolean(),
});
export type KeywordSetInput = z.infer<typeof keywordSetInputSchema>;
export const blockParams = z.object({ block: code('блок') });

export const adminWorkloadNormsSchema = z.object({
  block: z.string(),
  minutesPerMessage: z.number().nullable(),
  minutesPerAnswer: z.number().nullable(),
  hoursPerStaffMonth: z.number().nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type AdminWorkloadNorms = z.infer<typeof adminWorkloadNormsSchema>;
export const adminWorkloadNormsListSchema = items(adminWorkloadNormsSchema);

export const channelStateSchema = z.object({
  adapter: z.string(),
  label: z.string(),
  channels: z.array(z.string()),
  configured: z.boolean(),
  lastMessageAt: z.string().nullable(),
  lastDeliveryAt: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  lastError: z.string().nullable(),
  failedDeliveries: z.number(),
});
export type ChannelState = z.infer<typeof channelStateSchema>;
export const channelStateListSchema = items(channelStateSchema);
