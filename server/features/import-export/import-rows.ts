import { parseMoscowTimestamp } from '../../../shared/api/messages';
import type { InterchangeMessage } from '../../../shared/api/interchange';
import type { Ctx } from '../../lib/context';
import type { DB } from '../../db/schema';
import type { Insertable } from 'kysely';

const IMPORT_ACTOR = 'Импорт истории';
type Row<T extends keyof DB> = Insertable<DB[T]>;

/** Rows of the message, its answers, ratings and history events for each imported message (ids aligned by index). */
export function buildChildRows(messages: InterchangeMessage[], caseIds: string[], orgIds: Map<string, number>) {
  const out = { messages: [] as Row<'messages'>[], answers: [] as Row<'answers'>[], ratings: [] as Row<'ratings'>[], events: [] as Row<'case_events'>[] };
  messages.forEach((m, i) => {
    const caseId = caseIds[i]!;
    const createdAt = parseMoscowTimestamp(m.createdAt);
    out.messages.push({
      channel: m.channel, external_id: m.externalId, case_id: caseId, text: m.text, created_at: createdAt,
      author_name: m.author?.name ?? null, author_contact: m.author?.contact ?? null, author_external_id: m.author?.externalId ?? null,
      address: m.location?.address ?? null, lat: m.location?.lat ?? null, lon: m.location?.lon ?? null,
      municipality_raw: m.location?.municipality ?? null, organisation_raw: m.organisation ?? null,
      labels: m.labels ? JSON.stringify(m.labels) : null, attachments: m.attachments ? JSON.stringify(m.attachments) : null,
    });
    out.events.push({ case_id: caseId, at: createdAt, type: 'received', actor_label: IMPORT_ACTOR, data: JSON.stringify({ channel: m.channel, externalId: m.externalId }) });
    // The source's own history is kept whole in one event (bodies live in answers); answers and ratings get their rows.
    if (m.history.length) {
      const items = m.history.map((h) => (h.type === 'answer' ? { type: h.type, at: h.at, kind: h.kind, by: h.by ?? null } : h));
      out.events.push({ case_id: caseId, at: createdAt, type: 'imported_history', actor_label: IMPORT_ACTOR, data: JSON.stringify({ items }) });
    }
    for (const h of m.history) {
      const at = parseMoscowTimestamp(h.at);
      if (h.type === 'answer') {
        out.answers.push({
          case_id: caseId, kind: h.kind, body: h.body ?? '', author_label: h.by ?? null, created_at: at, review_status: 'imported',
          organisation_id: h.by ? orgIds.get(h.by) ?? null : null,
        });
      } else if (h.type === 'rating') {
        out.ratings.push({ case_id: caseId, score: h.score, created_at: at });
      }
    }
  });
  return out;
}

/** Multi-row inserts in chunks that keep each statement under PostgreSQL's parameter limit. */
export async function insertChunked<T extends keyof DB & string>(ctx: Ctx, table: T, rows: Row<T>[]): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0] as object).length || 1;
  const size = Math.max(1, Math.floor(30_000 / columns));
  for (let i = 0; i < rows.length; i += size) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely cannot type a table chosen by a generic name
    await ctx.db.insertInto(table).values(rows.slice(i, i + size) as any).execute();
  }
}
