import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// Staff notifications. notifications: one row per (user, kind, subject) — the unique key makes every producer
// idempotent (a retried job or a re-read event inserts nothing). notification_preferences: which kinds go by e-mail
// and Telegram and whether they wait for the daily digest. staff_telegram_links: a one-time link code (its hash, with
// an expiry) and, once the staff member sent it to the bot, the chat. notification_state: the producers' cursors.
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    alter table users add column email text;
    create table notifications (
      id bigserial primary key,
      user_id integer not null references users(id) on delete cascade,
      kind text not null,
      subject text not null,
      case_id bigint references cases(id) on delete set null,
      title text not null,
      body text not null default '',
      created_at timestamptz not null default now(),
      read_at timestamptz,
      digest_sent_at timestamptz,
      unique (user_id, kind, subject)
    );
    create index notifications_user on notifications (user_id, created_at desc);
    create index notifications_unread on notifications (user_id) where read_at is null;
    create table notification_preferences (
      user_id integer primary key references users(id) on delete cascade,
      settings jsonb not null,
      updated_at timestamptz not null default now()
    );
    create table staff_telegram_links (
      user_id integer primary key references users(id) on delete cascade,
      chat_id bigint unique,
      code_hash text unique,
      code_expires_at timestamptz,
      linked_at timestamptz
    );
    create table notification_state (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now()
    )
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    drop table if exists notification_state;
    drop table if exists staff_telegram_links;
    drop table if exists notification_preferences;
    drop table if exists notifications;
    alter table users drop column if exists email
  `);
}
