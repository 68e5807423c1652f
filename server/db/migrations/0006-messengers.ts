import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// deliveries: one row per answer × citizen message — the delivery status shown on the case and the anchor that
// keeps a retried send from posting twice. messenger_drafts: a location or photo a citizen sent without a
// description, waiting for the text that makes it a message.
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    create table deliveries (
      id bigserial primary key,
      case_id bigint not null references cases(id) on delete cascade,
      answer_id bigint not null references answers(id) on delete cascade,
      message_id bigint not null references messages(id) on delete cascade,
      channel text not null,
      status text not null default 'pending',
      attempts integer not null default 0,
      last_error text,
      provider_ref text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      sent_at timestamptz,
      unique (answer_id, message_id)
    );
    create index deliveries_case on deliveries(case_id);
    create index deliveries_failed on deliveries(status) where status = 'failed';
    create table messenger_drafts (
      channel text not null,
      chat_id text not null,
      location jsonb,
      attachments jsonb,
      labels jsonb,
      updated_at timestamptz not null default now(),
      primary key (channel, chat_id)
    )
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('messenger_drafts').ifExists().execute();
  await db.schema.dropTable('deliveries').ifExists().execute();
}
