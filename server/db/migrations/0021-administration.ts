import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// `admin_changes`: every administrative change (users, tokens, reference data) with who made it and when, append-only.
// `category_versions`: the name and block a category had over time. A rename or a move closes the current version
// (`valid_to`) and opens a new one, so a case keeps the label it had when its history was written. Every existing
// category starts with one open version valid since ever (1970-01-01: before any message).
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    create table admin_changes (
      id bigserial primary key,
      at timestamptz not null default now(),
      actor_user_id integer references users(id) on delete set null,
      actor_label text not null,
      entity text not null,
      entity_key text not null,
      action text not null,
      details jsonb not null default '{}'::jsonb
    );
    create index admin_changes_at on admin_changes (at desc, id desc);
    create index admin_changes_entity on admin_changes (entity, entity_key);
    create table category_versions (
      id serial primary key,
      category_id integer not null references categories(id) on delete cascade,
      block_code text not null,
      code text not null,
      name text not null,
      valid_from timestamptz not null,
      valid_to timestamptz
    );
    create index category_versions_pair on category_versions (block_code, code, valid_from);
    insert into category_versions (category_id, block_code, code, name, valid_from)
      select id, block_code, code, name, '1970-01-01T00:00:00Z'::timestamptz from categories;
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runSql(db, 'drop table category_versions; drop table admin_changes');
}
