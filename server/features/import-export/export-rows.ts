import { sql } from 'kysely';
import type { HistoryItem } from '../../../shared/api/interchange';
import type { Ctx } from '../../lib/context';
import { parseMoscowTimestamp } from '../../../shared/api/messages';

const PAGE = 1000;
const iso = (d: Date): string => d.toISOString();

export async function loadExportPage(ctx: Ctx, afterId: string, from?: string, to?: string) {
  let q = ctx.db
    .selectFrom('messages')
    .innerJoin('cases', 'cases.id', 'messages.case_id')
    .leftJoin('organisations', 'organisations.id', 'cases.organisation_id')
    .leftJoin('municipalities', 'municipalities.id', 'cases.municipality_id')
    .select([
      'messages.id',
      'messages.channel',
      'messages.external_id',
      'messages.text',
      'messages.created_at',
      'messages.author_name',
      'messages.author_contact',
      'messages.address',
      'messages.lat',
      'messages.lon',
      'messages.municipality_raw',
      'messages.labels',
      'messages.attachments',
      'messages.case_id',
      'cases.status',
      'cases.block_code',
      'cases.category_code',
      'cases.rating',
      'organisations.name as organisation',
      'municipalities.short_name as municipality',
    ])
    .where(sql<boolean>`messages.id > ${afterId}::bigint`);
  if (from) q = q.where(sql<string>`(messages.created_at at time zone 'Europe/Moscow')::date`, '>=', from);
  if (to) q = q.where(sql<string>`(messages.created_at at time zone 'Europe/Moscow')::date`, '<=', to);
  const messages = await q.orderBy('messages.id').limit(PAGE).execute();
  if (!messages.length) return [];
  const caseIds = [...new Set(messages.map((m) => m.case_id))];
  const [answers, ratings, events] = await Promise.all([
    ctx.db
      .selectFrom('answers')
      .select(['case_id', 'kind', 'body', 'author_label', 'created_at'])
      .where('case_id', 'in', caseIds)
      .orderBy('created_at')
      .execute(),
    ctx.db
      .selectFrom('ratings')
      .select(['case_id', 'score', 'created_at'])
      .where('case_id', 'in', caseIds)
      .orderBy('created_at')
      .execute(),
    ctx.db
      .selectFrom('case_events')
      .select(['case_id', 'type', 'at', 'data'])
      .where('case_id', 'in', caseIds)
      .where('type', 'in', ['imported_history', 'status', 'reassigned'])
      .orderBy('at')
      .execute(),
  ]);
  return messages.map((message) => ({
    message,
    answers: answers.filter((a) => a.case_id === message.case_id),
    ratings: ratings.filter((r) => r.case_id === message.case_id),
    events: events.filter((e) => e.case_id === message.case_id),
  }));
}

type Page = Awaited<ReturnType<typeof loadExportPage>>;

/** Status, reassignment and reopening items of the source history kept at import (answers and ratings have rows). */
function sourceItems(data: Record<string, unknown>): HistoryItem[] {
  const items = Array.isArray(data.items) ? (data.items as HistoryItem[]) : [];
  return items
    .filter((h) => h.type === 'status' || h.type === 'reassign' || h.type === 'reopen')
    .map((h) => ({ ...h, at: new Date(parseMoscowTimestamp(h.at)).toISOString() }));
}

export function toInterchange(item: Page[number]) {
  const m = item.message;
  const history: HistoryItem[] = [
    ...item.events.flatMap((e) => (e.type === 'imported_history' ? sourceItems(e.data) : [])),
    ...item.events
      .filter((e) => e.type !== 'imported_history')
      .map((e): HistoryItem =>
        e.type === 'reassigned'
          ? { type: 'reassign', at: iso(e.at), to: String(e.data.toName ?? '') }
          : e.type === 'status' && e.data.to === 'reopened'
            ? { type: 'reopen', at: iso(e.at) }
            : { type: 'status', at: iso(e.at), status: String(e.data.status ?? e.data.to ?? '') },
      ),
    ...item.answers.map((a): HistoryItem => ({
      type: 'answer',
      at: iso(a.created_at),
      kind: a.kind === 'final' ? 'final' : 'interim',
      by: a.author_label,
      body: a.body,
    })),
    ...item.ratings.map((r): HistoryItem => ({ type: 'rating', at: iso(r.created_at), score: r.score })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return {
    externalId: m.external_id,
    channel: m.channel,
    text: m.text,
    createdAt: iso(m.created_at),
    author: m.author_name || m.author_contact ? { name: m.author_name, contact: m.author_contact } : null,
    location: { address: m.address, lat: m.lat, lon: m.lon, municipality: m.municipality ?? m.municipality_raw },
    labels: m.labels,
    organisation: m.organisation,
    attachments: m.attachments,
    history,
    otklik: { caseId: m.case_id, status: m.status, block: m.block_code, category: m.category_code, rating: m.rating },
  };
}
