import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// Personal data under 152-ФЗ: the access journal (who read whose data, when and why; a list read is one row
// holding every case id it showed), the erasure journal (what was destroyed, counts only, never the data itself)
// and the moment a message's personal data was erased (the retention job skips such messages).
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    create table personal_data_access (
      id bigserial primary key,
      at timestamptz not null default now(),
      user_id integer,
      actor_label text not null,
      role text,
      action text not null,
      purpose text not null,
      case_ids jsonb not null default '[]',
      scope jsonb,
      item_count integer not null default 0
    );
    create index personal_data_access_at on personal_data_access (at, id);
    create index personal_data_access_user on personal_data_access (user_id, at);
    create index personal_data_access_cases on personal_data_access using gin (case_ids jsonb_path_ops);
    create table personal_data_erasures (
      id bigserial primary key,
      at timestamptz not null default now(),
      user_id integer,
      actor_label text not null,
      basis text not null,
      reason text not null,
      case_ids jsonb not null default '[]',
      message_count integer not null default 0,
      fields jsonb not null default '{}'
    );
    create index personal_data_erasures_at on personal_data_erasures (at, id);
    alter table messages add column personal_data_erased_at timestamptz;
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('personal_data_erased_at').execute();
  for (const t of ['personal_data_erasures', 'personal_data_access']) await db.schema.dropTable(t).ifExists().execute();
}
