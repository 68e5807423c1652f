import { z } from 'zod';
import { CHANNELS } from '../deadlines/channels';
import { isCalendarDate } from './dates';

// The intake contract (POST /api/messages) and the interchange format's message shape share these schemas.
/** The window every date a client sends must fall in: nothing a deadline or a rating could be built on lies outside. */
export const ACCEPTED_DATES = { from: '2000-01-01', to: '2100-01-01' } as const;
const ACCEPTED_FROM_MS = Date.parse(`${ACCEPTED_DATES.from}T00:00:00+03:00`);
const ACCEPTED_TO_MS = Date.parse(`${ACCEPTED_DATES.to}T00:00:00+03:00`);
/** The calendar date a timestamp starts with. */
const LEADING_DATE = /^\d{4}-\d\d-\d\d(?=$|[Tt ])/;

export const isoDateTime = z
  .string()
  .max(40)
  .superRefine((s, ctx) => {
    const ms = parseMoscowTimestamp(s).getTime();
    const day = LEADING_DATE.exec(s)?.[0];
    if (day && !isCalendarDate(day)) ctx.addIssue({ code: 'custom', message: `такой даты нет в календаре: ${day}` });
    else if (Number.isNaN(ms)) ctx.addIssue({ code: 'custom', message: 'ожидается дата и время в ISO 8601' });
    else if (ms < ACCEPTED_FROM_MS || ms >= ACCEPTED_TO_MS) {
      ctx.addIssue({
        code: 'custom',
        message: `дата вне допустимого диапазона ${ACCEPTED_DATES.from} — ${ACCEPTED_DATES.to}`,
      });
    }
  });

export const authorSchema = z
  .object({
    name: z.string().max(500).nullish(),
    contact: z.string().max(500).nullish(),
    externalId: z.string().max(200).nullish(),
  })
  .strict();

export const locationSchema = z
  .object({
    address: z.string().max(2000).nullish(),
    lat: z.number().min(-90).max(90).nullish(),
    lon: z.number().min(-180).max(180).nullish(),
    municipality: z.string().max(500).nullish(),
  })
  .passthrough()
  .refine((l) => (l.lat == null) === (l.lon == null), 'Координаты lat и lon указываются вместе');

/** Largest `contentBase64` the schema lets through; the real limits (per file, per request) are configured and give 413. */
export const MAX_CONTENT_BASE64_CHARS = 28 * 1024 * 1024;

export const attachmentSchema = z
  .object({
    name: z.string().max(500).nullish(),
    mimeType: z.string().max(200).nullish(),
    size: z.number().int().nonnegative().nullish(),
    url: z
      .string()
      .max(4000)
      .nullish()
      .describe(
        'Адрес файла (http или https). Без `fetch: true` платформа файл не скачивает и не хранит: карточка обращения показывает адрес внешней ссылкой (status `external`), которая перестанет открываться, если источник удалит файл.',
      ),
    fetch: z
      .boolean()
      .optional()
      .describe(
        '`true` — платформа сама скачивает файл по `url` в фоне (проверка типа по содержимому, пределы размера), хранит его и показывает в карточке как свой (status `pending`, затем `stored` или `failed`).',
      ),
    /** The file's bytes (standard Base64, no line breaks): stored, type checked by content, listed on the case. */
    contentBase64: z
      .string()
      .max(MAX_CONTENT_BASE64_CHARS)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'contentBase64: ожидается Base64 без переносов строк')
      .optional()
      .describe(
        'Содержимое файла в Base64 без переносов строк: файл хранится на платформе, тип проверяется по содержимому.',
      ),
  })
  .passthrough();

/**
 * A file as the case card lists it; the `url` of a stored file returns exactly the bytes whose SHA-256 is given, that
 * of an external link is the address the channel gave (the platform does not keep that file).
 */
export const storedAttachmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  mimeType: z.string().nullable(),
  size: z.number().nullable(),
  sha256: z.string().nullable(),
  url: z
    .string()
    .describe(
      'Скачивание файла с платформы; у внешней ссылки (status `external`) — адрес источника, файл не хранится.',
    ),
  /** A small WebP preview for images, null for other files. */
  thumbnailUrl: z.string().nullable(),
  /** pending: the channel's file is still being fetched; failed: it could not be (see error); erased: removed with the author's personal data; external: a file given only by its address, not fetched nor kept (url is that address). */
  status: z
    .enum(['stored', 'pending', 'failed', 'erased', 'external'])
    .describe(
      'stored — файл хранится на платформе; pending — скачивается из канала; failed — скачать не удалось (error); erased — уничтожен вместе с персональными данными; external — внешняя ссылка: файл передан только адресом и платформой не хранится.',
    ),
  error: z.string().nullable(),
});
export type StoredAttachment = z.infer<typeof storedAttachmentSchema>;

export const intakeMessageSchema = z.object({
  channel: z.enum(CHANNELS),
  externalId: z.string().trim().min(1).max(200),
  text: z.string().trim().min(1, 'текст обращения пуст').max(1_000_000),
  createdAt: isoDateTime.optional(),
  author: authorSchema.nullish(),
  location: locationSchema.nullish(),
  labels: z.record(z.string(), z.unknown()).nullish(),
  attachments: z.array(attachmentSchema).max(50).nullish(),
  /** The category the citizen chose in the channel (codes or names of the reference's block and category); kept on the case and routes it unless the classifier strongly disagrees. */
  citizenCategory: z
    .object({ block: z.string().trim().min(1).max(100), category: z.string().trim().min(1).max(100) })
    .strict()
    .nullish(),
});
export type IntakeMessage = z.infer<typeof intakeMessageSchema>;

export const intakeResultSchema = z.object({
  messageId: z.string(),
  caseId: z.string(),
  status: z.string(),
  block: z.string().nullable(),
  blockName: z.string().nullable(),
  category: z.string().nullable(),
  categoryName: z.string().nullable(),
  confidence: z.number(),
  municipality: z.string().nullable(),
  organisation: z.string().nullable(),
  firstResponseDueAt: z.string().nullable(),
  finalAnswerDueAt: z.string().nullable(),
  duplicate: z.boolean(),
  priority: z.string(),
  flags: z.array(z.object({ code: z.string(), label: z.string(), triggers: z.array(z.string()) })),
});
export type IntakeResult = z.infer<typeof intakeResultSchema>;

/**
 * Timestamps without an offset are Moscow time (the interchange format's rule). A date that is not in the calendar
 * (2026-02-30) is an invalid Date, not the day JavaScript would roll it over to.
 */
export function parseMoscowTimestamp(s: string): Date {
  const day = LEADING_DATE.exec(s)?.[0];
  if (day && !isCalendarDate(day)) return new Date(Number.NaN);
  const hasOffset = /([+-]\d\d:?\d\d|Z)$/i.test(s);
  const isDateOnly = day === s;
  return new Date(isDateOnly ? `${s}T00:00:00+03:00` : hasOffset ? s : `${s}+03:00`);
}
