import { sql } from 'kysely';
import type { InterchangeMessage } from '../../../shared/api/interchange';
import { type Ctx, withTransaction } from '../../lib/context';
import type { ReferenceSnapshot } from '../reference/reference.repository';
import { buildRows, insertChunked } from './import-rows';
import { MessagePreparer, type PreparationReference, type PreparedMessage } from './prepare-messages';

export interface BatchItem { line: number; message: InterchangeMessage }

/**
 * Writes one batch of prepared messages in one transaction: each becomes a case with its history. The transaction
 * looks the keys up again, so a message stored meanwhile (by another writer) is not doubled.
 */
export async function writeBatch(ctx: Ctx, env: BatchEnv, items: PreparedMessage[]): Promise<{ imported: number; unchanged: number }> {
  const learned = new Map<string, number>();
  const result = await withTransaction(ctx, async (tx) => {
    const fresh = await skipKnown(tx, items);
    if (!fresh.length) return { imported: 0, unchanged: items.length };
    const orgIds = await ensureOrganisations(tx, fresh.map((i) => i.organisation), env.organisations, learned);
    const rows = buildRows(fresh, await allocateIds(tx, fresh.length), orgIds);
    await insertChunked(tx, 'cases', rows.cases);
    await insertChunked(tx, 'messages', rows.messages);
    await insertChunked(tx, 'answers', rows.answers);
    await insertChunked(tx, 'ratings', rows.ratings);
    await insertChunked(tx, 'case_events', rows.events);
    return { imported: fresh.length, unchanged: items.length - fresh.length };
  });
  // Remembered once committed: a batch rolled back leaves no organisation behind.
  for (const [name, id] of learned) env.organisations.set(name, id);
  return result;
}

/** What the batches of one import share: the organisations met so far. */
export interface BatchEnv { readonly organisations: Map<string, number> }

export const batchEnv = (): BatchEnv => ({ organisations: new Map() });

/** The reference data that preparation reads (municipalities and deadline policies as they are at the start). */
export const preparationReference = (ref: ReferenceSnapshot, triageThreshold: number): PreparationReference => ({
  municipalities: ref.municipalities, policies: ref.policies, categories: ref.categories, triageThreshold,
});

async function allocateIds(ctx: Ctx, n: number): Promise<string[]> {
  const rows = await sql<{ id: string }>`select nextval('cases_id_seq')::text as id from generate_series(1, ${n})`.execute(ctx.db);
  return rows.rows.map((r) => r.id);
}

export interface MessageKey { channel: string; externalId: string }
export const messageKey = (m: MessageKey): string => `${m.channel}\u0000${m.externalId}`;

/**
 * The items whose channel + externalId is neither in the database nor earlier in the list.
 * One query per batch, on the unique index (channel, external_id).
 */
export async function skipKnown<T extends MessageKey>(ctx: Ctx, items: readonly T[]): Promise<T[]> {
  const byChannel = new Map<string, Set<string>>();
  for (const m of items) {
    const ids = byChannel.get(m.channel) ?? new Set<string>();
    ids.add(m.externalId);
    byChannel.set(m.channel, ids);
  }
  const known = items.length === 0 ? [] : await ctx.db.selectFrom('messages').select(['channel', 'external_id'])
    .where((eb) => eb.or([...byChannel].map(([channel, ids]) => eb.and([eb('channel', '=', channel), eb('external_id', 'in', [...ids])]))))
    .execute();
  const seen = new Set(known.map((k) => messageKey({ channel: k.channel, externalId: k.external_id })));
  const fresh: T[] = [];
  for (const item of items) {
    const key = messageKey(item);
    if (seen.has(key)) continue;
    seen.add(key);
    fresh.push(item);
  }
  return fresh;
}

/**
 * Organisations named by the source are kept as they are written; unknown ones are added as 'imported'. The ids of
 * the batch's names; names met in earlier batches (`known`) cost no query, new ones are put in `learned`.
 */
async function ensureOrganisations(ctx: Ctx, names: (string | null)[], known: ReadonlyMap<string, number>, learned: Map<string, number>): Promise<Map<string, number>> {
  const wanted = [...new Set(names.filter((n): n is string => n !== null))];
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

/** Imports messages held in memory (tests, generators): prepared in this thread, written as one batch. */
export async function importMessages(ctx: Ctx, items: BatchItem[]): Promise<{ imported: number; unchanged: number }> {
  const preparer = new MessagePreparer(ctx.services.analyzer, preparationReference(await ctx.services.reference.get(ctx.db), ctx.services.config.triageThreshold), ctx.services.calendar);
  return writeBatch(ctx, batchEnv(), items.map((item) => preparer.prepareMessage(item.message, item.line)));
}
