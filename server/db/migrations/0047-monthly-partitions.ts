import { sql, type Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// The three tables that grow with every message — messages, the case history (case_events) and the outbox — become
// partitioned by month (Moscow months) of their own time: messages.created_at, case_events.at, outbox.created_at.
// Each has a partition per month plus a default partition, so a row of any date is always stored; a month's
// partition is created ahead of time by the maintenance job (and by an import for the months it brings), and
// otklik_month_partition() moves a month's rows out of the default partition when it creates that month.
// A unique key that does not contain the partition key cannot be enforced by a partitioned table, so the global keys
// live in small key tables:
// - message_keys (channel, external_id) → message_id: written by a statement trigger after every insert into
//   messages (or first, by the intake function, which needs ON CONFLICT). A row whose key belongs to another
//   message fails with unique_violation, as the unique index of messages did. The tables that pointed at
//   messages(id) now point at message_keys(message_id); keys stay when a month is detached, so a message sent again
//   after its month went to the archive is still recognised.
// - outbox_keys (idempotency_key): written by enqueue; a deleted job frees its key (a statement trigger).
// Retention detaches whole months (otklik partitions detach): partition_retention records each, and the chain of
// hashes keeps the time of each sealed case event (chain_links.source_at), so its verification can tell an archived
// event from a deleted one.
const TABLES = [
  { table: 'messages', key: 'created_at' },
  { table: 'case_events', key: 'at' },
  { table: 'outbox', key: 'created_at' },
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    create table partition_policies (
      table_name text primary key,
      key_column text not null,
      months_ahead integer not null default 3
    );
    insert into partition_policies (table_name, key_column) values ('messages', 'created_at'), ('case_events', 'at'), ('outbox', 'created_at');
    create table partition_retention (
      id bigint generated always as identity primary key,
      table_name text not null,
      partition_name text not null,
      month date not null,
      rows bigint not null,
      action text not null check (action in ('detached', 'dropped')),
      archived_as text,
      at timestamptz not null default now(),
      actor text not null
    );
    create index partition_retention_month on partition_retention (table_name, month)
  `);
  await sql.raw(`
    create function otklik_month_partition(p_table text, p_month date) returns boolean language plpgsql as $$
    declare
      v_month date := date_trunc('month', p_month)::date;
      v_name text := format('%s_p%s', p_table, to_char(date_trunc('month', p_month), 'YYYY_MM'));
      v_default text := p_table || '_p_default';
      v_key text;
      v_lo timestamptz := v_month::timestamp at time zone 'Europe/Moscow';
      v_hi timestamptz := (v_month + interval '1 month')::timestamp at time zone 'Europe/Moscow';
      v_moved bigint;
    begin
      if to_regclass(v_name) is not null then return false; end if;
      -- app nodes may run this at the same time: one creates the month, the others find it
      perform pg_advisory_xact_lock(7411047);
      if to_regclass(v_name) is not null then return false; end if;
      if exists (select 1 from partition_retention r where r.table_name = p_table and r.month = v_month) then
        raise exception 'месяц % таблицы % уже отправлен в архив', to_char(v_month, 'YYYY-MM'), p_table;
      end if;
      select key_column into strict v_key from partition_policies where table_name = p_table;
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
  // The chain's guard refuses deletes; a move between partitions (same rows, same values) is let through.
  await sql.raw(`
    create or replace function chain_refuse_change() returns trigger language plpgsql as $$
    declare
      v_table text := case when tg_table_name like 'case\\_events\\_p%' then 'case_events' else tg_table_name end;
    begin
      if tg_op = 'DELETE' and coalesce(current_setting('otklik.partition_move', true), '') = 'on' then
        return old;
      end if;
      if v_table = 'case_events' then
        if tg_op = 'UPDATE' and coalesce(current_setting('otklik.chain_redaction', true), '') = 'on'
          and new.id = old.id and new.case_id = old.case_id and new.at = old.at and new.type = old.type
          and new.actor_user_id is not distinct from old.actor_user_id and new.actor_label is not distinct from old.actor_label then
          return new;
        end if;
      end if;
      raise exception 'запись % в % неизменна: она входит в цепочку хешей', old.id, v_table;
    end $$`).execute(db);
  // Sealing a case event also keeps its time in the link (see above).
  await sql.raw(`
    create or replace function chain_seal(max_rows integer, recent_margin bigint) returns integer language plpgsql as $$
    declare
      v_pos bigint; v_prev text; v_digest text; v_sealed integer := 0; v_table text; v_rec record; v_from bigint;
    begin
      select last_position, last_hash into v_pos, v_prev from chain_head where id = 1 for update;
      foreach v_table in array array['case_events', 'official_documents', 'official_document_signatures', 'chain_redactions'] loop
        exit when v_sealed >= max_rows;
        v_from := 0;
        if recent_margin is not null then
          select coalesce(max(source_id), 0) - recent_margin into v_from from chain_links where source_table = v_table;
        end if;
        for v_rec in execute format(
          'select x.id, %s as at from %I x where x.id > %s and not exists (select 1 from chain_links l where l.source_table = %L and l.source_id = x.id) order by x.id limit %s',
          case when v_table = 'case_events' then 'x.at' else 'null::timestamptz' end, v_table, v_from, v_table, max_rows - v_sealed) loop
          v_digest := chain_row_digest(v_table, v_rec.id);
          v_pos := v_pos + 1;
          insert into chain_links (position, source_table, source_id, source_at, digest, prev_hash, hash)
            values (v_pos, v_table, v_rec.id, v_rec.at, v_digest, v_prev,
              encode(sha256(convert_to(v_prev || '|' || v_table || '|' || v_rec.id || '|' || v_digest, 'UTF8')), 'hex'))
            returning hash into v_prev;
          v_sealed := v_sealed + 1;
        end loop;
      end loop;
      update chain_head set last_position = v_pos, last_hash = v_prev where id = 1;
      return v_sealed;
    end $$`).execute(db);

  for (const spec of TABLES) await partitionTable(db, spec.table, spec.key);

  await runSql(db, `
    create table message_keys (
      channel text not null,
      external_id text not null,
      message_id bigint not null unique,
      case_id bigint not null,
      created_at timestamptz not null,
      primary key (channel, external_id)
    );
    insert into message_keys (channel, external_id, message_id, case_id, created_at) select channel, external_id, id, case_id, created_at from messages;
    create index message_keys_case on message_keys (case_id, created_at);
    create table outbox_keys (
      idempotency_key text primary key,
      created_at timestamptz not null
    );
    insert into outbox_keys (idempotency_key, created_at) select idempotency_key, created_at from outbox where idempotency_key is not null;
    alter table chain_links add column source_at timestamptz;
    alter table chain_links disable trigger chain_links_no_change;
    update chain_links l set source_at = e.at from case_events e where l.source_table = 'case_events' and e.id = l.source_id;
    alter table chain_links enable trigger chain_links_no_change
  `);
  await sql.raw(`
    create function message_keys_record() returns trigger language plpgsql as $$
    begin
      insert into message_keys (channel, external_id, message_id, case_id, created_at)
        select n.channel, n.external_id, n.id, n.case_id, n.created_at from new_rows n
        on conflict (channel, external_id) do nothing;
      -- each probe by the primary key (offset 0 keeps the planner from hashing the whole key table)
      if exists (select 1 from new_rows n cross join lateral (
          select k.message_id from message_keys k where k.channel = n.channel and k.external_id = n.external_id offset 0) k
          where k.message_id <> n.id) then
        raise exception using errcode = 'unique_violation', constraint = 'message_keys_pkey',
          message = 'повторяющееся значение ключа нарушает ограничение уникальности "message_keys_pkey": такое сообщение (канал, внешний номер) уже сохранено';
      end if;
      return null;
    end $$`).execute(db);
  // A deleted row frees its key (not when otklik_month_partition moves rows between partitions).
  for (const [table, keys, match] of [
    ['messages', 'message_keys', 'k.message_id = o.id'],
    ['outbox', 'outbox_keys', 'k.idempotency_key = o.idempotency_key'],
  ] as const) {
    await sql.raw(`
      create function ${keys}_forget() returns trigger language plpgsql as $$
      begin
        if coalesce(current_setting('otklik.partition_move', true), '') <> 'on' then
          delete from ${keys} k using old_rows o where ${match};
        end if;
        return null;
      end $$`).execute(db);
    await sql.raw(`create trigger ${table}_keys_forget after delete on ${table} referencing old table as old_rows for each statement execute function ${keys}_forget()`).execute(db);
  }
  await sql.raw('create trigger messages_keys after insert on messages referencing new table as new_rows for each statement execute function message_keys_record()').execute(db);
  // A message moved to another case (merge, split) takes its key along: the key table answers "which days does this
  // case's rollup touch" without probing every month of messages (the analytics triggers below).
  await sql.raw(`
    create function message_keys_follow() returns trigger language plpgsql as $$
    declare r record;
    begin
      for r in select n.id, n.case_id from new_rows n join old_rows o on o.id = n.id where o.case_id <> n.case_id loop
        update message_keys set case_id = r.case_id where message_id = r.id;
      end loop;
      return null;
    end $$`).execute(db);
  await sql.raw('create trigger messages_keys_follow after update on messages referencing old table as old_rows new table as new_rows for each statement execute function message_keys_follow()').execute(db);
  // The rollups' dirty days of a case's messages, read from the key table (one index probe per case instead of one per
  // month); days of months sent to the archive are not marked (their sums stay as they were).
  for (const [name, cases] of [
    ['analytics_mark_cases', '(select distinct n.case_id from new_rows n) k'],
    ['analytics_mark_case_rows', '(select n.id as case_id from new_rows n) k'],
  ] as const) {
    await sql.raw(`
      create or replace function ${name}() returns trigger language plpgsql as $$
      begin
        insert into analytics_dirty_days (day)
        select distinct (m.created_at at time zone 'Europe/Moscow')::date
        from ${cases} cross join lateral (select m.created_at from message_keys m where m.case_id = k.case_id offset 0) m
        where not exists (select 1 from partition_retention r where r.table_name = 'messages'
          and r.month = date_trunc('month', m.created_at at time zone 'Europe/Moscow')::date)
        on conflict do nothing;
        return null;
      end $$`).execute(db);
  }
  // the tables that pointed at messages(id) point at its key table
  for (const [table, column, action] of [
    ['widget_submissions', 'message_id', ''],
    ['deliveries', 'message_id', ' on delete cascade'],
    ['email_outgoing', 'in_reply_to_message_id', ''],
    ['attachments', 'message_id', ''],
  ] as const) {
    await sql.raw(`alter table ${table} add constraint ${table}_${column}_fkey foreign key (${column}) references message_keys(message_id)${action}`).execute(db);
  }
}

/**
 * Rebuilds `table` as a table partitioned by month of `key`: same columns, defaults (its id sequence moves with it),
 * checks, indexes, triggers and foreign keys; the primary key becomes (id, key); a unique key other than the primary
 * one is dropped (its key table replaces it). Partitions: every month from the oldest row (at most 25 years back)
 * to three months ahead, and the default partition.
 */
async function partitionTable(db: Kysely<any>, table: string, key: string): Promise<void> {
  const text = async (query: string): Promise<string[]> =>
    (await sql.raw<{ d: string }>(query).execute(db)).rows.map((r) => r.d);
  const indexes = await text(`select i.indexdef as d from pg_indexes i where i.schemaname = current_schema() and i.tablename = '${table}'
      and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`);
  const triggers = await text(`select pg_get_triggerdef(oid) as d from pg_trigger where tgrelid = '${table}'::regclass and not tgisinternal`);
  const foreignKeys = await text(`select pg_get_constraintdef(oid) as d from pg_constraint where conrelid = '${table}'::regclass and contype = 'f'`);
  const referencing = await text(`select format('alter table %s drop constraint %I', conrelid::regclass, conname) as d from pg_constraint where confrelid = '${table}'::regclass and contype = 'f'`);
  for (const statement of referencing) await sql.raw(statement).execute(db);
  await sql.raw(`alter table ${table} rename to ${table}_flat`).execute(db);
  await sql.raw(`create table ${table} (like ${table}_flat including defaults including constraints including storage including generated) partition by range (${key})`).execute(db);
  await sql.raw(`alter sequence ${table}_id_seq owned by ${table}.id`).execute(db);
  await sql.raw(`create table ${table}_p_default partition of ${table} default`).execute(db);
  await sql.raw(`select otklik_month_partition('${table}', m::date)
    from generate_series(
      date_trunc('month', greatest(least(coalesce((select min(${key}) from ${table}_flat), now()), now()), now() - interval '25 years') at time zone 'Europe/Moscow'),
      date_trunc('month', (now() at time zone 'Europe/Moscow') + interval '3 months'),
      interval '1 month') m`).execute(db);
  await sql.raw(`insert into ${table} select * from ${table}_flat`).execute(db);
  await sql.raw(`drop table ${table}_flat`).execute(db);
  await sql.raw(`alter table ${table} add primary key (id, ${key})`).execute(db);
  for (const statement of [...indexes, ...triggers]) await sql.raw(statement).execute(db);
  for (const definition of foreignKeys) await sql.raw(`alter table ${table} add ${definition}`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('0047-monthly-partitions: откат не поддерживается — восстановите базу из резервной копии');
}
