import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// analytics_daily: one row per Moscow day × organisation × municipality × block × category × channel with the counts
// of the messages created that day; analytics_daily_dim sums it per day and one dimension (block, category,
// municipality, organisation, channel) — a few hundred rows a day whatever the volume, which dashboards read;
// analytics_message_facts keeps per message the first and first final answer times (exact medians for ratings). Statement-level triggers note the days whose messages changed (new messages,
// answers, ratings, case updates) in analytics_dirty_days; the next read recomputes only those days. The lookups go
// through the messages_case index (lateral with OFFSET 0, which keeps the planner from turning it into a hash join), so a bulk statement costs one probe per case, not a scan of messages.
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    create table analytics_daily (
      day date not null,
      organisation_id integer not null default 0,
      municipality_id integer not null default 0,
      block_code text not null default '',
      category_code text not null default '',
      channel text not null,
      messages integer not null,
      answered integer not null,
      final_answered integer not null,
      answered_late integer not null,
      rated integer not null,
      rating_sum integer not null,
      repeats integer not null,
      primary key (day, organisation_id, municipality_id, block_code, category_code, channel)
    );
    create index analytics_daily_org on analytics_daily (organisation_id, day);
    create index analytics_daily_muni_cat on analytics_daily (municipality_id, block_code, category_code, day);
    create table analytics_daily_dim (
      dim text not null,
      day date not null,
      key text not null,
      messages integer not null,
      answered integer not null,
      final_answered integer not null,
      answered_late integer not null,
      rated integer not null,
      rating_sum integer not null,
      repeats integer not null,
      primary key (dim, day, key)
    );
    create table analytics_message_facts (
      message_id bigint primary key,
      day date not null,
      created_at timestamptz not null,
      organisation_id integer,
      municipality_id integer,
      due timestamptz,
      status text not null,
      rating integer,
      first_at timestamptz,
      final_at timestamptz,
      returned boolean not null,
      accepted boolean not null
    );
    create index analytics_message_facts_created on analytics_message_facts (created_at);
    create index analytics_message_facts_day on analytics_message_facts (day);
    create index answers_created on answers (created_at);
    create table analytics_dirty_days (day date primary key);
    create function analytics_mark_messages() returns trigger language plpgsql as $$ begin insert into analytics_dirty_days (day) select distinct (n.created_at at time zone 'Europe/Moscow')::date from new_rows n on conflict do nothing; return null; end $$;
    create function analytics_mark_cases() returns trigger language plpgsql as $$ begin insert into analytics_dirty_days (day) select distinct (m.created_at at time zone 'Europe/Moscow')::date from (select distinct n.case_id from new_rows n) k cross join lateral (select m.created_at from messages m where m.case_id = k.case_id offset 0) m on conflict do nothing; return null; end $$;
    create function analytics_mark_case_rows() returns trigger language plpgsql as $$ begin insert into analytics_dirty_days (day) select distinct (m.created_at at time zone 'Europe/Moscow')::date from new_rows k cross join lateral (select m.created_at from messages m where m.case_id = k.id offset 0) m on conflict do nothing; return null; end $$;
    create trigger analytics_messages_ins after insert on messages referencing new table as new_rows for each statement execute function analytics_mark_messages();
    create trigger analytics_messages_upd after update on messages referencing new table as new_rows for each statement execute function analytics_mark_messages();
    create trigger analytics_answers_ins after insert on answers referencing new table as new_rows for each statement execute function analytics_mark_cases();
    create trigger analytics_answers_upd after update on answers referencing new table as new_rows for each statement execute function analytics_mark_cases();
    create trigger analytics_ratings_ins after insert on ratings referencing new table as new_rows for each statement execute function analytics_mark_cases();
    create trigger analytics_cases_upd after update on cases referencing new table as new_rows for each statement execute function analytics_mark_case_rows();
    create table problem_category_lists (
      id bigserial primary key,
      block_code text not null,
      items jsonb not null,
      period_from date not null,
      period_to date not null,
      confirmed_by integer references users(id),
      confirmed_at timestamptz not null default now(),
      comment text
    );
    create index problem_category_lists_block on problem_category_lists (block_code, confirmed_at desc);
    create table workload_norms (
      block_code text primary key,
      minutes_per_message numeric not null,
      minutes_per_answer numeric not null,
      hours_per_staff_month numeric not null,
      updated_by integer references users(id),
      updated_at timestamptz not null default now()
    );
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['analytics_cases_upd', 'analytics_ratings_ins', 'analytics_answers_upd', 'analytics_answers_ins', 'analytics_messages_upd', 'analytics_messages_ins']) {
    const table = t.replace(/^analytics_/, '').replace(/_(ins|upd)$/, '');
    await runSql(db, `drop trigger if exists ${t} on ${table}`);
  }
  await runSql(db, 'drop function if exists analytics_mark_messages(); drop function if exists analytics_mark_cases(); drop function if exists analytics_mark_case_rows()'.replace(/; /g, ';\n'));
  await runSql(db, 'drop index if exists answers_created');
  for (const t of ['workload_norms', 'problem_category_lists', 'analytics_dirty_days', 'analytics_daily_dim', 'analytics_message_facts', 'analytics_daily']) await db.schema.dropTable(t).ifExists().execute();
}
