// The figures of the ratings, defined once. Each is an SQL expression over one message's facts — the columns of
// analytics_message_facts, which messageFactsSelect (features/analytics/message-facts.ts) also produces from the raw
// tables. The rollup functions below are generated from these lists and the raw path of the ratings
// (features/analytics/ratings.ts) aggregates with the same lists, so a figure changes in one place: the next start
// replaces the functions (see ./index.ts) and marks every day for recomputation.

/** Predicates over one message's facts. */
export const FACT = {
  /** Still waiting for a final answer, and the case neither closed nor rejected. */
  open: `final_at is null and status not in ('closed', 'rejected')`,
  finalOnTime: `final_at is not null and (due is null or final_at <= due)`,
  finalLate: `due is not null and final_at > due`,
  reviewed: `returned or accepted`,
  acceptedFirst: `accepted and not returned`,
} as const;

/** The additive sums of a unit over a set of messages: column of analytics_unit_days/months → aggregate. */
export const UNIT_SUMS = [
  ['messages', 'count(*)'],
  ['answered', 'count(first_at)'],
  ['final_answered', 'count(final_at)'],
  ['final_on_time', `count(*) filter (where ${FACT.finalOnTime})`],
  ['final_late', `count(*) filter (where ${FACT.finalLate})`],
  ['reviewed', `count(*) filter (where ${FACT.reviewed})`],
  ['accepted_first', `count(*) filter (where ${FACT.acceptedFirst})`],
  ['returned', 'count(*) filter (where returned)'],
  ['rated', 'count(rating)'],
  ['rating_sum', 'coalesce(sum(rating), 0)'],
] as const;

/** What a day row keeps so that counts depending on the moment of asking can be read later without the messages. */
export const DAY_OPEN_SUMS = [
  ['open', `count(*) filter (where ${FACT.open})`],
  ['open_due', `count(due) filter (where ${FACT.open})`],
  ['open_max_due', `max(due) filter (where ${FACT.open})`],
  ['unfinished_due', 'count(due) filter (where final_at is null)'],
  ['unfinished_max_due', 'max(due) filter (where final_at is null)'],
] as const;

/** The counts that depend on the moment of asking, over messages' facts; `now` is an SQL expression or parameter. */
export function nowDependentCounts(now: string): string {
  return `count(*) filter (where ${FACT.open}) as open,
    count(*) filter (where ${FACT.open} and due < ${now}) as overdue_open,
    count(*) filter (where final_at is null and due < ${now}) as due_passed`;
}

const columns = (list: readonly (readonly [string, string])[]): string => list.map(([c]) => c).join(', ');
const castSums = (list: readonly (readonly [string, string])[]): string =>
  list.map(([c, agg]) => `${agg.startsWith('max(') ? agg : `(${agg})::int`} as ${c}`).join(',\n               ');

/** analytics_fill_unit_days(days): the per-unit day rows of the given Moscow days (all when null) from the facts. */
export const FILL_UNIT_DAYS = `create or replace function analytics_fill_unit_days(days date[]) returns void language sql as $$
      insert into analytics_unit_days (level, unit, day, ${columns(UNIT_SUMS)}, first_buckets, first_counts, final_buckets, final_counts,
                                       ${columns(DAY_OPEN_SUMS)})
      with u as (
        select l.level, l.unit, f.day, f.due, f.status, f.rating, f.first_at, f.final_at, f.returned, f.accepted, f.first_bucket, f.final_bucket
        from analytics_message_facts f
        cross join lateral (values ('organisation'::text, f.organisation_id), ('municipality'::text, f.municipality_id)) l(level, unit)
        where (days is null or f.day = any(days)) and l.unit is not null
      ), c as (
        select level, unit, day,
               ${castSums([...UNIT_SUMS, ...DAY_OPEN_SUMS])}
        from u group by 1, 2, 3
      ), h as (
        select level, unit, day, kind, array_agg(b order by b) as buckets, array_agg(n order by b) as counts from (
          select level, unit, day, 'first'::text as kind, first_bucket as b, count(*)::int as n from u where first_bucket is not null group by 1, 2, 3, 4, 5
          union all
          select level, unit, day, 'final'::text, final_bucket, count(*)::int from u where final_bucket is not null group by 1, 2, 3, 4, 5
        ) x group by 1, 2, 3, 4
      )
      select c.level, c.unit, c.day, ${UNIT_SUMS.map(([col]) => `c.${col}`).join(', ')},
             coalesce(fh.buckets, '{}'), coalesce(fh.counts, '{}'), coalesce(gh.buckets, '{}'), coalesce(gh.counts, '{}'),
             ${DAY_OPEN_SUMS.map(([col]) => `c.${col}`).join(', ')}
      from c
      left join h fh on fh.level = c.level and fh.unit = c.unit and fh.day = c.day and fh.kind = 'first'
      left join h gh on gh.level = c.level and gh.unit = c.unit and gh.day = c.day and gh.kind = 'final'
    $$`;

/** analytics_fill_unit_months(months): the month rows summed from the day rows of the given months (all when null). */
export const FILL_UNIT_MONTHS = `create or replace function analytics_fill_unit_months(months date[]) returns void language sql as $$
      insert into analytics_unit_months (level, unit, month, ${columns(UNIT_SUMS)}, first_buckets, first_counts, final_buckets, final_counts)
      with d as (
        select * from analytics_unit_days where months is null or date_trunc('month', day)::date = any(months)
      ), c as (
        select level, unit, date_trunc('month', day)::date as month,
               ${UNIT_SUMS.map(([col]) => `sum(${col})::int as ${col}`).join(', ')}
        from d group by 1, 2, 3
      ), h as (
        select level, unit, month, kind, array_agg(b order by b) as buckets, array_agg(n order by b) as counts from (
          select level, unit, date_trunc('month', day)::date as month, 'first'::text as kind, x.b, sum(x.n)::int as n
          from d, unnest(d.first_buckets, d.first_counts) as x(b, n) group by 1, 2, 3, 4, 5
          union all
          select level, unit, date_trunc('month', day)::date, 'final'::text, x.b, sum(x.n)::int
          from d, unnest(d.final_buckets, d.final_counts) as x(b, n) group by 1, 2, 3, 4, 5
        ) y group by 1, 2, 3, 4
      )
      select c.level, c.unit, c.month, ${UNIT_SUMS.map(([col]) => `c.${col}`).join(', ')},
             coalesce(fh.buckets, '{}'), coalesce(fh.counts, '{}'), coalesce(gh.buckets, '{}'), coalesce(gh.counts, '{}')
      from c
      left join h fh on fh.level = c.level and fh.unit = c.unit and fh.month = c.month and fh.kind = 'first'
      left join h gh on gh.level = c.level and gh.unit = c.unit and gh.month = c.month and gh.kind = 'final'
    $$`;
