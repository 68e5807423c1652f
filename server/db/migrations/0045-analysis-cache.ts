import { sql, type Kysely } from 'kysely';

// The analysis of imported texts (classifier, places, urgency), kept by a key that hashes the text with the
// analyzer's version (see import-export/analysis-cache.ts): importing the same texts again — a corrected file, the
// same file into a restored database — reads it instead of computing it. `used_at` drives the retention.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table analysis_cache (
    key text primary key,
    analysis jsonb not null,
    used_at timestamptz not null default now())`.execute(db);
  await sql`create index analysis_cache_used_at on analysis_cache (used_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table analysis_cache`.execute(db);
}
