import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// Publication after control: an answer reaches the citizen (deliveries, Open311, the widget's status page) only once
// it is published — an interim answer when it is given, a final answer when ЦУР accepts it (or a publication policy
// accepts it automatically). Answers given before this migration were delivered at once: they count as published
// then, except those returned by quality control. Ratings remember the answer they rate (one rating per answer) and
// the channel they came from. A citizen's follow-up on an answered or closed case is flagged for the operator.
// server_secrets: keys the server generates once and shares across instances (the HMAC key of rating links).
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    alter table answers add column published_at timestamptz;
    update answers set published_at = created_at where review_status <> 'returned';
    create index answers_unpublished on answers(case_id) where published_at is null;
    alter table ratings add column answer_id bigint references answers(id), add column source text;
    create unique index ratings_one_per_answer on ratings(answer_id) where answer_id is not null;
    alter table cases add column citizen_replied_at timestamptz;
    create index cases_citizen_replied on cases(citizen_replied_at) where citizen_replied_at is not null;
    create table publication_policies (
      id bigint generated always as identity primary key,
      channel text,
      organisation_id integer references organisations(id),
      mode text not null check (mode in ('control', 'auto')),
      auto_accept_hours integer check (auto_accept_hours is null or auto_accept_hours between 0 and 1000),
      updated_at timestamptz not null default now(),
      check ((mode = 'auto') = (auto_accept_hours is not null))
    );
    create unique index publication_policies_scope on publication_policies(coalesce(channel, ''), coalesce(organisation_id, 0));
    create table server_secrets (
      name text primary key,
      value bytea not null,
      created_at timestamptz not null default now()
    );
    insert into analytics_dirty_days (day)
      select distinct (created_at at time zone 'Europe/Moscow')::date from messages on conflict do nothing;
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    drop table if exists server_secrets;
    drop table if exists publication_policies;
    alter table cases drop column if exists citizen_replied_at;
    drop index if exists ratings_one_per_answer;
    alter table ratings drop column if exists answer_id, drop column if exists source;
    alter table answers drop column if exists published_at;
  `);
}
