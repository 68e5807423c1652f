import { z } from 'zod';
import { isoDate } from './dates';

// Official pages (госпаблики) of organisations under 270-ФЗ: the registry, checks of the required elements, weekly
// activity figures and the ratings computed from them and from the platform's own answers to messages that came
// through a page. The lists (networks, categories, elements, rating metrics) are the facts regions use; the rating
// criteria and their points are configured in the database (page_score_criteria).

export const PAGE_NETWORKS = ['vk', 'ok', 'telegram', 'max'] as const;
export type PageNetwork = (typeof PAGE_NETWORKS)[number];
export const PAGE_NETWORK_LABELS: Record<PageNetwork, string> = {
  vk: 'ВКонтакте',
  ok: 'Одноклассники',
  telegram: 'Telegram',
  max: 'MAX',
};

export const PAGE_CATEGORIES = ['flagship', 'active', 'card'] as const;
export type PageCategory = (typeof PAGE_CATEGORIES)[number];
export const PAGE_CATEGORY_LABELS: Record<PageCategory, string> = {
  flagship: 'Флагманская',
  active: 'Активная',
  card: 'Визитка',
};
/** Posts a week the form suggests for a category (regional norms: ≥10 government, ≥5 bodies, ≥3 in general). */
export const DEFAULT_POSTING_NORMS: Record<PageCategory, number> = { flagship: 10, active: 5, card: 3 };

export const PAGE_ELEMENTS = ['gov_mark', 'pos_widget', 'contacts', 'description'] as const;
export type PageElement = (typeof PAGE_ELEMENTS)[number];
export const PAGE_ELEMENT_LABELS: Record<PageElement, string> = {
  gov_mark: 'Отметка «Госорганизация»',
  pos_widget: 'Виджет ПОС',
  contacts: 'Контакты',
  description: 'Описание',
};

export const SCORE_SETS = ['rating', 'heads'] as const;
export type ScoreSet = (typeof SCORE_SETS)[number];
export const SCORE_METRICS = [
  'posting',
  'elements',
  'gov_mark',
  'pos_widget',
  'views_per_post',
  'subscriber_growth',
  'comment_answers',
  'answer_speed',
] as const;
export type ScoreMetric = (typeof SCORE_METRICS)[number];
/** Metrics that need a target: views per post, growth in per cent, hours to the first answer. */
export const TARGETED_METRICS: readonly ScoreMetric[] = ['views_per_post', 'subscriber_growth', 'answer_speed'];

const text = (max: number) => z.string().trim().max(max);

export const pageInputSchema = z.object({
  organisationId: z.number().int().positive(),
  network: z.enum(PAGE_NETWORKS),
  url: z.string().trim().url('ожидается адрес страницы').max(500),
  title: text(300).min(2),
  ownerName: text(200).default(''),
  category: z.enum(PAGE_CATEGORIES),
  postingNorm: z.number().int().min(0).max(100),
  isHeadPage: z.boolean().default(false),
  /** The VK community as VK numbers it (negative), so its wall comments are linked to the page. */
  vkOwnerId: z.number().int().nullable().default(null),
  /** The widget's `source=` value placed on this page, so its widget messages are linked to the page. */
  widgetSource: z
    .string()
    .trim()
    .regex(/^[\w.-]{1,100}$/, 'латинские буквы, цифры, «-», «_», «.»')
    .nullable()
    .default(null),
});
export type PageInput = z.infer<typeof pageInputSchema>;

export const checkInputSchema = z.object({
  element: z.enum(PAGE_ELEMENTS),
  passed: z.boolean(),
  checkedOn: isoDate,
  evidence: text(2000).min(3, 'укажите, чем подтверждена проверка (ссылка, снимок, описание)'),
});
export type CheckInput = z.infer<typeof checkInputSchema>;

export const pageCheckSchema = checkInputSchema.extend({ author: z.string() });
export const historyEntrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  summary: z.string(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const pageSchema = pageInputSchema.extend({
  id: z.number(),
  organisation: z.string(),
  municipality: z.string().nullable(),
  /** The latest check of each element (absent: never checked). */
  checks: z.array(pageCheckSchema),
});
export type Page = z.infer<typeof pageSchema>;
export const pageListSchema = z.object({ items: z.array(pageSchema) });
export const pageDetailSchema = pageSchema.extend({
  allChecks: z.array(pageCheckSchema),
  weeks: z.array(
    z.object({
      weekStart: z.string(),
      posts: z.number(),
      views: z.number(),
      comments: z.number(),
      subscribers: z.number(),
      answeredComments: z.number(),
      answerHours: z.number().nullable(),
      source: z.enum(['file', 'provider']),
    }),
  ),
  history: z.array(historyEntrySchema),
});
export type PageDetail = z.infer<typeof pageDetailSchema>;

/** One week of one page, as a monitoring provider pushes it (the file import reads the same fields from columns). */
export const pageWeekInputSchema = z.object({
  url: z.string().trim().max(500),
  weekStart: isoDate,
  posts: z.number().int().min(0),
  views: z.number().int().min(0),
  comments: z.number().int().min(0),
  subscribers: z.number().int().min(0),
  answeredComments: z.number().int().min(0),
  answerHours: z.number().min(0).nullable().default(null),
});
export type PageWeekInput = z.infer<typeof pageWeekInputSchema>;
export const providerWeeksSchema = z.object({ weeks: z.array(pageWeekInputSchema).min(1).max(5000) });

export const fileUploadSchema = z.object({
  fileName: z
    .string()
    .trim()
    .regex(/\.(csv|xlsx)$/i, 'ожидается файл .csv или .xlsx')
    .max(200),
  contentBase64: z.string().min(1).max(14_000_000),
});
export type FileUpload = z.infer<typeof fileUploadSchema>;
export const importResultSchema = z.object({
  imported: z.number(),
  updated: z.number(),
  failed: z.array(z.object({ line: z.number(), message: z.string() })),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const criterionSchema = z.object({
  metric: z.enum(SCORE_METRICS),
  title: text(200).min(2),
  points: z.number().min(0).max(100),
  target: z.number().positive().nullable(),
});
export type Criterion = z.infer<typeof criterionSchema>;
export const criteriaSchema = z.object({ set: z.enum(SCORE_SETS), items: z.array(criterionSchema) });
export const criteriaInputSchema = z.object({ items: z.array(criterionSchema).min(1).max(20) });

export const ratingQuerySchema = z.object({ from: isoDate, to: isoDate, set: z.enum(SCORE_SETS).default('rating') });
export const scorePartSchema = z.object({
  metric: z.enum(SCORE_METRICS),
  title: z.string(),
  points: z.number(),
  earned: z.number(),
  value: z.number().nullable(),
  note: z.string(),
});
export type ScorePart = z.infer<typeof scorePartSchema>;
export const pageScoreSchema = z.object({
  pageId: z.number(),
  title: z.string(),
  url: z.string(),
  network: z.enum(PAGE_NETWORKS),
  organisation: z.string(),
  municipality: z.string().nullable(),
  score: z.number(),
  parts: z.array(scorePartSchema),
  platform: z.object({ messages: z.number(), answeredInTime: z.number(), medianHours: z.number().nullable() }),
});
export type PageScore = z.infer<typeof pageScoreSchema>;
export const groupScoreSchema = z.object({ name: z.string(), pages: z.number(), score: z.number() });
export const ratingSchema = z.object({
  from: z.string(),
  to: z.string(),
  set: z.enum(SCORE_SETS),
  weeks: z.number(),
  pages: z.array(pageScoreSchema),
  municipalities: z.array(groupScoreSchema),
  organisations: z.array(groupScoreSchema),
});
export type PageRating = z.infer<typeof ratingSchema>;
