import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    create table municipalities (
      id serial primary key,
      code text not null unique,
      name text not null,
      short_name text not null,
      kind text not null,
      admin_centre text,
      lat double precision,
      lon double precision,
      population integer,
      active boolean not null default true
    );
    create table blocks (
      id serial primary key,
      code text not null unique,
      name text not null,
      mandatory boolean not null default false,
      sort integer not null default 0,
      active boolean not null default true
    );
    create table categories (
      id serial primary key,
      block_code text not null references blocks(code) on update cascade,
      code text not null,
      name text not null,
      is_other boolean not null default false,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      unique (block_code, code)
    );
    create table organisations (
      id serial primary key,
      name text not null unique,
      short_name text,
      kind text not null,
      municipality_id integer references municipalities(id),
      is_demo boolean not null default false,
      active boolean not null default true,
      created_at timestamptz not null default now()
    );
    create table routing_rules (
      id serial primary key,
      block_code text,
      category_code text,
      municipality_id integer references municipalities(id),
      target text not null default 'organisation',
      organisation_id integer references organisations(id),
      fallback_organisation_id integer references organisations(id),
      note text,
      created_at timestamptz not null default now()
    );
    create table deadline_policies (
      id serial primary key,
      channel text,
      block_code text,
      category_code text,
      first_amount numeric not null,
      first_unit text not null,
      final_amount numeric not null,
      final_unit text not null,
      source text
    );
    create table users (
      id serial primary key,
      login text not null unique,
      password_hash text not null,
      full_name text not null default '',
      role text not null,
      organisation_id integer references organisations(id),
      block_code text,
      active boolean not null default true,
      created_at timestamptz not null default now()
    );
    create table sessions (
      id text primary key,
      user_id integer not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_user on sessions(user_id);
    create table api_tokens (
      id serial primary key,
      name text not null,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create table cases (
      id bigserial primary key,
      status text not null,
      priority text not null default 'normal',
      block_code text,
      category_code text,
      municipality_id integer references municipalities(id),
      organisation_id integer references organisations(id),
      channel text not null,
      summary text not null default '',
      classification jsonb,
      urgency jsonb,
      address text,
      lat double precision,
      lon double precision,
      created_at timestamptz not null,
      updated_at timestamptz not null default now(),
      first_response_due_at timestamptz,
      final_answer_due_at timestamptz,
      first_response_at timestamptz,
      final_answer_at timestamptz,
      closed_at timestamptz,
      extensions_used integer not null default 0,
      rejection_reason text,
      merged_into_id bigint references cases(id),
      rating integer,
      source text not null default 'intake',
      search tsvector generated always as (to_tsvector('russian', left(summary, 20000))) stored
    );
    -- Case numbers are fixed-width (8 digits): one never stands inside another in texts, lists and exports.
    alter sequence cases_id_seq restart with 10000001;
    create index cases_status on cases(status);
    create index cases_org_created on cases(organisation_id, created_at);
    create index cases_muni_created on cases(municipality_id, created_at);
    create index cases_block_created on cases(block_code, category_code, created_at);
    create index cases_created on cases(created_at);
    create index cases_final_due on cases(final_answer_due_at) where final_answer_at is null;
    create index cases_search on cases using gin(search);
    create table messages (
      id bigserial primary key,
      channel text not null,
      external_id text not null,
      case_id bigint not null references cases(id),
      text text not null,
      created_at timestamptz not null,
      received_at timestamptz not null default now(),
      author_name text,
      author_contact text,
      author_external_id text,
      address text,
      lat double precision,
      lon double precision,
      municipality_raw text,
      organisation_raw text,
      labels jsonb,
      attachments jsonb,
      is_duplicate boolean not null default false,
      unique (channel, external_id)
    );
    create index messages_case on messages(case_id);
    create index messages_created on messages(created_at);
    create table case_events (
      id bigserial primary key,
      case_id bigint not null references cases(id),
      at timestamptz not null,
      type text not null,
      actor_user_id integer references users(id),
      actor_label text,
      data jsonb not null default '{}'::jsonb
    );
    create index case_events_case on case_events(case_id, at);
    create table answers (
      id bigserial primary key,
      case_id bigint not null references cases(id),
      kind text not null,
      body text not null,
      author_user_id integer references users(id),
      author_label text,
      organisation_id integer references organisations(id),
      created_at timestamptz not null,
      review_status text not null default 'pending',
      review_reason text,
      review_comment text,
      reviewed_at timestamptz,
      reviewed_by integer references users(id)
    );
    create index answers_case on answers(case_id, created_at);
    create table ratings (
      id bigserial primary key,
      case_id bigint not null references cases(id),
      score integer not null check (score between 1 and 5),
      comment text,
      created_at timestamptz not null
    );
    create index ratings_case on ratings(case_id);
    create table training_examples (
      id bigserial primary key,
      text text not null,
      block_code text not null,
      category_code text not null,
      source text not null,
      case_id bigint references cases(id),
      previous jsonb,
      created_by integer references users(id),
      created_at timestamptz not null default now()
    );
    create table outbox (
      id bigserial primary key,
      kind text not null,
      payload jsonb not null,
      idempotency_key text unique,
      status text not null default 'pending',
      attempts integer not null default 0,
      run_after timestamptz not null default now(),
      last_error text,
      created_at timestamptz not null default now(),
      done_at timestamptz
    );
    create index outbox_pending on outbox(run_after) where status = 'pending';
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['outbox', 'training_examples', 'ratings', 'answers', 'case_events', 'messages', 'cases', 'api_tokens', 'sessions', 'users',
    'deadline_policies', 'routing_rules', 'organisations', 'categories', 'blocks', 'municipalities']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
