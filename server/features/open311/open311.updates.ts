import { maskPersonalText } from '../../../shared/personal-data/masking';
import { sql } from 'kysely';
import { REJECTION_REASON_LABELS, type RejectionReason } from '../../../shared/cases/case-status';
import type { Ctx } from '../../lib/context';
import { extensionNotices } from '../cases/extension-notice';
import { Open311Error, parseW3c, w3cMoscow } from './open311.format';

// What the public sees of a case through Open311: one update per published answer (an interim answer —
// `in_progress`, a final answer — `closed`), a rejection (status by the reason's code: `duplicate`,
// `not_councils_responsibility`, `no_further_action`), a reopening (`open`) and an extended term (`in_progress`, the
// 59-ФЗ notice, extension-notice.ts). Internal steps (routing, taking into
// work, review, returns) never appear; an answer appears only once published (accepted by ЦУР), at that moment.

export const OPEN311_CHANNEL = 'open311';
export const MAX_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

export interface PublicUpdate {
  caseId: string;
  at: Date;
  key: string;
  status: string;
  open311: 'open' | 'closed';
  description: string;
  externalStatus: string;
  kind: 'answer' | 'status';
}

const REJECTED_STATUS: Readonly<Record<RejectionReason, string>> = {
  not_our_competence: 'not_councils_responsibility',
  duplicate: 'duplicate',
  spam: 'no_further_action',
  other: 'no_further_action',
};
const rejectionCode = (v: unknown): RejectionReason =>
  typeof v === 'string' && v in REJECTED_STATUS ? (v as RejectionReason) : 'other';

/** The public updates of the given cases (optionally only those in a time window), oldest first. */
export async function publicUpdates(
  ctx: Ctx,
  caseIds: readonly string[],
  window?: { start: Date; end: Date },
): Promise<PublicUpdate[]> {
  if (!caseIds.length) return [];
  let answers = ctx.db
    .selectFrom('answers')
    .select(['id', 'case_id', 'kind', 'body', 'published_at'])
    .where('case_id', 'in', [...caseIds])
    .where('published_at', 'is not', null);
  let events = ctx.db
    .selectFrom('case_events')
    .select(['id', 'case_id', 'at', 'data'])
    .where('case_id', 'in', [...caseIds])
    .where('type', '=', 'status')
    .where(sql<string>`data->>'to'`, 'in', ['rejected', 'reopened']);
  if (window) {
    answers = answers.where('published_at', '>=', window.start).where('published_at', '<=', window.end);
    events = events.where('at', '>=', window.start).where('at', '<=', window.end);
  }
  const [answerRows, eventRows, notices, authors] = await Promise.all([
    answers.execute(),
    events.execute(),
    extensionNotices(ctx, caseIds, window),
    ctx.db
      .selectFrom('messages')
      .select(['case_id', 'author_name'])
      .where('case_id', 'in', [...caseIds])
      .where('author_name', 'is not', null)
      .execute(),
  ]);
  // Public updates: phones, e-mails and the authors' names never leave in an answer's text.
  const namesOf = (caseId: string): (string | null)[] =>
    authors.filter((m) => String(m.case_id) === caseId).map((m) => m.author_name);
  const updates: PublicUpdate[] = [
    ...answerRows.map((a): PublicUpdate => ({
      caseId: String(a.case_id),
      at: a.published_at as Date,
      key: `a${a.id}`,
      kind: 'answer',
      status: a.kind === 'final' ? 'closed' : 'in_progress',
      open311: a.kind === 'final' ? 'closed' : 'open',
      description: maskPersonalText(a.body, namesOf(String(a.case_id))),
      externalStatus: a.kind === 'final' ? 'final_answer' : 'interim_answer',
    })),
    ...eventRows.map((e): PublicUpdate => {
      if (e.data.to === 'rejected') {
        const code = rejectionCode(e.data.reason);
        return {
          caseId: String(e.case_id),
          at: e.at,
          key: `s${e.id}`,
          kind: 'status',
          status: REJECTED_STATUS[code],
          open311: 'closed',
          description: `Отклонено: ${REJECTION_REASON_LABELS[code]}`,
          externalStatus: `rejected_${code}`,
        };
      }
      return {
        caseId: String(e.case_id),
        at: e.at,
        key: `s${e.id}`,
        kind: 'status',
        status: 'open',
        open311: 'open',
        description: 'Обращение открыто повторно',
        externalStatus: 'reopened',
      };
    }),
    ...notices.map((n): PublicUpdate => ({
      caseId: n.caseId,
      at: n.at,
      key: `e${n.eventId}`,
      kind: 'status',
      status: 'in_progress',
      open311: 'open',
      description: n.text,
      externalStatus: 'extended',
    })),
  ];
  return updates.sort((x, y) => x.at.getTime() - y.at.getTime() || x.key.localeCompare(y.key));
}

/**
 * A date window from start_date/end_date: without dates the last `defaultDays` days; a window longer than 90 days is
 * clamped to the 90 days from its start (GeoReport v2: «the maximum range is 90 days»).
 */
export function dateWindow(
  q: Record<string, string | undefined>,
  now: Date,
  defaultDays: number,
): { start: Date; end: Date } {
  const end = q.end_date ? parseW3c(q.end_date, 'end_date') : undefined;
  const start = q.start_date ? parseW3c(q.start_date, 'start_date') : undefined;
  if (start && end && start > end) throw new Open311Error(400, 'start_date позже end_date');
  const effectiveStart = start ?? new Date((end ?? now).getTime() - defaultDays * DAY_MS);
  const limit = new Date(effectiveStart.getTime() + MAX_WINDOW_DAYS * DAY_MS);
  const effectiveEnd = end ? (end > limit ? limit : end) : start ? limit : now;
  return { start: effectiveStart, end: effectiveEnd };
}

/** mySociety's request updates (`servicerequestupdates`), the form FixMyStreet polls: richer statuses than open/closed. */
export interface Open311Update {
  update_id: string;
  service_request_id: string;
  status: string;
  updated_datetime: string | null;
  description: string;
  media_url: string;
  external_status_code: string;
}

export async function findUpdates(
  ctx: Ctx,
  q: Record<string, string | undefined>,
  now: Date,
  limit: number,
): Promise<Open311Update[]> {
  const window = dateWindow(q, now, 1);
  const messages = await ctx.db
    .selectFrom('messages')
    .select(['id', 'case_id'])
    .where('channel', '=', OPEN311_CHANNEL)
    .where(sql<boolean>`labels->'open311'->>'update_id' is null`)
    .where('case_id', 'in', (eb) =>
      eb
        .selectFrom('answers')
        .select('case_id')
        .where('published_at', '>=', window.start)
        .where('published_at', '<=', window.end)
        .union(
          eb
            .selectFrom('case_events')
            .select('case_id')
            .where('type', 'in', ['status', 'extended'])
            .where('at', '>=', window.start)
            .where('at', '<=', window.end),
        ),
    )
    .execute();
  const updates = await publicUpdates(ctx, [...new Set(messages.map((m) => String(m.case_id)))], window);
  return updates
    .flatMap((u) =>
      messages
        .filter((m) => String(m.case_id) === u.caseId)
        .map((m) => ({
          at: u.at,
          update: {
            update_id: `${m.id}-${u.key}`,
            service_request_id: String(m.id),
            status: u.status,
            updated_datetime: w3cMoscow(u.at),
            description: u.description,
            media_url: '',
            external_status_code: u.externalStatus,
          },
        })),
    )
    .sort((x, y) => x.at.getTime() - y.at.getTime())
    .slice(0, limit)
    .map((u) => u.update);
}
