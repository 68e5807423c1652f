import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// Web widget lookup codes (only a hash is kept), monitoring keyword sets (editable data) and the poller's cursor.
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    create table widget_submissions (
      message_id bigint primary key references messages(id),
      case_id bigint not null references cases(id),
      code_hash text not null,
      created_at timestamptz not null default now()
    );
    create table monitoring_keyword_sets (
      block_code text primary key,
      keywords jsonb not null,
      active boolean not null default true,
      updated_at timestamptz not null default now()
    );
    create table monitoring_state (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now()
    );
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['monitoring_state', 'monitoring_keyword_sets', 'widget_submissions']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
