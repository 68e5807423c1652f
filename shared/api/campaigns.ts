import { z } from 'zod';
import { isoDate } from './dates';
import { historyEntrySchema } from './public-pages';
import { interactionSchema } from './media';

// Informing campaigns by geography (decree 6.7): the problem a campaign answers (a spike or a category in some
// municipalities), goal, audience, municipalities, channels, a content plan and a media plan with dates, approval by
// the head of the centre (with a return and comments), publishing through the channel adapters that can post or as
// tasks for the pages' owners, reach per municipality, and the effect: messages of that category in those
// municipalities in equal windows before and after the campaign's start.
export const CAMPAIGN_CHANNEL_KINDS = ['vk_wall', 'telegram_channel', 'email_list', 'page_task'] as const;
export type CampaignChannelKind = (typeof CAMPAIGN_CHANNEL_KINDS)[number];
export const CAMPAIGN_CHANNEL_LABELS: Record<CampaignChannelKind, string> = {
  vk_wall: 'Стена сообщества ВКонтакте',
  telegram_channel: 'Канал Telegram',
  email_list: 'Рассылка по e-mail',
  page_task: 'Задача владельцу госпаблика',
};
export const CAMPAIGN_STATUSES = ['draft', 'on_approval', 'returned', 'approved', 'published'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: 'Черновик',
  on_approval: 'На утверждении',
  returned: 'Возвращена с замечаниями',
  approved: 'Утверждена',
  published: 'Публикуется',
};
export const PUBLICATION_STATUSES = ['pending', 'sent', 'failed', 'task_open', 'task_done'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];
export const PUBLICATION_STATUS_LABELS: Record<PublicationStatus, string> = {
  pending: 'В очереди',
  sent: 'Опубликовано',
  failed: 'Не удалось',
  task_open: 'Задача открыта',
  task_done: 'Задача выполнена',
};
export const REACH_SOURCE_LABELS = { manual: 'внесено', file: 'из файла', adapter: 'от канала' } as const;

const text = (max: number) => z.string().trim().max(max);
const emails = z
  .string()
  .trim()
  .min(3)
  .max(5000)
  .refine(
    (s) =>
      s
        .split(/[\s,;]+/)
        .filter(Boolean)
        .every((a) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a)),
    'ожидаются адреса e-mail через запятую',
  );

export const campaignChannelSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('vk_wall') }),
  /** A channel's @username or numeric chat id; the bot must be an administrator of the channel. */
  z.object({
    kind: z.literal('telegram_channel'),
    target: z
      .string()
      .trim()
      .regex(/^(@\w{5,32}|-?\d{5,20})$/, 'ожидается @имя канала или его номер'),
  }),
  z.object({ kind: z.literal('email_list'), target: emails }),
  z.object({ kind: z.literal('page_task'), pageId: z.number().int().positive() }),
]);
export type CampaignChannel = z.infer<typeof campaignChannelSchema>;

export const campaignInputSchema = z.object({
  title: text(300).min(3, 'название — не короче 3 знаков'),
  goal: text(2000).min(3, 'цель — не короче 3 знаков'),
  audience: text(1000).default(''),
  /** The problem: a category (null — all categories) in the municipalities, optionally the spike it came from. */
  categoryCode: z.string().min(1).nullable().default(null),
  municipalityCodes: z.array(z.string().min(1)).min(1, 'выберите хотя бы один муниципалитет').max(19),
  spike: z.object({ from: isoDate, to: isoDate }).nullable().default(null),
  startsOn: isoDate,
  effectWindowDays: z.number().int().min(7).max(180).default(28),
  channels: z.array(campaignChannelSchema).min(1, 'выберите хотя бы один канал').max(20),
  posts: z
    .array(z.object({ publishOn: isoDate, text: text(4000).min(1, 'текст публикации пуст') }))
    .min(1, 'в контент-плане нет публикаций')
    .max(100),
  mediaPlan: z
    .array(z.object({ contactId: z.number().int().positive(), plannedOn: isoDate, note: text(1000).default('') }))
    .max(100)
    .default([]),
});
export type CampaignInput = z.infer<typeof campaignInputSchema>;

export const returnInputSchema = z.object({ comment: text(2000).min(3, 'напишите, что исправить') });
export const approveInputSchema = z.object({ comment: text(2000).default('') });
export const taskDoneInputSchema = z.object({ url: z.string().trim().url('ожидается ссылка на публикацию').max(1000) });
export const reachInputSchema = z.object({
  items: z
    .array(
      z.object({
        municipalityCode: z.string().min(1).nullable(),
        channel: text(200).min(1),
        reach: z.number().int().min(0),
        recordedOn: isoDate,
      }),
    )
    .min(1)
    .max(500),
});
export type ReachInput = z.infer<typeof reachInputSchema>;
export const campaignListQuerySchema = z.object({ from: isoDate.optional(), to: isoDate.optional() });

export const effectRowSchema = z.object({
  municipalityCode: z.string(),
  municipality: z.string(),
  before: z.number(),
  after: z.number(),
  reach: z.number(),
});
export const effectSchema = z.object({
  windowDays: z.number(),
  beforeFrom: z.string(),
  beforeTo: z.string(),
  afterFrom: z.string(),
  afterTo: z.string(),
  /** The window after the start is over (before that the numbers after are partial). */
  afterComplete: z.boolean(),
  rows: z.array(effectRowSchema),
  before: z.number(),
  after: z.number(),
});
export type CampaignEffect = z.infer<typeof effectSchema>;

export const campaignSummarySchema = z.object({
  id: z.number(),
  title: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  categoryCode: z.string().nullable(),
  category: z.string().nullable(),
  municipalityCodes: z.array(z.string()),
  municipalities: z.array(z.string()),
  spike: z.object({ from: z.string(), to: z.string() }).nullable(),
  startsOn: z.string(),
  effect: effectSchema,
  reach: z.number(),
});
export type CampaignSummary = z.infer<typeof campaignSummarySchema>;
export const campaignListSchema = z.object({ items: z.array(campaignSummarySchema) });

export const publicationSchema = z.object({
  id: z.string(),
  postId: z.number(),
  publishOn: z.string(),
  channelKind: z.enum(CAMPAIGN_CHANNEL_KINDS),
  target: z.string(),
  pageTitle: z.string().nullable(),
  pageOwner: z.string().nullable(),
  status: z.enum(PUBLICATION_STATUSES),
  url: z.string().nullable(),
  externalRef: z.string().nullable(),
  lastError: z.string().nullable(),
  attempts: z.number(),
  doneBy: z.string().nullable(),
});
export type Publication = z.infer<typeof publicationSchema>;

export const campaignDetailSchema = campaignSummarySchema.extend({
  goal: z.string(),
  audience: z.string(),
  effectWindowDays: z.number(),
  approvalComment: z.string(),
  createdBy: z.string(),
  channels: z.array(campaignChannelSchema),
  posts: z.array(z.object({ id: z.number(), publishOn: z.string(), text: z.string() })),
  mediaPlan: z.array(
    z.object({ contactId: z.number(), contactName: z.string(), plannedOn: z.string(), note: z.string() }),
  ),
  publications: z.array(publicationSchema),
  reachRows: z.array(
    z.object({
      municipalityCode: z.string().nullable(),
      municipality: z.string().nullable(),
      channel: z.string(),
      reach: z.number(),
      source: z.enum(['manual', 'file', 'adapter']),
      recordedOn: z.string(),
      author: z.string(),
    }),
  ),
  interactions: z.array(interactionSchema.extend({ contactId: z.number(), contactName: z.string() })),
  allowedActions: z.array(z.enum(['edit', 'submit', 'approve', 'return', 'publish', 'record_reach'])),
  history: z.array(historyEntrySchema),
});
export type CampaignDetail = z.infer<typeof campaignDetailSchema>;
