import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { IntakeMessage } from '../../../shared/api/messages';
import { maskPersonalText } from '../../../shared/personal-data/masking';
import type { CaseStatus } from '../../../shared/cases/case-status';
import type { Ctx } from '../../lib/context';
import { receiveMessage } from '../intake/receive-message';
import type { ReferenceSnapshot } from '../reference/reference.repository';
import { Open311Error, w3cMoscow, type XmlObject } from './open311.format';
import { dateWindow, OPEN311_CHANNEL, publicUpdates } from './open311.updates';
export { OPEN311_CHANNEL } from './open311.updates';
import { findServiceRef, MUNICIPALITY_ATTRIBUTE, serviceCodeOf, type ServiceRef } from './open311.services';

// Service requests are the citizen messages that came in through Open311 (channel `open311`); their
// status, agency and deadline come from the case the message belongs to. service_request_id = message id.

/**
 * Case statuses that Open311 shows as `closed`: a final answer was accepted by ЦУР (published), or the case was
 * closed or rejected. An answered case waits for the review: still `open`, with no answer text.
 */
const CLOSED_STATUSES: readonly CaseStatus[] = ['accepted', 'closed', 'rejected'];
export const DEFAULT_DAYS = 90;
export const MAX_REQUESTS = 1000;

export type Fields = Record<string, unknown>;

const text = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
};

const MAX_MEDIA_URLS = 10;

/** `media_url` once, repeated (an array) or several separated by spaces: each must be an http(s) address. */
function mediaUrlsOf(v: unknown): string[] {
  const values = (Array.isArray(v) ? v : [v])
    .map(text)
    .filter((x): x is string => Boolean(x))
    .flatMap((x) => x.split(/\s+/));
  if (values.length > MAX_MEDIA_URLS) throw new Open311Error(400, `media_url: не больше ${MAX_MEDIA_URLS} адресов`);
  for (const url of values) {
    if (!/^https?:\/\/\S+$/i.test(url) || url.length > 2000)
      throw new Open311Error(400, 'media_url: ожидается адрес http(s)');
  }
  return [...new Set(values)];
}

function mediaName(url: string, index: number): string {
  let last = new URL(url).pathname.split('/').pop() ?? '';
  try {
    last = decodeURIComponent(last);
  } catch {
    /* keep the encoded name */
  }
  last = last.replace(/[^\p{L}\p{N}._-]/gu, '_');
  return last || `media-${index + 1}`;
}

function coordinate(v: unknown, name: string, limit: number): number | undefined {
  const raw = text(v);
  if (raw === undefined) return undefined;
  const n = Number(raw.replace(',', '.'));
  if (!Number.isFinite(n) || Math.abs(n) > limit)
    throw new Open311Error(400, `${name}: ожидается число от -${limit} до ${limit} (WGS84)`);
  return n;
}

/** `attribute[municipality]=…` from a form, or `"attribute": {"municipality": …}` from JSON. */
function attribute(fields: Fields, code: string): string | undefined {
  const nested = fields.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) return text((nested as Fields)[code]);
  return text(fields[`attribute[${code}]`]);
}

/** The parsed POST, before it becomes an intake message. */
export interface NewServiceRequest {
  service: ServiceRef;
  intake: Omit<IntakeMessage, 'externalId'>;
  /** Everything the client sent that identifies the report: the same POST twice is one request. */
  fingerprint: string;
}

export function parseServiceRequest(fields: Fields, ref: ReferenceSnapshot, tokenId: number): NewServiceRequest {
  const code = text(fields.service_code);
  if (!code) throw new Open311Error(400, 'service_code: не указан код услуги (см. services.json)');
  const service = findServiceRef(ref, code);
  if (!service) throw new Open311Error(404, `service_code: нет услуги с кодом «${code}»`);
  const lat = coordinate(fields.lat, 'lat', 90);
  const lon = coordinate(fields.long, 'long', 180);
  if ((lat === undefined) !== (lon === undefined)) throw new Open311Error(400, 'lat и long указываются вместе');
  const addressString = text(fields.address_string);
  const addressId = text(fields.address_id);
  if (lat === undefined && !addressString && !addressId) {
    throw new Open311Error(400, 'Укажите место: lat и long, address_string или address_id');
  }
  const description = text(fields.description);
  if (description && description.length > 20_000)
    throw new Open311Error(400, 'description: не длиннее 20 000 символов');
  const municipality = attribute(fields, MUNICIPALITY_ATTRIBUTE);
  if (municipality && !ref.municipalityByCode.has(municipality)) {
    throw new Open311Error(
      400,
      `attribute[${MUNICIPALITY_ATTRIBUTE}]: нет муниципального образования с кодом «${municipality}»`,
    );
  }
  const name = [text(fields.first_name), text(fields.last_name)].filter(Boolean).join(' ') || null;
  const email = text(fields.email);
  const phone = text(fields.phone);
  const mediaUrls = mediaUrlsOf(fields.media_url);
  // One URL keeps the fingerprint of requests stored before several were accepted.
  const mediaUrl = mediaUrls.length > 1 ? mediaUrls : mediaUrls[0];
  const address = addressString ?? null;
  const body = description ?? [service.name, address].filter(Boolean).join(': ');
  const identity = {
    tokenId,
    code,
    lat,
    lon,
    addressString,
    addressId,
    description,
    municipality,
    name,
    email,
    phone,
    mediaUrl,
    device: text(fields.device_id),
    account: text(fields.account_id),
  };
  return {
    service,
    fingerprint: createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32),
    intake: {
      channel: OPEN311_CHANNEL,
      text: body,
      author: {
        name,
        contact: [email, phone].filter(Boolean).join(', ') || null,
        externalId: identity.account ?? identity.device ?? null,
      },
      location: {
        address,
        lat: lat ?? null,
        lon: lon ?? null,
        municipality: municipality ? (ref.municipalityByCode.get(municipality)?.name ?? null) : null,
      },
      labels: {
        open311: { service_code: service.code, token_id: tokenId, ...(addressId ? { address_id: addressId } : {}) },
      },
      citizenCategory: { block: service.blockCode, category: service.categoryCode },
      // Kept as links and fetched in the background (attachments.fetch) within the size limit.
      attachments: mediaUrls.length ? mediaUrls.map((url, i) => ({ url, name: mediaName(url, i), fetch: true })) : null,
    },
  };
}

/** POST requests: the fingerprint is the request's token and external id, so a repeated POST answers the same id. */
export async function createServiceRequest(
  ctx: Ctx,
  request: NewServiceRequest,
): Promise<{ id: string; token: string; created: boolean }> {
  const outcome = await receiveMessage(ctx, { ...request.intake, externalId: request.fingerprint });
  return { id: outcome.result.messageId, token: request.fingerprint, created: outcome.created };
}

export async function findRequestIdByToken(ctx: Ctx, token: string): Promise<string | null> {
  const row = await ctx.db
    .selectFrom('messages')
    .select('id')
    .where('channel', '=', OPEN311_CHANNEL)
    .where('external_id', '=', token)
    .executeTakeFirst();
  return row ? String(row.id) : null;
}

export interface RequestQuery {
  ids?: string[];
  serviceCodes?: string[];
  start?: Date;
  end?: Date;
  status?: 'open' | 'closed';
  limit: number;
}

/** Reads the standard filters; service_request_id (a comma list) makes the others ignored, as the spec says. */
export function parseRequestQuery(q: Record<string, string | undefined>, now: Date): RequestQuery {
  const list = (v: string | undefined): string[] =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const ids = list(q.service_request_id);
  if (ids.length) return { ids, limit: MAX_REQUESTS };
  const statuses = list(q.status);
  for (const s of statuses)
    if (s !== 'open' && s !== 'closed') throw new Open311Error(400, 'status: допустимы open и closed');
  const codes = list(q.service_code);
  const status = statuses.length === 1 ? (statuses[0] as 'open' | 'closed') : undefined;
  // Without dates the spec returns the last 90 days; a window is at most 90 days from its start.
  const { start: effectiveStart, end: effectiveEnd } = dateWindow(q, now, DEFAULT_DAYS);
  return {
    ...(codes.length ? { serviceCodes: codes } : {}),
    start: effectiveStart,
    end: effectiveEnd,
    ...(status ? { status } : {}),
    limit: MAX_REQUESTS,
  };
}

export interface Open311Note {
  datetime: string | null;
  type: 'status' | 'answer';
  status: 'open' | 'closed' | null;
  summary: string;
  description: string | null;
}

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string | null;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string | null;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
  notes?: Open311Note[];
}

const openOrClosed = (status: string): 'open' | 'closed' =>
  (CLOSED_STATUSES as readonly string[]).includes(status) ? 'closed' : 'open';
const dayMonthYear = new Intl.DateTimeFormat('ru-RU', {
  timeZone: 'Europe/Moscow',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** The notice a citizen reads on GET: when the answer is due, or that the request has been dealt with. */
function serviceNotice(status: 'open' | 'closed', due: Date | null): string {
  if (status === 'closed') return 'Обращение рассмотрено';
  return due ? `Ответ будет дан до ${dayMonthYear.format(due)}` : 'Обращение зарегистрировано';
}

function requestsQuery(ctx: Ctx) {
  return ctx.db
    .selectFrom('messages as m')
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .select([
      'm.id',
      'm.text',
      'm.author_name',
      'm.created_at',
      'm.address',
      'm.lat',
      'm.lon',
      'm.labels',
      'm.attachments',
      'c.id as case_id',
      'c.status',
      'c.block_code',
      'c.category_code',
      'c.organisation_id',
      'c.updated_at',
      'c.final_answer_due_at',
      'c.rejection_reason',
      'c.address as case_address',
      'c.lat as case_lat',
      'c.lon as case_lon',
    ])
    .where('m.channel', '=', OPEN311_CHANNEL)
    .where(notAnUpdate('m'));
}

/** Inbound request updates are stored as open311 messages too (labels.open311.update_id); they are not requests. */
export const notAnUpdate = (alias: string) =>
  sql<boolean>`${sql.ref(`${alias}.labels`)}->'open311'->>'update_id' is null`;

export async function findRequests(ctx: Ctx, q: RequestQuery, withNotes: boolean): Promise<Open311Request[]> {
  let query = requestsQuery(ctx);
  if (q.ids) {
    const numeric = q.ids.filter((id) => /^\d{1,18}$/.test(id));
    if (!numeric.length) return [];
    query = query.where('m.id', 'in', numeric);
  }
  if (q.start) query = query.where('m.created_at', '>=', q.start);
  if (q.end) query = query.where('m.created_at', '<=', q.end);
  if (q.serviceCodes)
    query = query.where(
      sql<string>`coalesce(c.block_code || '-' || c.category_code, m.labels->'open311'->>'service_code')`,
      'in',
      q.serviceCodes,
    );
  if (q.status === 'closed') query = query.where('c.status', 'in', CLOSED_STATUSES);
  if (q.status === 'open') query = query.where('c.status', 'not in', CLOSED_STATUSES);
  const rows = await query.orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(q.limit).execute();
  if (!rows.length) return [];
  const ref = await ctx.services.reference.get(ctx.db);
  const caseIds = [...new Set(rows.map((r) => String(r.case_id)))];
  const updates = await publicUpdates(ctx, caseIds);
  return rows.map((r) => {
    const caseUpdates = updates.filter((u) => u.caseId === String(r.case_id));
    const latest = caseUpdates.at(-1);
    const status = openOrClosed(r.status);
    const serviceCode =
      typeof r.labels?.open311 === 'object' && r.labels.open311 !== null
        ? (text((r.labels.open311 as Fields).service_code) ?? null)
        : null;
    // The case's current category (after an operator reclassifies), the one the citizen chose while it has none.
    const code = r.block_code && r.category_code ? serviceCodeOf(r.block_code, r.category_code) : serviceCode;
    const service = code ? findServiceRef(ref, code) : undefined;
    const attachments = Array.isArray(r.attachments) ? (r.attachments as Fields[]) : [];
    const media = attachments.map((a) => text(a.url)).find((u) => u && /^https?:\/\//.test(u)) ?? null;
    const request: Open311Request = {
      service_request_id: String(r.id),
      status,
      status_notes: latest?.description ?? 'Обращение зарегистрировано и передаётся ответственной организации',
      service_name: service?.name ?? null,
      service_code: code,
      description: maskPersonalText(r.text, [r.author_name]),
      agency_responsible:
        r.organisation_id !== null ? (ref.organisationById.get(r.organisation_id)?.name ?? null) : null,
      service_notice: serviceNotice(status, r.final_answer_due_at),
      requested_datetime: w3cMoscow(r.created_at),
      updated_datetime: w3cMoscow(latest?.at ?? r.created_at),
      expected_datetime: w3cMoscow(r.final_answer_due_at),
      address: r.address ?? r.case_address,
      address_id:
        typeof r.labels?.open311 === 'object' && r.labels.open311 !== null
          ? (text((r.labels.open311 as Fields).address_id) ?? null)
          : null,
      zipcode: null,
      lat: r.lat ?? r.case_lat,
      long: r.lon ?? r.case_lon,
      media_url: media,
    };
    if (withNotes) {
      request.notes = caseUpdates.map((u) => ({
        datetime: w3cMoscow(u.at),
        type: u.kind,
        status: u.open311,
        description: u.description,
        summary:
          u.kind === 'status'
            ? u.description
            : u.externalStatus === 'final_answer'
              ? 'Окончательный ответ'
              : 'Промежуточный ответ',
      }));
    }
    return request;
  });
}

/** XML wraps the notes list: <notes><note>…</note></notes>. */
export function requestXml(r: Open311Request): XmlObject {
  const { notes, ...rest } = r;
  return notes ? { ...rest, notes: { note: notes.map((n) => ({ ...n })) } } : { ...rest };
}
