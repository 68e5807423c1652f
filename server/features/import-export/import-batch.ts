import { sql } from 'kysely';
import { parseMoscowTimestamp } from '../../../shared/api/messages';
import type { InterchangeMessage } from '../../../shared/api/interchange';
import { computeDeadlines } from '../../../shared/deadlines/deadlines';
import { resolvePolicy } from '../../../shared/deadlines/deadline-policy';
import { type Ctx, withTransaction } from '../../lib/context';
import { resolveMunicipality } from '../intake/resolve-municipality';
import type { Analysis } from '../understanding/message-analyzer';
import type { ReferenceSnapshot } from '../reference/reference.repository';
import { deriveState } from './derive-history';
import { buildChildRows, insertChunked } from './import-rows';

export interface BatchItem { line: number; message: InterchangeMessage }
export interface AnalysedItem extends BatchItem { analysis: Analysis }

/**
 * Writes one batch of messages (not yet in the database, analysed) in one transaction: each becomes a case with its
 * history. The transaction looks the keys up again, so a message another writer stored meanwhile is not doubled.
 */
export async function writeBatch(ctx: Ctx, items: AnalysedItem[]): Promise<{ imported: number; unchanged: number }> {
  return withTransaction(ctx, async (tx) => {
    const fresh = await skipKnown(tx, items);
    if (!fresh.length) return { imported: 0, unchanged: items.length };
    const orgIds = await ensureOrganisations(tx, fresh.map((i) => i.message.organisation ?? null));
    const ref = await tx.services.reference.get(tx.db);
    const ids = await allocateIds(tx, fresh.length);
    const caseRows = fresh.map((item, i) => caseRow(tx, ref, item.message, item.analysis, ids[i]!, orgIds));
    await insertChunked(tx, 'cases', caseRows);
    const children = buildChildRows(fresh.map((f) => f.message), ids, orgIds);
    await insertChunked(tx, 'messages', children.messages);
    await insertChunked(tx, 'answers', children.answers);
    await insertChunked(tx, 'ratings', children.ratings);
    await insertChunked(tx, 'case_events', children.events);
    return { imported: fresh.length, unchanged: items.length - fresh.length };
  });
}

async function allocateIds(ctx: Ctx, n: number): Promise<string[]> {
  const rows = await sql<{ id: string }>`select nextval('cases_id_seq')::text as id from generate_series(1, ${n})`.execute(ctx.db);
  return rows.rows.map((r) => r.id);
}

const keyOf = (m: InterchangeMessage): string => `${m.channel}\u0000${m.externalId}`;

/**
 * The items whose channel + externalId is neither in the database nor in `alsoSkip`, nor earlier in the list.
 * One query per batch, on the unique index (channel, external_id).
 */
export async function skipKnown<T extends BatchItem>(ctx: Ctx, items: readonly T[], alsoSkip?: ReadonlySet<string>): Promise<T[]> {
  const byChannel = new Map<string, Set<string>>();
  for (const { message: m } of items) {
    const ids = byChannel.get(m.channel) ?? new Set<string>();
    ids.add(m.externalId);
    byChannel.set(m.channel, ids);
  }
  const known = items.length === 0 ? [] : await ctx.db.selectFrom('messages').select(['channel', 'external_id'])
    .where((eb) => eb.or([...byChannel].map(([channel, ids]) => eb.and([eb('channel', '=', channel), eb('external_id', 'in', [...ids])]))))
    .execute();
  const seen = new Set(known.map((k) => `${k.channel}\u0000${k.external_id}`));
  const fresh: T[] = [];
  for (const item of items) {
    const key = keyOf(item.message);
    if (seen.has(key) || alsoSkip?.has(key)) continue;
    seen.add(key);
    fresh.push(item);
  }
  return fresh;
}

export const messageKey = keyOf;

/** Organisations named by the source are kept as they are written; unknown ones are added as 'imported'. */
async function ensureOrganisations(ctx: Ctx, names: (string | null)[]): Promise<Map<string, number>> {
  const wanted = [...new Set(names.filter((n): n is string => !!n && n.trim() !== '').map((n) => n.trim()))];
  if (!wanted.length) return new Map();
  const added = await ctx.db.insertInto('organisations').values(wanted.map((name) => ({ name, kind: 'imported' })))
    .onConflict((oc) => oc.column('name').doNothing()).returning('id').execute();
  const rows = await ctx.db.selectFrom('organisations').select(['id', 'name']).where('name', 'in', wanted).execute();
  if (added.length) ctx.services.reference.invalidate();
  return new Map(rows.map((r) => [r.name, r.id]));
}

function caseRow(ctx: Ctx, ref: ReferenceSnapshot, m: InterchangeMessage, analysis: Analysis, id: string, orgIds: Map<string, number>) {
  const createdAt = parseMoscowTimestamp(m.createdAt);
  const municipality = resolveMunicipality(ref, m.location?.municipality, analysis);
  const orgId = m.organisation ? orgIds.get(m.organisation.trim()) ?? null : null;
  const state = deriveState(m.history, orgId !== null);
  const policy = resolvePolicy(ref.policies, { channel: m.channel, block: analysis.block, category: analysis.category });
  const due = computeDeadlines(createdAt, policy.policy, ctx.services.calendar);
  return {
    id, status: state.status, priority: analysis.priority, block_code: analysis.block, category_code: analysis.category,
    municipality_id: municipality?.id ?? null, organisation_id: orgId, channel: m.channel, summary: m.text.slice(0, 20_000),
    classification: JSON.stringify({ block: analysis.block, category: analysis.category, confidence: analysis.confidence, top: analysis.top, model: analysis.model }),
    urgency: JSON.stringify({ priority: analysis.priority, flags: analysis.flags }),
    address: m.location?.address ?? null, lat: m.location?.lat ?? null, lon: m.location?.lon ?? null,
    created_at: createdAt, first_response_due_at: due.firstResponseDueAt, final_answer_due_at: due.finalAnswerDueAt,
    first_response_at: state.firstResponseAt, final_answer_at: state.finalAnswerAt, closed_at: state.closedAt, rating: state.rating,
    source: 'import',
  };
}
