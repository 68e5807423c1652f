import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { CASE_STATUS_LABELS, isCaseStatus } from '../../../shared/cases/case-status';
import { maskPersonalText } from '../../../shared/personal-data/masking';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { detectType } from '../attachments/store-file';
import { sha256 } from '../auth/passwords';
import { receiveMessage } from '../intake/receive-message';
import { citizenStatus } from '../messengers';
import { rateAnswer, type RatingOutcome } from '../cases/rate-case';
import { parseScore, RATING_SCORE_ERROR } from '../cases/rating-page';
import { extensionNotices } from '../cases/extension-notice';

// The web widget's use cases: a citizen's form becomes a message through the one intake path; the citizen
// gets the case number and a lookup code (only its hash is kept) and later reads the status with both.

export const WIDGET_CHANNEL = 'web';
export const HONEYPOT_FIELD = 'website';
export const CONSENT_FIELD = 'consent';
const CONSENT_REQUIRED = 'Отметьте согласие на обработку персональных данных: без него обращение не может быть принято';

const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what}: не длиннее ${max} символов`)
    .optional()
    .transform((v) => v || undefined);

export const widgetFormSchema = z.object({
  text: z
    .string({ error: 'Опишите проблему' })
    .trim()
    .min(10, 'Опишите проблему подробнее (не меньше 10 символов)')
    .max(5000, 'Текст обращения: не длиннее 5000 символов'),
  address: optionalText(500, 'Адрес'),
  municipality: optionalText(100, 'Муниципалитет'),
  name: optionalText(200, 'Имя'),
  contact: optionalText(200, 'Контакт'),
  source: optionalText(100, 'Источник'),
  submission_id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{8,64}$/, 'Некорректный идентификатор отправки')
    .optional(),
  /** Consent to processing of personal data (152-ФЗ, ст. 9): the form's checkbox; nothing is accepted without it. */
  [CONSENT_FIELD]: z
    .string({ error: CONSENT_REQUIRED })
    .refine((v) => ['yes', 'on', 'true', '1'].includes(v.trim().toLowerCase()), CONSENT_REQUIRED),
  [HONEYPOT_FIELD]: z.string().optional(),
});
export type WidgetForm = z.infer<typeof widgetFormSchema>;

/** The form's photo, checked and ready for intake (which stores it like any attachment). */
export type CheckedPhoto = { name: string | null; mimeType: string; contentBase64: string };

/** Image types the widget accepts, told apart by their bytes (the declared type is not trusted). */
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif']);

/** Checks that the upload is a photo; its bytes are stored with the message (attachments, blob storage). */
export async function checkPhoto(data: Buffer, originalName: string | null): Promise<CheckedPhoto> {
  const mimeType = await detectType(data, null).catch(() => null);
  if (!mimeType || !PHOTO_TYPES.has(mimeType))
    throw new AppError('unsupported_media_type', 'Фото: принимаются изображения JPEG, PNG, WebP или HEIC');
  return {
    name: originalName ? originalName.slice(0, 200) : 'photo',
    mimeType,
    contentBase64: data.toString('base64'),
  };
}

/** A lookup code a person can read and type: 10 characters without look-alikes (0/O, 1/I/L). */
export function newLookupCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(10);
  return [...bytes]
    .map((b) => alphabet[b % alphabet.length])
    .join('')
    .replace(/^(.{5})/, '$1-');
}

const normaliseCode = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export interface WidgetReceipt {
  caseNumber: string;
  /** Shown once: only its hash is stored. Null when a repeated form without a submission id was recognised. */
  code: string | null;
  created: boolean;
  status: string;
  statusLabel: string;
}

/**
 * Registers the form. The external id is the form's submission id (a repeated send of the same form is one
 * message; a new code replaces the old, since only the sender knows the id) or, without one, a hash of the content.
 */
export async function submitWidgetForm(ctx: Ctx, form: WidgetForm, photo: CheckedPhoto | null): Promise<WidgetReceipt> {
  if (form[HONEYPOT_FIELD])
    throw new AppError('bad_request', 'Форма заполнена некорректно: обновите страницу и отправьте обращение ещё раз');
  const externalId = form.submission_id
    ? `widget:${form.submission_id}`
    : `widget:sha256:${createHash('sha256')
        .update(JSON.stringify([form.text, form.address, form.contact, form.name, form.source]))
        .digest('hex')
        .slice(0, 40)}`;
  const outcome = await receiveMessage(
    ctx,
    {
      channel: WIDGET_CHANNEL,
      externalId,
      text: form.text,
      author: { name: form.name ?? null, contact: form.contact ?? null },
      location: { address: form.address ?? null, municipality: form.municipality ?? null },
      labels: { widget: { source: form.source ?? null, consent: consentRecord(ctx) } },
      attachments: photo ? [photo] : null,
    },
    { attachments: 'strict' },
  );
  const { messageId, caseId, status } = outcome.result;
  const mayIssue = outcome.created || Boolean(form.submission_id);
  const code = mayIssue ? newLookupCode() : null;
  if (code) {
    await withTransaction(ctx, async (tx) => {
      await tx.db
        .insertInto('widget_submissions')
        .values({ message_id: messageId, case_id: caseId, code_hash: sha256(normaliseCode(code)) })
        .onConflict((oc) => oc.column('message_id').doUpdateSet({ code_hash: sha256(normaliseCode(code)) }))
        .execute();
    });
  }
  return {
    caseNumber: caseId,
    code,
    created: outcome.created,
    status,
    statusLabel: isCaseStatus(status) ? CASE_STATUS_LABELS[status] : status,
  };
}

/** What is stored with the message: when consent was given and to which policy (link and version). */
function consentRecord(ctx: Ctx): { at: string; policyUrl: string; policyVersion: string } {
  const { policyUrl, policyVersion } = ctx.services.config.personalData;
  return { at: ctx.services.clock.now().toISOString(), policyUrl, policyVersion };
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export interface WidgetStatus {
  caseNumber: string;
  status: string;
  statusLabel: string;
  receivedAt: string;
  finalAnswerDueAt: string | null;
  organisation: string | null;
  answers: { kind: 'interim' | 'final'; at: string; body: string }[];
  /** Notices of an extended term (59-ФЗ, ч. 2 ст. 12), oldest first. */
  notices: { at: string; text: string }[];
  /** The latest published final answer may be rated (once): the code to send back with the score, the score if rated. */
  rating: { code: string; score: number | null } | null;
}

const lookupSchema = z.object({
  case: z
    .string({ error: 'Укажите номер обращения' })
    .trim()
    .regex(/^\d{1,18}$/, 'Номер обращения — это число'),
  code: z.string({ error: 'Укажите код' }).trim().min(4, 'Укажите код из квитанции').max(40, 'Код слишком длинный'),
});

/** The case a number and lookup code name; a wrong pair is «not found» without telling which part is wrong. */
async function verifyLookup(ctx: Ctx, input: unknown): Promise<{ caseId: string; code: string }> {
  const parsed = lookupSchema.safeParse(input);
  if (!parsed.success) throw new AppError('validation_failed', parsed.error.issues.map((i) => i.message).join('; '));
  const match = await ctx.db
    .selectFrom('widget_submissions')
    .select('case_id')
    .where('case_id', '=', parsed.data.case)
    .where('code_hash', '=', sha256(normaliseCode(parsed.data.code)))
    .executeTakeFirst();
  if (!match) throw new AppError('not_found', 'Обращение с таким номером и кодом не найдено');
  return { caseId: parsed.data.case, code: parsed.data.code };
}

/** A rating from the status page: the same number and code prove the citizen; the latest published final answer is rated once. */
export async function rateFromWidget(
  ctx: Ctx,
  input: Record<string, unknown>,
): Promise<{ caseId: string; outcome: RatingOutcome }> {
  const { caseId } = await verifyLookup(ctx, input);
  const score = parseScore(input.score);
  if (score === null) throw new AppError('validation_failed', RATING_SCORE_ERROR);
  const comment =
    typeof input.comment === 'string' && input.comment.trim() ? input.comment.trim().slice(0, 2000) : undefined;
  const outcome = await rateAnswer(ctx, { caseId, score, source: WIDGET_CHANNEL, ...(comment ? { comment } : {}) });
  return { caseId, outcome };
}

/** Status by case number and lookup code, with the published answers and whether the final one may be rated. */
export async function lookupWidgetStatus(ctx: Ctx, input: unknown): Promise<WidgetStatus> {
  const { caseId, code } = await verifyLookup(ctx, input);
  const c = await ctx.db
    .selectFrom('cases')
    .select(['id', 'status', 'created_at', 'final_answer_due_at', 'organisation_id', 'merged_into_id'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const ref = await ctx.services.reference.get(ctx.db);
  // Only answers published to the citizen: a final answer appears once ЦУР has accepted it.
  const answers = await ctx.db
    .selectFrom('answers')
    .select(['id', 'kind', 'body', 'published_at as created_at'])
    .where('case_id', '=', c.id)
    .where('published_at', 'is not', null)
    .orderBy('published_at')
    .orderBy('id')
    .execute();
  const finalAnswer = answers.filter((a) => a.kind === 'final').at(-1);
  const rated = finalAnswer
    ? await ctx.db.selectFrom('ratings').select('score').where('answer_id', '=', finalAnswer.id).executeTakeFirst()
    : undefined;
  // Anyone holding the number and code reads this page: no phones, e-mails or authors' names in the answers.
  const names = (await ctx.db.selectFrom('messages').select('author_name').where('case_id', '=', c.id).execute()).map(
    (m) => m.author_name,
  );
  return {
    caseNumber: String(c.id),
    status: c.status,
    statusLabel: capitalise(citizenStatus(c.status)),
    receivedAt: c.created_at.toISOString(),
    finalAnswerDueAt: c.final_answer_due_at?.toISOString() ?? null,
    organisation: c.organisation_id !== null ? (ref.organisationById.get(c.organisation_id)?.name ?? null) : null,
    answers: answers.map((a) => ({
      kind: a.kind === 'final' ? 'final' : 'interim',
      at: (a.created_at ?? c.created_at).toISOString(),
      body: maskPersonalText(a.body, names),
    })),
    notices: (await extensionNotices(ctx, [String(c.id)])).map((n) => ({ at: n.at.toISOString(), text: n.text })),
    rating: finalAnswer ? { code, score: rated?.score ?? null } : null,
  };
}
