import type { Insertable } from 'kysely';
import type { Ctx } from '../../lib/context';
import type { DB } from '../../db/schema';
import type { CaseEventRow } from '../cases/case-events';
import { IMPORT_ACTOR, type PreparedMessage } from './prepare-messages';

type Row<T extends keyof DB> = Insertable<DB[T]>;

/**
 * The rows of prepared messages with the ids the database gave: cases (by index) and organisations (by the source's
 * name, null when it matches none). A case whose source names an organisation that matches none is held for review:
 * no organisation, and if it is still waiting for one (no answer, not closed) it goes to triage with an event that
 * names the source's organisation.
 */
export function buildRows(
  prepared: readonly PreparedMessage[],
  caseIds: readonly string[],
  organisationOf: (name: string, asCaseOrganisation: boolean) => number | null,
) {
  const out = {
    cases: [] as Row<'cases'>[],
    messages: [] as Row<'messages'>[],
    answers: [] as Row<'answers'>[],
    ratings: [] as Row<'ratings'>[],
    events: [] as CaseEventRow[],
  };
  prepared.forEach((p, i) => {
    const caseId = caseIds[i]!;
    const organisationId = p.organisation === null ? null : organisationOf(p.organisation, true);
    const held = p.organisation !== null && organisationId === null;
    const status = held && p.case.status === 'assigned' ? 'triage' : p.case.status;
    out.cases.push({
      id: caseId,
      ...p.case,
      status,
      summary: p.message.text.slice(0, 20_000),
      organisation_id: organisationId,
    });
    out.messages.push({ ...p.message, case_id: caseId });
    for (const e of p.events) out.events.push({ case_id: caseId, ...e });
    if (held) {
      out.events.push({
        case_id: caseId,
        at: p.case.created_at,
        type: 'triage',
        actor_label: IMPORT_ACTOR,
        data: JSON.stringify({ reason: 'organisation_unmatched', organisation: p.organisation }),
      });
    }
    for (const a of p.answers)
      out.answers.push({
        case_id: caseId,
        ...a,
        organisation_id: a.author_label ? organisationOf(a.author_label, false) : null,
      });
    for (const r of p.ratings) out.ratings.push({ case_id: caseId, ...r });
  });
  return out;
}

/**
 * Messages that repeat an open case join it as intake's repeated messages do: marked duplicate, with a
 * `duplicate_joined` event on the case at the message's time; they open no case and carry no history of their own.
 */
export async function insertJoined(ctx: Ctx, joined: readonly { p: PreparedMessage; caseId: string }[]): Promise<void> {
  if (!joined.length) return;
  const messages = joined.map(({ p, caseId }) => ({ ...p.message, case_id: caseId, is_duplicate: true }));
  const idOf = new Map<string, string>();
  const size = Math.max(1, Math.floor(30_000 / Object.keys(messages[0]!).length));
  for (let i = 0; i < messages.length; i += size) {
    const rows = await ctx.db
      .insertInto('messages')
      .values(messages.slice(i, i + size))
      .returning(['id', 'channel', 'external_id'])
      .execute();
    for (const r of rows) idOf.set(`${r.channel}\u0000${r.external_id}`, r.id);
  }
  await insertChunked(
    ctx,
    'case_events',
    joined.map(({ p, caseId }) => {
      // The source's statuses of the message (it has no answers or ratings) stay with the event that joins it.
      const history = p.events.find((e) => e.type === 'imported_history')?.data;
      return {
        case_id: caseId,
        at: p.message.created_at,
        type: 'duplicate_joined',
        actor_label: IMPORT_ACTOR,
        data: JSON.stringify({
          messageId: idOf.get(`${p.channel}\u0000${p.externalId}`),
          channel: p.channel,
          externalId: p.externalId,
          ...(typeof history === 'string' ? { history: (JSON.parse(history) as { items: unknown }).items } : {}),
        }),
      };
    }),
  );
}

/** Multi-row inserts in chunks that keep each statement under PostgreSQL's parameter limit. */
export async function insertChunked<T extends keyof DB & string>(ctx: Ctx, table: T, rows: Row<T>[]): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0] as object).length || 1;
  const size = Math.max(1, Math.floor(30_000 / columns));
  for (let i = 0; i < rows.length; i += size) {
    await ctx.db
      .insertInto(table)
      .values(rows.slice(i, i + size))
      .execute();
  }
}
