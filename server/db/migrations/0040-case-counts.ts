import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// The inbox's and the dashboard's counts at a million cases. case_counts holds, per Moscow day of arrival, how many
// cases (not merged into another) have each value of each filter: block, category, municipality, organisation,
// channel, status, priority, «гражданин ответил», «ждёт окончательного ответа» and the total. Statement triggers on
// cases write the change of every statement as new rows (the sum of -1 for the old rows and +1 for the new ones per
// day and value, zero sums left out), so writers never wait for one another on a counter row; a background pass
// (case_counts_compact) folds a day's rows into one per value. A count is the sum of its rows over the period's days.
// Also indexes for the deadline states still ahead and for the dashboard map's newest located cases.

const DAY = `(c.created_at at time zone 'Europe/Moscow')::date`;
const COLUMNS = `created_at, merged_into_id, block_code, category_code, municipality_id, organisation_id, channel, status,
  priority, citizen_replied_at, final_answer_at, final_answer_due_at`;

/** The (day, facet, key, n) rows of a set of case rows `source`, each row carrying its sign s. */
function deltas(source: string, compacted: boolean): string {
  return `insert into case_counts (day, facet, key, n, compacted)
    select day, facet, key, sum(s), ${compacted} from (
      select ${DAY} as day, k.facet, k.key, c.s
      from (${source}) c
      cross join lateral (values
        ('total', ''),
        ('block', c.block_code),
        ('category', c.block_code || '.' || c.category_code),
        ('municipality', c.municipality_id::text),
        ('organisation', c.organisation_id::text),
        ('channel', c.channel),
        ('status', c.status),
        ('priority', c.priority),
        ('citizenReplied', case when c.citizen_replied_at is not null then 'true' end),
        ('awaiting', case when c.final_answer_at is null and c.status not in ('closed', 'rejected')
          and c.final_answer_due_at is not null then 'true' end)
      ) as k(facet, key)
      where c.merged_into_id is null and k.key is not null
    ) x
    group by day, facet, key
    having sum(s) <> 0`;
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table case_counts (
    day date not null,
    facet text not null,
    key text not null,
    n bigint not null,
    compacted boolean not null default false)`.execute(db);
  await sql`create index case_counts_day on case_counts (day, facet)`.execute(db);
  await sql`create index case_counts_fresh on case_counts (day) where not compacted`.execute(db);
  // the deadline states of the cases whose final-answer deadline is still ahead, from the index alone
  await sql`create index cases_awaiting_due on cases (final_answer_due_at) include (created_at)
    where final_answer_at is null and status not in ('closed', 'rejected') and merged_into_id is null`.execute(db);
  // the dashboard map's newest located cases: without it the newest-first walk reads every case without a place
  await sql`create index cases_located_created on cases (created_at, id) where lat is not null and lon is not null`.execute(
    db,
  );
  await sql
    .raw(deltas(`select 1 as s, ${COLUMNS} from cases`, true))
    .execute(db);
  const body = (op: string, source: string) => `create function case_counts_${op}() returns trigger language plpgsql as $$
    begin
      ${deltas(source, false)};
      return null;
    end $$`;
  await sql.raw(body('insert', `select 1 as s, ${COLUMNS} from case_counts_new`)).execute(db);
  await sql
    .raw(
      body(
        'update',
        `select -1 as s, ${COLUMNS} from case_counts_old union all select 1 as s, ${COLUMNS} from case_counts_new`,
      ),
    )
    .execute(db);
  await sql.raw(body('delete', `select -1 as s, ${COLUMNS} from case_counts_old`)).execute(db);
  await sql`create trigger case_counts_insert after insert on cases referencing new table as case_counts_new
    for each statement execute function case_counts_insert()`.execute(db);
  await sql`create trigger case_counts_update after update on cases
    referencing old table as case_counts_old new table as case_counts_new
    for each statement execute function case_counts_update()`.execute(db);
  await sql`create trigger case_counts_delete after delete on cases referencing old table as case_counts_old
    for each statement execute function case_counts_delete()`.execute(db);
  // One row per day, facet and value for the days that have new rows. Rows written meanwhile by transactions this
  // statement does not see stay as they are, for the next pass; the sums never change.
  await sql`create function case_counts_compact() returns void language sql as $$
    with days as (select distinct day from case_counts where not compacted),
    moved as (delete from case_counts where day in (select day from days) returning day, facet, key, n)
    insert into case_counts (day, facet, key, n, compacted)
    select day, facet, key, sum(n), true from moved group by day, facet, key having sum(n) <> 0
  $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const op of ['insert', 'update', 'delete']) {
    await sql.raw(`drop trigger case_counts_${op} on cases`).execute(db);
    await sql.raw(`drop function case_counts_${op}()`).execute(db);
  }
  await sql`drop function case_counts_compact()`.execute(db);
  await sql`drop table case_counts`.execute(db);
  await sql`drop index cases_located_created`.execute(db);
  await sql`drop index cases_awaiting_due`.execute(db);
}
