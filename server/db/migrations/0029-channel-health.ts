import { sql, type Kysely } from 'kysely';

// The state of each channel for the administration screen: the last successful and the last failed run of its
// background work (mailbox polling, the monitoring search) or delivery, with the error's text. Messages received and
// answers delivered are read from their own tables.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table channel_health (
    adapter text primary key,
    last_success_at timestamptz,
    last_error_at timestamptz,
    last_error text
  )`.execute(db);
  await sql`create index messages_channel_received_idx on messages (channel, received_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index messages_channel_received_idx`.execute(db);
  await sql`drop table channel_health`.execute(db);
}
