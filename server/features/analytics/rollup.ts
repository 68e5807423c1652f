import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { messageFactsSelect, messagesWithCases } from './message-facts';

/** Days recomputed per transaction: a large import marks years dirty, and one transaction over all of them would hold
 * the embedded database's single connection (and every sign-in behind it) for as long as the whole rebuild takes. */
export const REFRESH_CHUNK_DAYS = 7;
const ROLLUP_LOCK = 7_411_002; // an arbitrary advisory-lock key of the rollup refresh

/**
 * Brings analytics_daily (and its per-dimension sums, analytics_daily_dim), the per-message facts and the per-unit
 * day sums of the ratings (analytics_unit_days) up to date: the days that triggers marked dirty are recomputed from
 * the raw tables, a few weeks per transaction, oldest first, until none is left. Cheap when nothing changed (one
 * indexed probe). Safe to run concurrently: a day marked again while a refresh runs stays marked for the next one.
 * Returns the number of days recomputed.
 */
export async function refreshRollups(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await refreshChunk(db);
    if (!done) return total;
    total += done;
  }
}

async function refreshChunk(db: Db): Promise<number> {
  const probe = await sql<{ day: string }>`select day::text as day from analytics_dirty_days limit 1`.execute(db);
  if (!probe.rows.length) return 0;
  return db.transaction().execute(async (trx) => {
    // one refresh at a time (app nodes included): a month's sums are rebuilt from its days, so two chunks of the same
    // month committed concurrently could each miss the other's days
    await sql`select pg_advisory_xact_lock(${ROLLUP_LOCK})`.execute(trx);
    const dirty = await sql<{ day: string }>`delete from analytics_dirty_days where day in (
        select day from analytics_dirty_days order by day limit ${REFRESH_CHUNK_DAYS})
      returning day::text as day`.execute(trx);
    const days = dirty.rows.map((r) => r.day);
    if (!days.length) return 0;
    await sql`delete from analytics_daily where day = any(${days}::date[])`.execute(trx);
    await sql`delete from analytics_message_facts where day = any(${days}::date[])`.execute(trx);
    // the chunk's messages and their cases are read once, for both the day sums and the message facts
    await sql`
      with m as materialized (${messagesWithCases(sql`${days}::date[]`)}),
      facts as (
        insert into analytics_message_facts (message_id, day, created_at, organisation_id, municipality_id, due, status,
                                             rating, first_at, final_at, returned, accepted)
        ${messageFactsSelect(sql`m`, sql`true`, { cases: 'carried' })}
      )
      insert into analytics_daily (day, organisation_id, municipality_id, block_code, category_code, channel,
                                   messages, answered, final_answered, answered_late, rated, rating_sum, repeats)
      select (m.created_at at time zone 'Europe/Moscow')::date, coalesce(m.organisation_id, 0),
             coalesce(m.municipality_id, 0), coalesce(m.block_code, ''), coalesce(m.category_code, ''), m.channel,
             count(*), count(m.first_response_at), count(m.final_answer_at),
             count(*) filter (where m.final_answer_at > m.final_answer_due_at),
             count(m.rating), coalesce(sum(m.rating), 0), count(*) filter (where m.is_duplicate)
      from m
      group by 1, 2, 3, 4, 5, 6`.execute(trx);
    await sql`delete from analytics_unit_days where day = any(${days}::date[])`.execute(trx);
    await sql`select analytics_fill_unit_days(${days}::date[])`.execute(trx);
    const months = [...new Set(days.map((d) => `${d.slice(0, 7)}-01`))];
    await sql`delete from analytics_unit_months where month = any(${months}::date[])`.execute(trx);
    await sql`select analytics_fill_unit_months(${months}::date[])`.execute(trx);
    await sql`delete from analytics_daily_dim where day = any(${days}::date[])`.execute(trx);
    await sql`
      insert into analytics_daily_dim (dim, day, key, messages, answered, final_answered, answered_late, rated, rating_sum, repeats)
      select d.dim, a.day, d.key, sum(messages), sum(answered), sum(final_answered), sum(answered_late), sum(rated), sum(rating_sum), sum(repeats)
      from analytics_daily a
      cross join lateral (values ('block', a.block_code), ('category', a.block_code || '.' || a.category_code),
        ('municipality', a.municipality_id::text), ('organisation', a.organisation_id::text), ('channel', a.channel)) d(dim, key)
      where a.day = any(${days}::date[])
      group by 1, 2, 3`.execute(trx);
    return days.length;
  });
}
