import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// The inbox finds a case by an identifier a citizen or an integrator quotes: the channel's own id of a message
// (an Open311 request's token, a ПОС number, a Telegram update) without knowing its channel.
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `create index messages_external_id on messages (external_id)`);
}
