import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// Access that can be taken away and sign-in that resists guessing:
// - users: when the password last changed, the TOTP second factor (an enrolment in progress, the confirmed secret,
//   the last time step used so a code is never accepted twice) and recovery codes (SHA-256 of random codes);
// - sessions: last use (idle timeout) and stage ('full', or 'enrol' for a user who must enrol a second factor first);
// - api_tokens: scopes; tokens issued by earlier versions could post to every intake route, so they keep exactly
//   that: messages (any channel), open311 and monitoring;
// - auth_throttle: failed sign-in counters per login and per address, shared by every app node;
// - auth_failures: the journal of failed sign-ins.
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    alter table users
      add column password_changed_at timestamptz not null default now(),
      add column totp_secret text,
      add column totp_pending_secret text,
      add column totp_enabled_at timestamptz,
      add column totp_last_step bigint,
      add column deactivated_at timestamptz;
    create table user_recovery_codes (
      id serial primary key,
      user_id integer not null references users(id) on delete cascade,
      code_hash text not null,
      used_at timestamptz
    );
    create index user_recovery_codes_user on user_recovery_codes(user_id);
    alter table sessions
      add column last_seen_at timestamptz not null default now(),
      add column stage text not null default 'full';
    alter table api_tokens
      add column scopes text[] not null default '{}';
    update api_tokens set scopes = array['messages', 'open311', 'monitoring'];
    create table auth_throttle (
      key text primary key,
      failures integer not null,
      last_failure_at timestamptz not null,
      next_attempt_at timestamptz,
      locked_until timestamptz
    );
    create table auth_failures (
      id bigserial primary key,
      at timestamptz not null,
      login text not null,
      user_id integer references users(id) on delete set null,
      address text,
      reason text not null
    );
    create index auth_failures_at on auth_failures(at);
    create index auth_failures_login on auth_failures(login, at)
  `);
}
