import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// Ratings at scale without losing exact medians. analytics_unit_days keeps per level (organisation, municipality),
// unit and Moscow day the counts the ratings sum, and a histogram of the hours to the first answer and to the first
// final answer over fixed buckets (analytics_hours_bucket: about 6 % wide, so any period's median falls in one
// narrow bucket). A rating sums a period's days, finds from the histograms the bucket that holds the median rank and
// reads only that bucket's exact values from analytics_message_facts through an index (unit, bucket, created_at),
// so the median is the same number percentile_cont gives over all the period's messages. Counts that depend on the
// moment of asking (overdue now, open) come from the messages still without a final answer (a partial index).
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
      messages integer not null,
      answered integer not null,
      final_answered integer not null,
      final_on_time integer not null,
      final_late integer not null,
      reviewed integer not null,
      accepted_first integer not null,
      returned integer not null,
      rated integer not null,
      rating_sum integer not null,
      first_buckets smallint[] not null,
      first_counts integer[] not null,
      final_buckets smallint[] not null,
      final_counts integer[] not null,
      primary key (level, day, unit)
    );
    create function analytics_fill_unit_days(days date[]) returns void language sql as $$
      insert into analytics_unit_days (level, unit, day, messages, answered, final_answered, final_on_time, final_late, reviewed,
                                       accepted_first, returned, rated, rating_sum, first_buckets, first_counts, final_buckets, final_counts)
      with u as (
        select l.level, l.unit, f.day, f.due, f.rating, f.first_at, f.final_at, f.returned, f.accepted, f.first_bucket, f.final_bucket
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
               count(rating)::int as rated, coalesce(sum(rating), 0)::int as rating_sum
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
             coalesce(fh.buckets, '{}'), coalesce(fh.counts, '{}'), coalesce(gh.buckets, '{}'), coalesce(gh.counts, '{}')
      from c
      left join h fh on fh.level = c.level and fh.unit = c.unit and fh.day = c.day and fh.kind = 'first'
      left join h gh on gh.level = c.level and gh.unit = c.unit and gh.day = c.day and gh.kind = 'final'
    $$;
    select analytics_fill_unit_days(null)
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    drop function analytics_fill_unit_days(date[]);
    drop table analytics_unit_days;
    alter table analytics_message_facts drop column first_hours, drop column final_hours, drop column first_bucket, drop column final_bucket;
    drop function analytics_hours_bucket(float8)
  `);
}
