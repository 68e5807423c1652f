import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// The workspace of a whole day: each user's own settings of a screen (the inbox's columns and density) kept on the
// server, and the lookups of a case by its author's phone (the last ten digits of the contact) or e-mail.
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    create table user_screen_settings (
      user_id integer not null references users(id) on delete cascade,
      screen text not null,
      settings jsonb not null,
      updated_at timestamptz not null default now(),
      primary key (user_id, screen)
    );
    create index messages_author_phone on messages (right(regexp_replace(author_contact, '[^0-9]', '', 'g'), 10))
      where author_contact is not null;
    create index messages_author_email on messages (lower(author_contact)) where author_contact like '%@%';
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    drop index messages_author_email;
    drop index messages_author_phone;
    drop table user_screen_settings;
  `);
}
