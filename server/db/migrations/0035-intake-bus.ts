import { sql, type Kysely } from 'kysely';

// The intake bus (NATS JetStream, optional): a message the writers could not store after the allowed deliveries, or
// one refused for good (bad date, unknown category), is kept here with the reason, so nothing accepted with 202 is
// lost silently; `/api/health/ready` counts them. One row per stream message (a repeated dead-lettering is one row).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table intake_dead_letters (
    id bigserial primary key,
    stream text not null,
    stream_seq bigint not null,
    channel text not null,
    external_id text not null,
    payload jsonb not null,
    error text not null,
    deliveries integer not null,
    created_at timestamptz not null default now(),
    unique (stream, stream_seq))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table intake_dead_letters`.execute(db);
}
