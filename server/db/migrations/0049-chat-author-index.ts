import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// A messenger chat's messages by their author (the chat): «/status» lists the chat's cases, and a new message from the
// chat is matched to the case it continues (a reply, or a message right after the previous one) — both read the
// chat's last messages, which was a scan of every month of messages. The answers delivered to a message, by message:
// a reply to the bot's answer finds its case through them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index messages_chat_author on messages (author_external_id, channel, created_at)
    where author_external_id is not null`.execute(db);
  await sql`create index deliveries_message on deliveries (message_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index deliveries_message`.execute(db);
  await sql`drop index messages_chat_author`.execute(db);
}
