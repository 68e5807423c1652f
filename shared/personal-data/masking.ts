import type { Role } from '../auth/roles';

// Personal data of citizens (152-ФЗ) and who sees it. One rule for the API, the web app and exports:
// people who handle a case (centre staff routing and answering it, the answering organisation's executor,
// who only ever sees its own organisation's cases) see the citizen's name, contact and address; people who
// only oversee, analyse or publish (curator, media officer, auditor, administrator) see the case without them.
// Masking covers the message fields and contact details written inside texts and labels.

export interface PersonalDataView {
  /** The citizen's name (message author). */
  name: boolean;
  /** The author's contact field, reply-to addresses and messenger chat ids in labels. */
  contact: boolean;
  /** The address the citizen gave. */
  address: boolean;
  /** Phone numbers, e-mails and the author's name inside texts (message text, summary, labels). */
  textContacts: boolean;
}

export const FULL_VIEW: PersonalDataView = Object.freeze({
  name: true,
  contact: true,
  address: true,
  textContacts: true,
});
export const MASKED_VIEW: PersonalDataView = Object.freeze({
  name: false,
  contact: false,
  address: false,
  textContacts: false,
});

/** Roles that work a case to its answer and so need to reach the citizen. */
const HANDLING_ROLES: readonly Role[] = [
  'operator',
  'executive_secretary',
  'head',
  'block_owner',
  'block_lead',
  'direction_lead',
  'executor',
];

/** What a role sees of a citizen's personal data on a case it may read. */
export function personalDataView(role: Role): PersonalDataView {
  return HANDLING_ROLES.includes(role) ? FULL_VIEW : MASKED_VIEW;
}

export const isFullView = (view: PersonalDataView): boolean =>
  view.name && view.contact && view.address && view.textContacts;

export const MASKS = {
  phone: '[телефон скрыт]',
  email: '[e-mail скрыт]',
  name: '[имя скрыто]',
  address: '[адрес скрыт]',
} as const;

const SEP = '[\\s\\u00a0().\\-\\u2010-\\u2015]{0,3}';
// +7 / 7 / 8 followed by ten digits with any of spaces, dashes, dots and brackets between them:
// +7 (905) 123-45-67, 8-905-123-45-67, 8 (4852) 72-10-10, +79051234567.
const INTERNATIONAL = `(?:\\+${SEP}7|(?<![\\d+])[78])(?:${SEP}\\d){10}`;
// A mobile number without the prefix: 905 123 45 67, (905) 123-45-67.
const MOBILE = `(?<![\\d+])\\(?9\\d\\d\\)?${SEP}\\d{3}${SEP}\\d\\d${SEP}\\d\\d`;
// A city number written with dashes: 72-10-10, 272-10-10.
const CITY = '(?<![\\d+\\-])\\d{2,3}-\\d\\d-\\d\\d';
const PHONE_RE = new RegExp(`(?:${INTERNATIONAL}|${MOBILE}|${CITY})(?![\\d])`, 'gu');
const EMAIL_RE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/** Replaces phone numbers and e-mail addresses in a text. */
export function maskContactsInText(text: string): string {
  return text.replace(EMAIL_RE, MASKS.email).replace(PHONE_RE, MASKS.phone);
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces the words of known names («Иванов Пётр») in a text, in any case ending («Иванову», «Петра»):
 * a word of four letters or more matches by its stem (the last letter dropped) plus up to three letters.
 */
export function maskNamesInText(text: string, names: readonly (string | null | undefined)[]): string {
  const words = names.flatMap((n) => (n ?? '').split(/[^\p{L}-]+/u)).filter((w) => w.length >= 3);
  if (!words.length) return text;
  const alternatives = [
    ...new Set(words.map((w) => (w.length >= 4 ? `${escapeRe(w.slice(0, -1))}\\p{L}{0,3}` : escapeRe(w)))),
  ];
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return text.replace(re, MASKS.name);
}

/** Contact details and the given names masked in a text (what a masked view and public pages show). */
export function maskPersonalText(text: string, names: readonly (string | null | undefined)[] = []): string {
  return maskNamesInText(maskContactsInText(text), names);
}

/** Label keys whose values identify or reach a person: removed from a masked view. */
const CONTACT_LABEL_KEYS = new Set([
  'replyTo',
  'from',
  'to',
  'cc',
  'email',
  'phone',
  'contact',
  'chatId',
  'peerId',
  'userId',
  'fromId',
  'username',
  'author',
  'name',
]);
const MAX_LABEL_DEPTH = 32;

/** A masked copy of message labels: contact keys dropped, texts masked; nesting beyond 32 levels is cut. */
export function maskLabels(
  labels: Record<string, unknown> | null,
  names: readonly (string | null | undefined)[] = [],
): Record<string, unknown> | null {
  if (!labels) return labels;
  const walk = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return maskPersonalText(value, names);
    if (value === null || typeof value !== 'object') return value;
    if (depth >= MAX_LABEL_DEPTH) return null;
    if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1));
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !CONTACT_LABEL_KEYS.has(k))
        .map(([k, v]) => [k, walk(v, depth + 1)]),
    );
  };
  return walk(labels, 0) as Record<string, unknown>;
}

export interface CitizenFields {
  text: string;
  author: string | null;
  contact: string | null;
  address: string | null;
  labels: Record<string, unknown> | null;
}

/** A message's citizen fields as a view allows them; the author's name is also masked inside the texts. */
export function applyView<T extends CitizenFields>(m: T, view: PersonalDataView): T {
  if (isFullView(view)) return m;
  const names = view.name ? [] : [m.author];
  return {
    ...m,
    text: view.textContacts ? m.text : maskPersonalText(m.text, names),
    author: view.name ? m.author : null,
    contact: view.contact ? m.contact : null,
    address: view.address ? m.address : null,
    labels: view.contact && view.textContacts ? m.labels : maskLabels(m.labels, names),
  };
}
