import { sql, type RawBuilder } from 'kysely';

/**
 * One row per message with what the ratings need: its case's organisation, municipality, deadline, status and rating,
 * the first published answer (what the citizen actually received; imported history counts as published) and the first final answer not returned by
 * quality control, and whether quality control returned or accepted
 * an answer. A message joined to an existing case counts only the answers given after it arrived. `where` filters
 * messages `m` (the caller joins more tables before it if needed).
 */
export function messageFactsSelect(from: RawBuilder<unknown>, where: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    select m.id as message_id, (m.created_at at time zone 'Europe/Moscow')::date as day, m.created_at,
           c.organisation_id, c.municipality_id, c.final_answer_due_at as due, c.status, c.rating,
           fa.first_at, fa.final_at, coalesce(fa.returned, false) as returned, coalesce(fa.accepted, false) as accepted
    from ${from}
    join cases c on c.id = m.case_id
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
