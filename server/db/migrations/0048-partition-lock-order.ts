import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// otklik_month_partition (0047) took the tables its foreign keys point at (cases, …) last: creating the partition
// clones the foreign keys and adds their triggers there under SHARE ROW EXCLUSIVE. A message's statement, which
// holds cases and waits for the table being partitioned, then deadlocked with it — one of the two failed, often the
// message. Now the function takes those tables first, before it touches the partitioned table: it waits for the
// writes in flight to finish, new writes wait for it, and neither holds what the other needs.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
    create or replace function otklik_month_partition(p_table text, p_month date) returns boolean language plpgsql as $$
    declare
      v_month date := date_trunc('month', p_month)::date;
      v_name text := format('%s_p%s', p_table, to_char(date_trunc('month', p_month), 'YYYY_MM'));
      v_default text := p_table || '_p_default';
      v_key text;
      v_lo timestamptz := v_month::timestamp at time zone 'Europe/Moscow';
      v_hi timestamptz := (v_month + interval '1 month')::timestamp at time zone 'Europe/Moscow';
      v_moved bigint;
      v_referenced text;
    begin
      if to_regclass(v_name) is not null then return false; end if;
      -- app nodes may run this at the same time: one creates the month, the others find it
      perform pg_advisory_xact_lock(7411047);
      if to_regclass(v_name) is not null then return false; end if;
      if exists (select 1 from partition_retention r where r.table_name = p_table and r.month = v_month) then
        raise exception 'месяц % таблицы % уже отправлен в архив', to_char(v_month, 'YYYY-MM'), p_table;
      end if;
      select key_column into strict v_key from partition_policies where table_name = p_table;
      for v_referenced in
        select distinct c.confrelid::regclass::text from pg_constraint c
        where c.conrelid = p_table::regclass and c.contype = 'f' and c.confrelid <> c.conrelid order by 1
      loop
        execute format('lock table %s in share row exclusive mode', v_referenced);
      end loop;
      -- rows of that month already in the default partition move into the new one (a partition cannot be created
      -- while the default one holds rows of its range)
      perform set_config('otklik.partition_move', 'on', true);
      execute format('create temporary table otklik_moving (like %I) on commit drop', v_default);
      execute format('with moved as (delete from %I where %I >= %L and %I < %L returning *) insert into otklik_moving select * from moved',
        v_default, v_key, v_lo, v_key, v_hi);
      get diagnostics v_moved = row_count;
      execute format('create table %I partition of %I for values from (%L) to (%L)', v_name, p_table, v_lo, v_hi);
      if v_moved > 0 then
        execute format('insert into %I select * from otklik_moving', v_name);
      end if;
      drop table otklik_moving;
      perform set_config('otklik.partition_move', 'off', true);
      return true;
    end $$`).execute(db);
}

export async function down(): Promise<void> {
  // the function of 0047 differs only in the order of its locks; keeping this one is harmless
}
