import { sql } from 'kysely';
import { parseMoscowTimestamp } from '../../../shared/api/messages';
import type { InterchangeMessage } from '../../../shared/api/interchange';
import { computeDeadlines } from '../../../shared/deadlines/deadlines';
import { resolvePolicy } from '../../../shared/deadlines/deadline-policy';
import { type Ctx, withTransaction } from '../../lib/context';
import { resolveMunicipality } from '../intake/resolve-municipality';
import type { ReferenceSnapshot } from '../reference/reference.repository';
import { deriveState } from './derive-history';
import { buildChildRows, insertChunked } from './import-rows';

export interface BatchItem { line: number; message: InterchangeMessage }

/** Writes one batch in one transaction: new messages become cases with their history; known ones are skipped. */
export async function writeBatch(ctx: Ctx, items: BatchItem[]): Promise<{ imported: number; unchanged: number }> {
  return withTransaction(ctx, async (tx) => {
    const fresh = await skipKnown(tx, items);
    if (!fresh.length) return { imported: 0, unchanged: items.length };
    const ref = await tx.services.reference.get(tx.db);
    const orgIds = await ensureOrganisations(tx, fresh.map((i) => i.message.organisation ?? null));
    const ids = await allocateIds(tx, fresh.length);
    const caseRows = fresh.map((item, i) => caseRow(tx, ref, item.message, ids[i]!, orgIds));
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

async function skipKnown(ctx: Ctx, items: BatchItem[]): Promise<BatchItem[]> {
  const externalIds = [...new Set(items.map((i) => i.message.externalId))];
  const known = await ctx.db.selectFrom('messages').select(['channel', 'external_id']).where('external_id', 'in', externalIds).execute();
  const seen = new Set(known.map((k) => `${k.channel}\u0000${k.external_id}`));
  const fresh: BatchItem[] = [];
  for (const item of items) {
    const key = `${item.message.channel}\u0000${item.message.externalId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    fresh.push(item);
  }
  return fresh;
}

/** Organisations named by the source are kept as they are written; unknown ones are added as 'imported'. */
async function ensureOrganisations(ctx: Ctx, names: (string | null)[]): Promise<Map<string, number>> {
  const wanted = [...new Set(names.filter((n): n is string => !!n && n.trim() !== '').map((n) => n.trim()))];
  if (!wanted.length) return new Map();
  await ctx.db.insertInto('organisations').values(wanted.map((name) => ({ name, kind: 'imported' })))
    .onConflict((oc) => oc.column('name').doNothing()).execute();
  const rows = await ctx.db.selectFrom('organisations').select(['id', 'name']).where('name', 'in', wanted).execute();
  ctx.services.reference.invalidate();
  return new Map(rows.map((r) => [r.name, r.id]));
}

function caseRow(ctx: Ctx, ref: ReferenceSnapshot, m: InterchangeMessage, id: string, orgIds: Map<string, number>) {
  const createdAt = parseMoscowTimestamp(m.createdAt);
  const analysis = ctx.services.analyzer.analyze(m.text, createdAt);
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
