import { sql } from 'kysely';
import type { InterchangeMessage } from '../../../shared/api/interchange';
import { type Ctx, withTransaction } from '../../lib/context';
import { organisationDirectory, organisationKey } from '../reference/organisation-aliases';
import type { ReferenceSnapshot } from '../reference/reference.repository';
import { copyRows } from '../../db/copy-rows';
import { toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import { ensureMonths } from '../partitions/partitions';
import { buildRows, insertJoined } from './import-rows';
import { findImportDuplicates } from './join-duplicates';
import { MessagePreparer, type PreparationReference, type PreparedMessage } from './prepare-messages';

export interface BatchItem {
  line: number;
  message: InterchangeMessage;
}

/**
 * Writes one batch of prepared messages in one transaction: each becomes a case with its history. The transaction
 * looks the keys up again, so a message stored meanwhile (by another writer) is not doubled.
 */
export async function writeBatch(ctx: Ctx, env: BatchEnv, items: PreparedMessage[]): Promise<BatchResult> {
  await ensureBatchMonths(ctx, env, items);
  const held = new Map<string, number>();
  const result = await withTransaction(ctx, async (tx) => {
    const fresh = await skipKnown(tx, items);
    if (!fresh.length) return { imported: 0, unchanged: items.length, joined: 0 };
    const organisationOf = (name: string, asCaseOrganisation: boolean): number | null => {
      const id = env.organisations.get(organisationKey(name));
      if (id === undefined && asCaseOrganisation) held.set(name, (held.get(name) ?? 0) + 1);
      return id ?? null;
    };
    const joins = await findImportDuplicates(tx, fresh);
    const opening = fresh.flatMap((p, index) => (joins.has(index) ? [] : [{ p, index }]));
    const caseIds = await allocateIds(tx, opening.length);
    const caseIdOf = new Map(opening.map(({ index }, i) => [index, caseIds[i]!]));
    const rows = buildRows(
      opening.map((o) => o.p),
      caseIds,
      organisationOf,
    );
    // COPY into the same tables, indexes and triggers as INSERT (copy-rows.ts), in this transaction.
    await copyRows(tx.db, 'cases', rows.cases);
    await copyRows(tx.db, 'messages', rows.messages);
    await copyRows(tx.db, 'answers', rows.answers);
    await copyRows(tx.db, 'ratings', rows.ratings);
    await copyRows(tx.db, 'case_events', rows.events);
    await insertJoined(
      tx,
      [...joins].map(([index, target]) => ({
        p: fresh[index]!,
        caseId: 'caseId' in target ? target.caseId : caseIdOf.get(target.index)!,
      })),
    );
    return { imported: fresh.length, unchanged: items.length - fresh.length, joined: joins.size };
  });
  // Counted once committed: a batch rolled back holds nothing.
  for (const [name, n] of held) env.unmatched.set(name, (env.unmatched.get(name) ?? 0) + n);
  return result;
}

/**
 * The months of the batch's messages (and so of their history) get their partitions before the batch is written
 * (features/partitions): an import of history fills months of its own, not the default partition.
 */
async function ensureBatchMonths(ctx: Ctx, env: BatchEnv, items: readonly PreparedMessage[]): Promise<void> {
  const months = new Set<string>();
  for (const p of items) {
    const month = `${toMoscowIsoDate(new Date(p.message.created_at)).slice(0, 7)}-01`;
    if (!env.months.has(month)) months.add(month);
  }
  if (!months.size) return;
  for (const table of ['messages', 'case_events']) await ensureMonths(ctx.db, [...months].sort(), table);
  for (const m of months) env.months.add(m);
}

export interface BatchResult {
  imported: number;
  unchanged: number;
  joined: number;
}

/**
 * What the batches of one import share: the organisation directory (normalised names, short names and aliases, as
 * they are when the import starts) and the names of the source that matched none, with how often they were met.
 * An unmatched name never becomes an organisation: its case keeps the name (`messages.organisation_raw`) and is held
 * for review (see import-rows.ts).
 */
export interface BatchEnv {
  readonly organisations: ReadonlyMap<string, number>;
  readonly unmatched: Map<string, number>;
  /** The months (ГГГГ-ММ-01) whose partitions this import has already made sure of. */
  readonly months: Set<string>;
}

export const batchEnv = async (ctx: Ctx): Promise<BatchEnv> => ({
  organisations: await organisationDirectory(ctx),
  unmatched: new Map(),
  months: new Set(),
});

/** The reference data that preparation reads (municipalities and deadline policies as they are at the start). */
export const preparationReference = (
  ref: ReferenceSnapshot,
  triageThreshold: number,
  analysisVersion: string | null = null,
): PreparationReference => ({
  municipalities: ref.municipalities,
  policies: ref.policies,
  categories: ref.categories,
  triageThreshold,
  analysisVersion,
});

async function allocateIds(ctx: Ctx, n: number): Promise<string[]> {
  const rows = await sql<{
    id: string;
  }>`select nextval('cases_id_seq')::text as id from generate_series(1, ${n})`.execute(ctx.db);
  return rows.rows.map((r) => r.id);
}

export interface MessageKey {
  channel: string;
  externalId: string;
}
export const messageKey = (m: MessageKey): string => `${m.channel}\u0000${m.externalId}`;

/**
 * The items whose channel + externalId is neither in the database nor earlier in the list.
 * One query per batch, on the key table's primary key (channel, external_id).
 */
export async function skipKnown<T extends MessageKey>(ctx: Ctx, items: readonly T[]): Promise<T[]> {
  const byChannel = new Map<string, Set<string>>();
  for (const m of items) {
    const ids = byChannel.get(m.channel) ?? new Set<string>();
    ids.add(m.externalId);
    byChannel.set(m.channel, ids);
  }
  const known =
    items.length === 0
      ? []
      : await ctx.db
          .selectFrom('message_keys')
          .select(['channel', 'external_id'])
          .where((eb) =>
            eb.or(
              [...byChannel].map(([channel, ids]) =>
                eb.and([eb('channel', '=', channel), eb('external_id', 'in', [...ids])]),
              ),
            ),
          )
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

/** Imports messages held in memory (tests, generators): prepared in this thread, written as one batch. */
export async function importMessages(ctx: Ctx, items: BatchItem[]): Promise<BatchResult> {
  const preparer = new MessagePreparer(
    ctx.services.analyzer,
    preparationReference(await ctx.services.reference.get(ctx.db), ctx.services.config.triageThreshold),
    ctx.services.calendar,
  );
  return writeBatch(
    ctx,
    await batchEnv(ctx),
    items.map((item) => preparer.prepareMessage(item.message, item.line)),
  );
}
