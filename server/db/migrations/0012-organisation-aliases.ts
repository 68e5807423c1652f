import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// Names under which other systems (import sources) write an organisation. `alias_key` is the name normalised by the
// application (case, ё, quotes, spaces), unique: one name points to one organisation.
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    create table organisation_aliases (
      id serial primary key,
      alias text not null,
      alias_key text not null unique,
      organisation_id integer not null references organisations(id) on delete cascade,
      created_at timestamptz not null default now()
    );
    create index organisation_aliases_organisation on organisation_aliases (organisation_id);
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runSql(db, 'drop table organisation_aliases');
}
