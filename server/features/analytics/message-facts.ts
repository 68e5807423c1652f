import { sql, type RawBuilder } from 'kysely';

/**
 * One row per message with what the ratings need: its case's organisation, municipality, deadline, status and rating,
 * the first published answer (what the citizen actually received; imported history counts as published) and the first final answer not returned by
 * quality control, and whether quality control returned or accepted
 * an answer. A message joined to an existing case counts only the answers given after it arrived. `where` filters
 * messages `m` (the caller joins more tables before it if needed). Each message's case: `cases: 'byKey'` reads it by
 * the primary key (see casesOfMessages) — for a few thousand messages; `'carried'`: the rows `m` already carry their
 * case's columns (see messagesWithCases); by default the planner chooses how to join (a period's worth).
 */
export function messageFactsSelect(
  from: RawBuilder<unknown>,
  where: RawBuilder<unknown>,
  options: { cases?: 'byKey' | 'carried' } = {},
): RawBuilder<unknown> {
  const c = sql.raw(options.cases === 'carried' ? 'm' : 'c');
  const joinCases = {
    byKey: casesOfMessages,
    carried: sql``,
    join: sql`join cases c on c.id = m.case_id`,
  }[options.cases ?? 'join'];
  return sql`
    select m.id as message_id, (m.created_at at time zone 'Europe/Moscow')::date as day, m.created_at,
           ${c}.organisation_id, ${c}.municipality_id, ${c}.final_answer_due_at as due, ${c}.status, ${c}.rating,
           fa.first_at, fa.final_at, coalesce(fa.returned, false) as returned, coalesce(fa.accepted, false) as accepted
    from ${from}
    ${joinCases}
    left join lateral (
      select min(coalesce(a.published_at, case when a.review_status = 'imported' then a.created_at end)) as first_at,
             min(a.created_at) filter (where a.kind = 'final' and a.review_status <> 'returned') as final_at,
             bool_or(a.review_status = 'returned') as returned,
             bool_or(a.review_status = 'accepted') as accepted
      from answers a
      where a.case_id = m.case_id and (not m.is_duplicate or a.created_at >= m.created_at)
    ) fa on true
    where ${where}`;
}

/**
 * Joins each message `m` to its case `c` by the primary key, one probe per message. Left to itself the planner cannot
 * tell how many messages a day range holds and hashes the whole cases table for every few thousand messages, so a
 * rebuild of the rollups grew with the square of the history. (`offset 0` keeps the subquery from being flattened
 * back into an ordinary join.)
 */
const CASE_COLUMNS = sql`c.organisation_id, c.municipality_id, c.block_code, c.category_code, c.status, c.rating,
           c.first_response_at, c.final_answer_at, c.final_answer_due_at`;
const casesOfMessages = sql`cross join lateral (select c.id, ${CASE_COLUMNS} from cases c where c.id = m.case_id offset 0) c`;

/**
 * The messages of a set of days (`days`: a date[] parameter, Moscow days), each with its case's columns read by the
 * primary key: one row per message, for a chunk of the rollup build to read once and write both the day sums and the
 * message facts from (messageFactsSelect with `cases: 'carried'`).
 */
export const messagesWithCases = (days: RawBuilder<unknown>): RawBuilder<unknown> => sql`
    select m.id, m.created_at, m.channel, m.is_duplicate, m.case_id, ${CASE_COLUMNS}
    from unnest(${days}) d(day)
    join messages m on m.created_at >= d.day::timestamp at time zone 'Europe/Moscow'
                   and m.created_at < (d.day + 1)::timestamp at time zone 'Europe/Moscow'
    ${casesOfMessages}`;
