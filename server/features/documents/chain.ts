import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Ctx } from '../../lib/context';

// The hash chain over the case history and the official documents (migration 0024). A link's hash is
// SHA-256(prev_hash | table | id | digest), the digest being the SHA-256 of the record's canonical serialisation
// (the database function chain_row_digest, the one definition the sealer and this check share). Records are sealed
// in order by chain_seal() under the chain head's row lock; this module runs it, redacts a chained case event on the
// one permitted path, and verifies the whole chain independently of the sealer's own arithmetic.

export const GENESIS_HASH = '0'.repeat(64);
const SEAL_BATCH = 5_000;
const VERIFY_BATCH = 2_000;

export const linkHash = (prev: string, table: string, id: string, digest: string): string =>
  createHash('sha256').update(`${prev}|${table}|${id}|${digest}`, 'utf8').digest('hex');

/**
 * How far below the highest sealed id of a table an ordinary pass looks for unsealed rows: a transaction that took an
 * id long ago and commits only now falls below it and waits for the next full pass.
 */
export const RECENT_MARGIN = 1_000;

/**
 * Seals the records written since the last run, in batches (each its own statement). An ordinary pass looks only at
 * recent ids (an index range); a full pass (`full`) scans every table for stragglers. Returns how many were sealed.
 */
export async function sealChain(db: Db, options: { full?: boolean } = {}): Promise<number> {
  let total = 0;
  const margin = options.full ? null : RECENT_MARGIN;
  for (;;) {
    const { rows } = await sql<{ n: number }>`select chain_seal(${SEAL_BATCH}, ${margin}::bigint) as n`.execute(db);
    const n = Number(rows[0]?.n ?? 0);
    total += n;
    if (n < SEAL_BATCH) return total;
  }
}

/**
 * Rewrites a chained case event's data (erasure of personal data): the only change the triggers admit, inside this
 * transaction only, recorded as a chained redaction with the event's new digest so the chain still verifies.
 */
export async function redactCaseEvent(
  tx: Ctx,
  eventId: string,
  data: Record<string, unknown>,
  reason: string,
): Promise<void> {
  await sql`select set_config('otklik.chain_redaction', 'on', true)`.execute(tx.db);
  try {
    await tx.db
      .updateTable('case_events')
      .set({ data: JSON.stringify(data) })
      .where('id', '=', eventId)
      .execute();
  } finally {
    await sql`select set_config('otklik.chain_redaction', 'off', true)`.execute(tx.db);
  }
  const { rows } = await sql<{ d: string }>`select chain_row_digest('case_events', ${eventId}::bigint) as d`.execute(
    tx.db,
  );
  await tx.db
    .insertInto('chain_redactions')
    .values({
      source_table: 'case_events',
      source_id: eventId,
      digest: rows[0]?.d ?? '',
      reason,
      at: tx.services.clock.now(),
    })
    .execute();
}

export type VerifyResult =
  | { ok: true; verified: number; redacted: number; archived: number; pending: number }
  | { ok: false; verified: number; broken: { table: string; id: string; position: string; problem: string } };

interface LinkRow {
  position: string;
  source_table: string;
  source_id: string;
  digest: string;
  prev_hash: string;
  hash: string;
  current: string | null;
  archived: boolean;
}

/** Walks the chain from the first link: order, previous hashes, own hashes and each record's current digest. */
export async function verifyChain(db: Db): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let expected = 1n;
  let verified = 0;
  let redacted = 0;
  let archived = 0;
  for (;;) {
    const { rows } = await sql<LinkRow>`
      select l.position::text as position, l.source_table, l.source_id::text as source_id, l.digest, l.prev_hash, l.hash,
        chain_row_digest(l.source_table, l.source_id) as current,
        exists (select 1 from partition_retention r where r.table_name = l.source_table
          and r.month = date_trunc('month', l.source_at at time zone 'Europe/Moscow')::date) as archived
      from chain_links l where l.position >= ${expected.toString()}::bigint order by l.position limit ${VERIFY_BATCH}`.execute(
      db,
    );
    for (const link of rows) {
      const broken = (problem: string): VerifyResult => ({
        ok: false,
        verified,
        broken: { table: link.source_table, id: link.source_id, position: link.position, problem },
      });
      if (BigInt(link.position) !== expected) return broken(`нет звена ${expected} перед ним: звено удалено`);
      if (link.prev_hash !== prev)
        return broken('хеш предыдущего звена не совпадает: звено перед ним изменено или удалено');
      if (linkHash(link.prev_hash, link.source_table, link.source_id, link.digest) !== link.hash)
        return broken('хеш звена не совпадает с его содержимым');
      if (link.current === null && link.archived) {
        // its month was sent to the archive by retention (partition_retention); the link itself still verifies
        archived++;
        prev = link.hash;
        expected++;
        verified++;
        continue;
      }
      if (link.current === null) return broken('запись удалена');
      if (link.current !== link.digest) {
        if (!(await redactedTo(db, link.source_table, link.source_id, link.current)))
          return broken('запись изменена после запечатывания');
        redacted++;
      }
      prev = link.hash;
      expected++;
      verified++;
    }
    if (rows.length < VERIFY_BATCH) break;
  }
  const head = await db
    .selectFrom('chain_head')
    .select(['last_position', 'last_hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!head || BigInt(head.last_position) !== expected - 1n || head.last_hash !== prev) {
    return {
      ok: false,
      verified,
      broken: {
        table: 'chain_links',
        id: String(expected),
        position: String(expected),
        problem: 'конец цепочки удалён или изменён',
      },
    };
  }
  return { ok: true, verified, redacted, archived, pending: await pendingCount(db) };
}

/** A record changed on the permitted path: its latest chained redaction names exactly its current digest. */
async function redactedTo(db: Db, table: string, id: string, current: string): Promise<boolean> {
  const last = await db
    .selectFrom('chain_redactions')
    .select('digest')
    .where('source_table', '=', table)
    .where('source_id', '=', id)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last?.digest === current;
}

/** Records written but not sealed yet (the sealer reaches them within seconds). */
export async function pendingCount(db: Db): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select (select count(*) from case_events) + (select count(*) from official_documents)
      + (select count(*) from official_document_signatures) + (select count(*) from chain_redactions)
      - (select count(*) from chain_links) as n`.execute(db);
  return Math.max(0, Number(rows[0]?.n ?? 0));
}

export function describeVerification(result: VerifyResult): string[] {
  if (!result.ok) {
    const b = result.broken;
    return [
      `broken record: ${b.table} ${b.id} (звено ${b.position}): ${b.problem}`,
      `verified ${result.verified} records before it, 1 broken`,
    ];
  }
  const lines = [`verified ${result.verified} records, 0 broken`];
  if (result.redacted)
    lines.push(`из них ${result.redacted} изменены уничтожением персональных данных (записи chain_redactions)`);
  if (result.archived)
    lines.push(
      `из них ${result.archived} — в месяцах, отправленных в архив (partition_retention): проверены звенья, не записи`,
    );
  if (result.pending)
    lines.push(`ещё не запечатано: ${result.pending} (запечатает сервер в течение минуты или otklik verify --seal)`);
  return lines;
}
