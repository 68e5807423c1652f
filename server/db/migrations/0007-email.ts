import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// Letters sent to citizens over e-mail, keyed by our own Message-ID: a citizen's reply that names it in
// In-Reply-To/References joins the case, and a retried delivery finds the letter it already sent.
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    create table email_outgoing (
      message_id text primary key,
      case_id bigint not null references cases(id),
      answer_id bigint not null references answers(id),
      in_reply_to_message_id bigint not null references messages(id),
      recipient text not null,
      subject text not null,
      status text not null default 'sending',
      attempts integer not null default 0,
      smtp_response text,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    );
    create index email_outgoing_case on email_outgoing(case_id);
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_outgoing').ifExists().execute();
}
