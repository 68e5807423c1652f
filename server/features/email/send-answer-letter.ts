import nodemailer, { type Transporter } from 'nodemailer';
import type { SmtpSettings } from '../../config';
import { rootContext, type Services, SYSTEM_ACTOR } from '../../lib/context';
import { RATING_LINK_DAYS, ratingToken } from '../cases/rating-link';
import { type CitizenNotice, DeliveryAwaitsExportError, type OutboundAnswer } from '../channels/channel-adapter';
import { findOutgoing, findSentToRecipient, recordSending, recordSent } from './email.repository';

// An answer goes back as a reply to the citizen's letter (nodemailer over SMTP): In-Reply-To and References name
// the citizen's letter, the subject is «Re: …» with the case number, and our Message-ID is deterministic for the
// answer × message pair and stored before the SMTP transaction, so the citizen's reply threads back to the case.
//
// Delivery guarantee: a letter the SMTP server accepted is recorded as sent, and a retry (the outbox job runs
// again after a later failure) does not send it again; one answer goes once to one address even when several
// letters of the same thread joined the case. The one window left: the server accepts the letter and the process
// dies (or the database is lost) before the acceptance is recorded. The retry then sends the letter again with the
// same Message-ID, which mail services and clients that de-duplicate by Message-ID show as one letter.

export type SmtpTransport = Transporter;

export function createSmtpTransport(settings: SmtpSettings): SmtpTransport {
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.tls,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
}

/**
 * A notice about the case (e.g. the term extended) as a reply in the citizen's thread. Its Message-ID is the same
 * on every retry; it is not recorded in email_outgoing (that table follows answers), so the citizen's reply to it
 * threads back through the References, which name the citizen's own letter.
 */
export async function sendNoticeLetter(
  settings: SmtpSettings,
  transport: SmtpTransport,
  notice: CitizenNotice,
): Promise<string> {
  const labels = notice.message.labels ?? {};
  const recipient = stringLabel(labels.replyTo) ?? notice.message.authorContact;
  if (!recipient)
    throw new DeliveryAwaitsExportError('у письма гражданина нет обратного адреса: сообщение по почте не отправить');
  const messageId = `otklik.${notice.caseId}.notice.${notice.key.replace(/[^\w.-]/g, '_')}.${notice.message.id}@${addressDomain(settings.from)}`;
  const original = stringLabel(labels.messageId);
  const references = [...stringList(labels.references), ...(original ? [original] : [])];
  await transport.sendMail({
    from: settings.from,
    to: recipient,
    subject: replySubject(stringLabel(labels.subject) ?? '', notice.caseId),
    text: `${notice.text.trim()}\n\n--\nОбращение № ${notice.caseId}. Чтобы дополнить обращение, ответьте на это письмо.\n`,
    messageId: `<${messageId}>`,
    ...(original ? { inReplyTo: `<${original}>`, references: references.map((id) => `<${id}>`) } : {}),
    headers: { 'X-Otklik-Case': notice.caseId },
  });
  return `<${messageId}>`;
}

export async function sendAnswerLetter(
  services: Services,
  settings: SmtpSettings,
  transport: SmtpTransport,
  answer: OutboundAnswer,
): Promise<string> {
  const labels = answer.message.labels ?? {};
  const recipient = stringLabel(labels.replyTo) ?? answer.message.authorContact;
  if (!recipient) throw new Error('у письма гражданина нет обратного адреса: ответ по почте не отправить');
  const db = services.database.db;
  const messageId = answerMessageId(answer, addressDomain(settings.from));
  const earlier = await findSentToRecipient(db, answer.answerId, recipient);
  if (earlier) return `<${earlier}>`;
  const previous = await findOutgoing(db, messageId);
  if (previous)
    services.log.warn(
      { messageId, attempts: previous.attempts },
      'SMTP: повтор письма с неизвестным исходом, тот же Message-ID',
    );
  const original = stringLabel(labels.messageId);
  const references = [...stringList(labels.references), ...(original ? [original] : [])];
  const subject = replySubject(stringLabel(labels.subject) ?? '', answer.caseId);
  await recordSending(db, {
    messageId,
    caseId: answer.caseId,
    answerId: answer.answerId,
    inReplyToMessageId: answer.message.id,
    recipient,
    subject,
  });
  const info = await transport.sendMail({
    from: settings.from,
    to: recipient,
    subject,
    text: letterBody(answer, await ratingLinks(services, answer)),
    messageId: `<${messageId}>`,
    ...(original ? { inReplyTo: `<${original}>`, references: references.map((id) => `<${id}>`) } : {}),
    headers: { 'X-Otklik-Case': answer.caseId },
    ...(answer.files?.length
      ? { attachments: answer.files.map((f) => ({ filename: f.name, content: f.bytes, contentType: f.mimeType })) }
      : {}),
  });
  await recordSent(db, messageId, services.clock.now(), String(info.response ?? ''));
  return `<${messageId}>`;
}

/** Our Message-ID for one answer to one citizen message: the same on every retry. */
export function answerMessageId(
  answer: Pick<OutboundAnswer, 'caseId' | 'answerId' | 'message'>,
  domain: string,
): string {
  return `otklik.${answer.caseId}.${answer.answerId}.${answer.message.id}@${domain}`;
}

const REPLY_PREFIX = /^\s*((re|fwd?|aw|ответ|отв|на)(\[\d+\])?\s*:\s*)+/i;
const CASE_TAG = /\s*\[Обращение № \d+\]/g;

/** «Re: <the citizen's subject> [Обращение № N]»; one Re:, one case tag however long the thread is. */
export function replySubject(subject: string, caseId: string): string {
  const base = subject.replace(CASE_TAG, '').replace(REPLY_PREFIX, '').trim().slice(0, 150);
  return base ? `Re: ${base} [Обращение № ${caseId}]` : `Ответ на обращение № ${caseId}`;
}

function letterBody(answer: OutboundAnswer, rating: string): string {
  const head = answer.kind === 'interim' ? `Промежуточный ответ по обращению № ${answer.caseId}\n\n` : '';
  return `${head}${answer.body.trim()}\n\n${rating}--\nОбращение № ${answer.caseId}. Чтобы дополнить обращение, ответьте на это письмо.\n`;
}

const SCORE_WORDS = ['', 'очень плохо', 'плохо', 'удовлетворительно', 'хорошо', 'отлично'];

/** One-click links to the signed rating page under a final answer (when the server knows its public address). */
async function ratingLinks(services: Services, answer: OutboundAnswer): Promise<string> {
  const base = services.config.publicUrl?.replace(/\/$/, '');
  if (answer.kind !== 'final' || !base) return '';
  const token = await ratingToken(rootContext(services, SYSTEM_ACTOR), answer.caseId, answer.answerId);
  const lines = [1, 2, 3, 4, 5].map((n) => `${n} — ${SCORE_WORDS[n]}: ${base}/rate/${token}?score=${n}`);
  return `Оцените, пожалуйста, ответ (ссылки действуют ${RATING_LINK_DAYS} дней; 1 или 2 вернёт обращение в работу):\n${lines.join('\n')}\n\n`;
}

export function addressDomain(from: string): string {
  const address = /<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? from.trim();
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

function stringLabel(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : [];
}
