import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// Ratings at scale without losing exact medians. analytics_unit_days keeps per level (organisation, municipality),
// unit and Moscow day the counts the ratings sum, and a histogram of the hours to the first answer and to the first
// final answer over fixed buckets (analytics_hours_bucket: about 6 % wide, so any period's median falls in one
// narrow bucket). A rating sums a period's days, finds from the histograms the bucket that holds the median rank and
// reads only that bucket's exact values from analytics_message_facts through an index (unit, bucket, created_at),
// so the median is the same number percentile_cont gives over all the period's messages. analytics_unit_months sums
// the days of each month, so a long period reads a row per month and unit. Counts that depend on the moment of
// asking (overdue now, due passed) are taken from the day rows whose latest deadline has passed; only days with a
// deadline still ahead are counted from the messages without a final answer (a partial index).
// The sums and histograms of a unit over a day or a month.
const SUMS = `messages integer not null, answered integer not null, final_answered integer not null, final_on_time integer not null,
      final_late integer not null, reviewed integer not null, accepted_first integer not null, returned integer not null,
      rated integer not null, rating_sum integer not null, first_buckets smallint[] not null, first_counts integer[] not null,
      final_buckets smallint[] not null, final_counts integer[] not null`;

export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    create function analytics_hours_bucket(h float8) returns smallint language sql immutable parallel safe as
      $$ select (case when h is null then null when h <= 0 then 0 else least(1 + floor(16 * ln(1 + h)), 30000) end)::smallint $$;
    alter table analytics_message_facts
      add column first_hours float8 generated always as (extract(epoch from first_at - created_at)::float8 / 3600) stored,
      add column final_hours float8 generated always as (extract(epoch from final_at - created_at)::float8 / 3600) stored,
      add column first_bucket smallint generated always as (analytics_hours_bucket(extract(epoch from first_at - created_at)::float8 / 3600)) stored,
      add column final_bucket smallint generated always as (analytics_hours_bucket(extract(epoch from final_at - created_at)::float8 / 3600)) stored;
    create index analytics_facts_org_first on analytics_message_facts (organisation_id, first_bucket, created_at) include (first_hours);
    create index analytics_facts_org_final on analytics_message_facts (organisation_id, final_bucket, created_at) include (final_hours);
    create index analytics_facts_muni_first on analytics_message_facts (municipality_id, first_bucket, created_at) include (first_hours);
    create index analytics_facts_muni_final on analytics_message_facts (municipality_id, final_bucket, created_at) include (final_hours);
    create index analytics_facts_unfinished on analytics_message_facts (created_at) include (organisation_id, municipality_id, due, status)
      where final_at is null;
    create table analytics_unit_days (
      level text not null,
      unit integer not null,
      day date not null,
      ${SUMS},
      open integer not null,
      open_due integer not null,
      open_max_due timestamptz,
      unfinished_due integer not null,
      unfinished_max_due timestamptz,
      primary key (level, day, unit)
    );
    create table analytics_unit_months (
      level text not null,
      unit integer not null,
      month date not null,
      ${SUMS},
      primary key (level, month, unit)
    );
    create function analytics_fill_unit_days(days date[]) returns void language sql as $$
      insert into analytics_unit_days (level, unit, day, messages, answered, final_answered, final_on_time, final_late, reviewed,
                                       accepted_first, returned, rated, rating_sum, first_buckets, first_counts, final_buckets, final_counts,
                                       open, open_due, open_max_due, unfinished_due, unfinished_max_due)
      with u as (
        select l.level, l.unit, f.day, f.due, f.status, f.rating, f.first_at, f.final_at, f.returned, f.accepted, f.first_bucket, f.final_bucket
        from analytics_message_facts f
        cross join lateral (values ('organisation'::text, f.organisation_id), ('municipality'::text, f.municipality_id)) l(level, unit)
        where (days is null or f.day = any(days)) and l.unit is not null
      ), c as (
        select level, unit, day, count(*)::int as messages, count(first_at)::int as answered, count(final_at)::int as final_answered,
               count(*) filter (where final_at is not null and (due is null or final_at <= due))::int as final_on_time,
               count(*) filter (where due is not null and final_at > due)::int as final_late,
               count(*) filter (where returned or accepted)::int as reviewed,
               count(*) filter (where accepted and not returned)::int as accepted_first,
               count(*) filter (where returned)::int as returned,
               count(rating)::int as rated, coalesce(sum(rating), 0)::int as rating_sum,
               count(*) filter (where final_at is null and status not in ('closed', 'rejected'))::int as open,
               count(due) filter (where final_at is null and status not in ('closed', 'rejected'))::int as open_due,
               max(due) filter (where final_at is null and status not in ('closed', 'rejected')) as open_max_due,
               count(due) filter (where final_at is null)::int as unfinished_due,
               max(due) filter (where final_at is null) as unfinished_max_due
        from u group by 1, 2, 3
      ), h as (
        select level, unit, day, kind, array_agg(b order by b) as buckets, array_agg(n order by b) as counts from (
          select level, unit, day, 'first'::text as kind, first_bucket as b, count(*)::int as n from u where first_bucket is not null group by 1, 2, 3, 4, 5
          union all
          select level, unit, day, 'final'::text, final_bucket, count(*)::int from u where final_bucket is not null group by 1, 2, 3, 4, 5
        ) x group by 1, 2, 3, 4
      )
      select c.level, c.unit, c.day, c.messages, c.answered, c.final_answered, c.final_on_time, c.final_late, c.reviewed,
             c.accepted_first, c.returned, c.rated, c.rating_sum,
             coalesce(fh.buckets, '{}'), coalesce(fh.counts, '{}'), coalesce(gh.buckets, '{}'), coalesce(gh.counts, '{}'),
             c.open, c.open_due, c.open_max_due, c.unfinished_due, c.unfinished_max_due
      from c
      left join h fh on fh.level = c.level and fh.unit = c.unit and fh.day = c.day and fh.kind = 'first'
      left join h gh on gh.level = c.level and gh.unit = c.unit and gh.day = c.day and gh.kind = 'final'
    $$;
    create function analytics_fill_unit_months(months date[]) returns void language sql as $$
      insert into analytics_unit_months (level, unit, month, messages, answered, final_answered, final_on_time, final_late, reviewed,
                                         accepted_first, returned, rated, rating_sum, first_buckets, first_counts, final_buckets, final_counts)
      with d as (
        select * from analytics_unit_days where months is null or date_trunc('month', day)::date = any(months)
      ), c as (
        select level, unit, date_trunc('month', day)::date as month, sum(messages)::int as messages, sum(answered)::int as answered,
               sum(final_answered)::int as final_answered, sum(final_on_time)::int as final_on_time, sum(final_late)::int as final_late,
               sum(reviewed)::int as reviewed, sum(accepted_first)::int as accepted_first, sum(returned)::int as returned,
               sum(rated)::int as rated, sum(rating_sum)::int as rating_sum
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
      select c.level, c.unit, c.month, c.messages, c.answered, c.final_answered, c.final_on_time, c.final_late, c.reviewed,
             c.accepted_first, c.returned, c.rated, c.rating_sum,
             coalesce(fh.buckets, '{}'), coalesce(fh.counts, '{}'), coalesce(gh.buckets, '{}'), coalesce(gh.counts, '{}')
      from c
      left join h fh on fh.level = c.level and fh.unit = c.unit and fh.month = c.month and fh.kind = 'first'
      left join h gh on gh.level = c.level and gh.unit = c.unit and gh.month = c.month and gh.kind = 'final'
    $$;
    select analytics_fill_unit_days(null);
    select analytics_fill_unit_months(null)
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    drop function analytics_fill_unit_months(date[]);
    drop function analytics_fill_unit_days(date[]);
    drop table analytics_unit_months;
    drop table analytics_unit_days;
    alter table analytics_message_facts drop column first_hours, drop column final_hours, drop column first_bucket, drop column final_bucket;
    drop function analytics_hours_bucket(float8)
  `);
}
