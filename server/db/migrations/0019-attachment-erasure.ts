import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// An attachment of a message whose personal data was erased keeps its row (the case's history stays whole) with the
// status 'erased': its bytes and thumbnail are deleted from the blob storage, its name, keys, source and checksum go.
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    alter table attachments drop constraint attachments_status_check;
    alter table attachments add constraint attachments_status_check check (status in ('stored', 'pending', 'failed', 'erased'));
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    delete from attachments where status = 'erased';
    alter table attachments drop constraint attachments_status_check;
    alter table attachments add constraint attachments_status_check check (status in ('stored', 'pending', 'failed'));
  `);
}
