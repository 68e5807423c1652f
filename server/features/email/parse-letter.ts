import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';

// A raw letter (RFC 5322 bytes as the mailbox holds them) → what intake needs. mailparser decodes MIME, transfer
// encodings, encoded-word headers and charsets (windows-1251, KOI8-R and the rest through iconv-lite) and turns
// HTML-only letters into text. This module adds what a mail room needs on top: a charset guess for letters that
// name a charset nobody knows, Message-ID normalisation for threading, attachments with their content, and a
// best-effort result for anything mailparser cannot make sense of. It never throws.

export interface LetterAttachment {
  name: string | null;
  mimeType: string;
  size: number;
  /** The decoded bytes of the part (stored with the message, type checked by content). */
  content: Buffer;
}

export interface ParsedLetter {
  /** The Message-ID without angle brackets, or null when the letter has none. */
  messageId: string | null;
  /** Unique key of the letter in the channel: the Message-ID, or a hash of its headers and text. */
  externalId: string;
  subject: string;
  text: string;
  from: { name: string | null; address: string | null };
  replyTo: string | null;
  /** The Date header when it parses; null otherwise. */
  date: Date | null;
  inReplyTo: string[];
  references: string[];
  attachments: LetterAttachment[];
  /** What could not be read as written (Russian, kept with the message). */
  problems: string[];
  /** Why the letter was written by a machine (bounce, auto-reply), or null for a person's letter. */
  automatic: string | null;
}

const MAX_TEXT = 1_000_000;
const MAX_EXTERNAL_ID = 200;

type MimeParser = (raw: Buffer) => Promise<ParsedMail>;
const mailparser: MimeParser = (raw) =>
  simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });

export async function parseLetter(raw: Buffer, parse: MimeParser = mailparser): Promise<ParsedLetter> {
  const problems: string[] = [];
  const repaired = replaceUnknownCharsets(raw);
  if (repaired.replaced.length) {
    problems.push(`неизвестная кодировка ${repaired.replaced.join(', ')}: прочитано как ${repaired.guess}`);
  }
  let mail: ParsedMail;
  try {
    mail = await parse(repaired.raw);
  } catch (error) {
    problems.push(
      `письмо не разобрано (${error instanceof Error ? error.message : String(error)}): сохранён исходный текст`,
    );
    return fallbackLetter(raw, problems);
  }
  const body = normaliseText(mail.text ?? '');
  if (body.includes('\uFFFD')) problems.push('часть текста не удалось декодировать');
  const from = firstAddress(mail.from);
  const subject = normaliseText(mail.subject ?? '');
  const attachments = mail.attachments.map((a) => ({
    name: a.filename?.slice(0, 500) ?? null,
    mimeType: (a.contentType || 'application/octet-stream').slice(0, 200),
    size: a.size ?? a.content.length,
    content: a.content,
  }));
  const messageId = extractMessageIds(mail.messageId)[0] ?? null;
  const text = body || placeholderText(subject, attachments);
  return {
    messageId,
    externalId: externalIdOf(messageId, mail, text),
    subject,
    text: text.slice(0, MAX_TEXT),
    from,
    replyTo: firstAddress(mail.replyTo).address,
    date: headerDate(mail),
    inReplyTo: extractMessageIds(mail.inReplyTo),
    references: extractMessageIds(mail.references),
    attachments,
    problems,
    automatic: automaticReason(mail, from.address),
  };
}

/**
 * Bounces, delivery reports and auto-replies (RFC 3834 Auto-Submitted, vacation responders) are not citizens'
 * messages: answering them would start a mail loop.
 */
function automaticReason(mail: ParsedMail, from: string | null): string | null {
  const header = (name: string): string => headerText(mail.headers.get(name)).toLowerCase();
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  if (header('content-type').includes('multipart/report') || /report-type/.test(header('content-type')))
    return 'отчёт о доставке';
  if (from && /^(mailer-daemon|postmaster)@/i.test(from)) return `отправитель ${from}`;
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return 'автоответ';
  if (/^(auto_reply|bulk|junk)$/.test(header('precedence'))) return `Precedence: ${header('precedence')}`;
  return null;
}

/** Message-IDs in a header value (`<a@b> <c@d>`), without brackets; a bare id without brackets is taken as is. */
export function extractMessageIds(value: string | string[] | undefined): string[] {
  if (!value) return [];
  const joined = Array.isArray(value) ? value.join(' ') : value;
  const bracketed = [...joined.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] as string);
  if (bracketed.length) return unique(bracketed);
  return unique(joined.split(/\s+/).filter((t) => t.includes('@')));
}

/**
 * The text a follow-up adds: drops the quoted previous letter at the end (lines starting with `>` and the
 * «… пишет:» / «… wrote:» line before them). Keeps the whole text when nothing would remain.
 */
export function stripQuotedTail(text: string): string {
  const lines = text.split('\n');
  let end = lines.length;
  while (end > 0 && (lines[end - 1]?.startsWith('>') || lines[end - 1]?.trim() === '')) end--;
  if (end === lines.length) return text;
  const attribution = lines[end - 1]?.trim() ?? '';
  if (/(пиш[её]т|писал|написал|wrote)[^:]{0,40}:$/i.test(attribution)) end--;
  const kept = lines.slice(0, end).join('\n').trim();
  return kept || text;
}

function unique(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): {
  name: string | null;
  address: string | null;
} {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const first = list.flatMap((a) => a.value).find((a) => a.address || a.name);
  return { name: first?.name?.trim() || null, address: first?.address?.trim().toLowerCase() || null };
}

function headerDate(mail: ParsedMail): Date | null {
  // The raw line, not mailparser's value: mailparser puts the current time in place of a date it cannot read.
  const line = mail.headerLines.find((h) => h.key === 'date')?.line ?? '';
  const parsed = new Date(line.replace(/^date:\s*/i, ''));
  return line && !Number.isNaN(parsed.getTime()) ? parsed : null;
}

function normaliseText(text: string): string {
  return text
    .replace(/\u00A0/g, ' ')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function placeholderText(subject: string, attachments: LetterAttachment[]): string {
  const names = attachments.map((a) => a.name ?? a.mimeType).join(', ');
  return [subject, names ? `(письмо без текста; вложения: ${names})` : '(письмо без текста)']
    .filter(Boolean)
    .join('\n');
}

function externalIdOf(messageId: string | null, mail: Pick<ParsedMail, 'headers'>, text: string): string {
  if (messageId && messageId.length <= MAX_EXTERNAL_ID) return messageId;
  const hash = createHash('sha256');
  for (const name of ['message-id', 'from', 'to', 'cc', 'date', 'subject'])
    hash.update(`${name}:${headerText(mail.headers.get(name))}\n`);
  hash.update(text);
  return `sha256:${hash.digest('hex')}`;
}

function headerText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

// A charset parameter of a Content-Type, or the charset of an encoded word (`=?label?B?…?=`).
const CHARSET_RES = [
  /(charset\s*=\s*"?)([A-Za-z0-9_.:+-]+)(?=["';\s]|$)/gim,
  /(=\?)([A-Za-z0-9_.:+-]+)(?=\?[BbQq]\?)/g,
];
// Charsets iconv-lite (under mailparser) decodes though the WHATWG decoder list does not name them.
const ICONV_ONLY = new Set(['utf-7', 'utf7', 'unicode-1-1-utf-7', 'cp1251', 'cp1252', 'cp866', 'koi8', 'win-1251']);

function knownCharset(label: string): boolean {
  if (ICONV_ONLY.has(label.toLowerCase())) return true;
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

function isValidUtf8(raw: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(raw);
    return true;
  } catch {
    return false;
  }
}

/**
 * A letter that names a charset no decoder knows (a mail client's private label) is read as UTF-8 when its bytes
 * are valid UTF-8, otherwise as windows-1251 — the most common 8-bit Cyrillic charset in Russian mail.
 */
function replaceUnknownCharsets(raw: Buffer): { raw: Buffer; replaced: string[]; guess: string } {
  const source = raw.toString('latin1');
  const unknown = new Set<string>();
  for (const re of CHARSET_RES) {
    for (const m of source.matchAll(re)) {
      const label = m[2] as string;
      if (!knownCharset(label)) unknown.add(label);
    }
  }
  if (unknown.size === 0) return { raw, replaced: [], guess: '' };
  const guess = isValidUtf8(raw) ? 'utf-8' : 'windows-1251';
  const fixed = CHARSET_RES.reduce(
    (text, re) =>
      text.replace(re, (whole, prefix: string, label: string) => (unknown.has(label) ? `${prefix}${guess}` : whole)),
    source,
  );
  return { raw: Buffer.from(fixed, 'latin1'), replaced: [...unknown], guess };
}

/** When mailparser gives up: the part after the headers as text, the Message-ID and subject found by hand. */
function fallbackLetter(raw: Buffer, problems: string[]): ParsedLetter {
  const source = raw.toString('utf8');
  const split = source.search(/\r?\n\r?\n/);
  const head = split >= 0 ? source.slice(0, split) : '';
  const header = (name: string): string => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const messageId = extractMessageIds(header('Message-ID'))[0] ?? null;
  const subject = header('Subject');
  const text = normaliseText(split >= 0 ? source.slice(split) : source) || placeholderText(subject, []);
  const address = /[^\s<>"]+@[^\s<>"]+/.exec(header('From'))?.[0]?.toLowerCase() ?? null;
  return {
    messageId,
    externalId:
      messageId && messageId.length <= MAX_EXTERNAL_ID
        ? messageId
        : `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    subject,
    text: text.slice(0, MAX_TEXT),
    from: { name: null, address },
    replyTo: null,
    date: null,
    inReplyTo: extractMessageIds(header('In-Reply-To')),
    references: extractMessageIds(header('References')),
    attachments: [],
    problems,
    automatic: null,
  };
}
