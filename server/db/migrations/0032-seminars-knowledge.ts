import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// Training seminars (decree 6.9) and the knowledge base of model answers searched from the answer form.
// seminars: the plan — topic, start time, format, trainers, status, target organisations and municipalities (arrays
//   of ids; an organisation sees a seminar that targets it or its municipality, or invites one of its people).
// seminar_participants: people of the organisations invited (a user of the registry or a named person), attendance,
//   an optional score 1–5 and feedback.
// seminar_materials: files (bytes in the blob storage, as attachments) and links of a seminar.
// knowledge_entries: model answers and practices maintained by the centre (title, category or block, text, tags,
//   source practice or seminar material); `search` is the Russian full-text vector. Practices get the same kind of
//   index so both are searched together.
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    create table seminars (
      id serial primary key,
      topic text not null,
      description text not null default '',
      starts_at timestamptz not null,
      duration_minutes integer not null check (duration_minutes > 0),
      format text not null check (format in ('in_person', 'online', 'hybrid')),
      place text not null default '',
      trainers text not null,
      status text not null default 'planned' check (status in ('planned', 'held', 'cancelled')),
      target_organisation_ids integer[] not null default '{}',
      target_municipality_ids integer[] not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index seminars_starts on seminars (starts_at);
    create table seminar_participants (
      id serial primary key,
      seminar_id integer not null references seminars(id) on delete cascade,
      organisation_id integer not null references organisations(id),
      user_id integer references users(id) on delete set null,
      person_name text not null,
      attended boolean,
      score integer check (score between 1 and 5),
      feedback text not null default '',
      created_at timestamptz not null default now()
    );
    create unique index seminar_participants_user on seminar_participants (seminar_id, user_id) where user_id is not null;
    create index seminar_participants_org on seminar_participants (organisation_id);
    create table seminar_materials (
      id serial primary key,
      seminar_id integer not null references seminars(id) on delete cascade,
      kind text not null check (kind in ('file', 'link')),
      title text not null,
      url text,
      storage_key text,
      file_name text,
      mime_type text,
      size integer,
      sha256 text,
      author_label text not null,
      created_at timestamptz not null default now(),
      check ((kind = 'link' and url is not null) or (kind = 'file' and storage_key is not null))
    );
    create table knowledge_entries (
      id serial primary key,
      title text not null,
      category_code text,
      block_code text,
      body text not null,
      tags text not null default '',
      source_practice_id integer references practices(id) on delete set null,
      source_material_id integer references seminar_materials(id) on delete set null,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      search tsvector generated always as (to_tsvector('russian', title || ' ' || tags || ' ' || left(body, 20000))) stored
    );
    create index knowledge_entries_search on knowledge_entries using gin (search);
    create index practices_search on practices using gin (to_tsvector('russian', title || ' ' || problem || ' ' || solution || ' ' || effect));
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    drop index practices_search;
    drop table knowledge_entries;
    drop table seminar_materials;
    drop table seminar_participants;
    drop table seminars;
  `);
}
