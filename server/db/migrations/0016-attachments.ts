import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// Files a citizen's message or an answer carries. The bytes live in the blob storage (data folder or an S3-compatible
// store) under `storage_key` (content-addressed: the SHA-256 of the bytes); a row whose bytes are still to be fetched
// from the channel (Telegram file, VK photo, Open311 media_url) is 'pending' with its source, and becomes 'stored'
// or 'failed' once the fetch job has run.
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    create table attachments (
      id bigserial primary key,
      message_id bigint references messages(id),
      answer_id bigint references answers(id),
      position integer not null default 0,
      name text not null,
      mime_type text,
      size integer,
      sha256 text,
      storage_key text,
      thumbnail_key text,
      status text not null default 'stored' check (status in ('stored', 'pending', 'failed')),
      source jsonb,
      error text,
      created_at timestamptz not null default now(),
      check ((message_id is null) <> (answer_id is null)),
      check (status <> 'stored' or (storage_key is not null and sha256 is not null and size is not null))
    );
    create index attachments_message on attachments(message_id) where message_id is not null;
    create index attachments_answer on attachments(answer_id) where answer_id is not null;
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attachments').ifExists().execute();
}
