import { sql, type Kysely } from 'kysely';

// The per-day counters of migration 0040, summed by month as well: a question over whole months (all time, above all)
// reads a row per month, facet and value instead of every day's. The fold (case_counts_compact) adds the rows the
// triggers wrote since the last fold to their month in the same statement that folds them by day, under a lock, so
// a month holds exactly the folded rows of its days; the rows not folded yet are read from the days' table.
// A bulk load also leaves the days' table full of dead rows that a scan over every day would still read.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table case_counts_monthly (
    month date not null,
    facet text not null,
    key text not null,
    n bigint not null,
    primary key (month, facet, key))`.execute(db);
  await sql`insert into case_counts_monthly (month, facet, key, n)
    select date_trunc('month', day)::date, facet, key, sum(n) from case_counts where compacted
    group by 1, 2, 3 having sum(n) <> 0`.execute(db);
  await sql`create or replace function case_counts_compact() returns void language plpgsql as $$
    begin
      perform pg_advisory_xact_lock(hashtext('otklik:case_counts_compact'));
      with fresh as (select day, facet, key, n from case_counts where not compacted),
      monthly as (
        insert into case_counts_monthly (month, facet, key, n)
        select date_trunc('month', day)::date, facet, key, sum(n) from fresh group by 1, 2, 3 having sum(n) <> 0
        on conflict (month, facet, key) do update set n = case_counts_monthly.n + excluded.n
      ),
      moved as (delete from case_counts where day in (select distinct day from fresh) returning day, facet, key, n)
      insert into case_counts (day, facet, key, n, compacted)
      select day, facet, key, sum(n), true from moved group by day, facet, key having sum(n) <> 0;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function case_counts_compact()`.execute(db);
  await sql`create function case_counts_compact() returns void language sql as $$
    with days as (select distinct day from case_counts where not compacted),
    moved as (delete from case_counts where day in (select day from days) returning day, facet, key, n)
    insert into case_counts (day, facet, key, n, compacted)
    select day, facet, key, sum(n), true from moved group by day, facet, key having sum(n) <> 0
  $$`.execute(db);
  await sql`drop table case_counts_monthly`.execute(db);
}
