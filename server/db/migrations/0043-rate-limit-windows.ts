import { sql, type Kysely } from 'kysely';

// Request counts of rate-limited routes (the citizens' widget), per key (route and client address) over a window
// that starts at the key's first request, in the database that every app node shares: behind a load balancer a
// client gets the same limit whichever node answers. Expired rows are deleted by the nodes as they go
// (http/rate-limit-store.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table rate_limit_windows (
    key text primary key,
    hits integer not null,
    expires_at timestamptz not null
  )`.execute(db);
  await sql`create index rate_limit_windows_expiry on rate_limit_windows (expires_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table rate_limit_windows`.execute(db);
}
