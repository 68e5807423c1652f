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
export async function writeBatch(ctx: Ctx, env: BatchEnv, items: AnalysedItem[]): Promise<{ imported: number; unchanged: number }> {
  const learned = new Map<string, number>();
  const result = await withTransaction(ctx, async (tx) => {
    const fresh = await skipKnown(tx, items);
    if (!fresh.length) return { imported: 0, unchanged: items.length };
    const orgIds = await ensureOrganisations(tx, fresh.map((i) => i.message.organisation ?? null), env.organisations, learned);
    const ids = await allocateIds(tx, fresh.length);
    const caseRows = fresh.map((item, i) => caseRow(tx, env, item.message, item.analysis, ids[i]!, orgIds));
    await insertChunked(tx, 'cases', caseRows);
    const children = buildChildRows(fresh.map((f) => f.message), ids, orgIds);
    await insertChunked(tx, 'messages', children.messages);
    await insertChunked(tx, 'answers', children.answers);
    await insertChunked(tx, 'ratings', children.ratings);
    await insertChunked(tx, 'case_events', children.events);
    return { imported: fresh.length, unchanged: items.length - fresh.length };
  });
  // Remembered once committed: a batch rolled back leaves no organisation behind.
  for (const [name, id] of learned) env.organisations.set(name, id);
  return result;
}

/** What the batches of one import share: the reference data as it was at the start, organisations met so far. */
export interface BatchEnv {
  readonly places: MunicipalityResolver;
  readonly policies: PolicyResolver;
  readonly organisations: Map<string, number>;
}

export function batchEnv(ref: ReferenceSnapshot): BatchEnv {
  return { places: municipalityResolver(ref), policies: policyResolver(ref), organisations: new Map() };
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

/**
 * Organisations named by the source are kept as they are written; unknown ones are added as 'imported'. The ids of
 * the batch's names; names met in earlier batches (`known`) cost no query, new ones are put in `learned`.
 */
async function ensureOrganisations(ctx: Ctx, names: (string | null)[], known: ReadonlyMap<string, number>, learned: Map<string, number>): Promise<Map<string, number>> {
  const wanted = [...new Set(names.filter((n): n is string => !!n && n.trim() !== '').map((n) => n.trim()))];
  const missing = wanted.filter((n) => !known.has(n));
  if (missing.length) {
    const added = await ctx.db.insertInto('organisations').values(missing.map((name) => ({ name, kind: 'imported' })))
      .onConflict((oc) => oc.column('name').doNothing()).returning('id').execute();
    const rows = await ctx.db.selectFrom('organisations').select(['id', 'name']).where('name', 'in', missing).execute();
    if (added.length) ctx.services.reference.invalidate();
    for (const r of rows) learned.set(r.name, r.id);
  }
  return new Map(wanted.flatMap((n) => {
    const id = known.get(n) ?? learned.get(n);
    return id === undefined ? [] : [[n, id] as const];
  }));
}

/** A pure function remembered by a key of its arguments (a file repeats the same few names, channels, categories). */
function memo<A extends unknown[], R>(key: (...args: A) => string, fn: (...args: A) => R): (...args: A) => R {
  const known = new Map<string, R>();
  return (...args) => {
    const k = key(...args);
    if (!known.has(k)) known.set(k, fn(...args));
    return known.get(k) as R;
  };
}

const municipalityResolver = (ref: ReferenceSnapshot) => memo(
  (sourceName: string | null | undefined, analysis: Analysis) => `${sourceName ?? ''}\u0000${analysis.municipalityCode ?? ''}`,
  (sourceName, analysis) => resolveMunicipality(ref, sourceName, analysis),
);
type MunicipalityResolver = ReturnType<typeof municipalityResolver>;

const policyResolver = (ref: ReferenceSnapshot) => memo(
  (channel: string, block: string | null, category: string | null) => `${channel}\u0000${block ?? ''}\u0000${category ?? ''}`,
  (channel, block, category) => resolvePolicy(ref.policies, { channel, block, category }),
);
type PolicyResolver = ReturnType<typeof policyResolver>;

function caseRow(ctx: Ctx, { places, policies }: BatchEnv, m: InterchangeMessage, analysis: Analysis, id: string, orgIds: Map<string, number>) {
  const createdAt = parseMoscowTimestamp(m.createdAt);
  const municipality = places(m.location?.municipality, analysis);
  const orgId = m.organisation ? orgIds.get(m.organisation.trim()) ?? null : null;
  const state = deriveState(m.history, orgId !== null);
  const policy = policies(m.channel, analysis.block, analysis.category);
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

/** Imports messages held in memory (tests, generators): analysed in this thread, written as one batch. */
export async function importMessages(ctx: Ctx, items: BatchItem[]): Promise<{ imported: number; unchanged: number }> {
  const env = batchEnv(await ctx.services.reference.get(ctx.db));
  const analysed = items.map((item) => ({ ...item, analysis: ctx.services.analyzer.analyze(item.message.text, parseMoscowTimestamp(item.message.createdAt)) }));
  return writeBatch(ctx, env, analysed);
}
