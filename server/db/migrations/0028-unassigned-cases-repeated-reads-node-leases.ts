import { sql, type Kysely } from 'kysely';

// Cases held without an organisation (triage, or an imported source's organisation not matched to the reference) are
// few among many: the ratings' rows of unmatched source names and the inbox's drill-down start from them.
//
// The access journal folds a repeated identical read (the inbox refreshing itself every half minute, a card opened
// again) into its first row: `last_at` and `repeats` say until when and how many more times.
//
// Pollers that must run on one app node at a time hold a named lease (lib/node-lease.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table node_leases (name text primary key, holder text not null, expires_at timestamptz not null)`.execute(db);
  await sql`create index cases_without_organisation_idx on cases (id) where organisation_id is null`.execute(db);
  await sql`alter table personal_data_access add column last_at timestamptz, add column repeats integer not null default 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table node_leases`.execute(db);
  await sql`alter table personal_data_access drop column last_at, drop column repeats`.execute(db);
  await sql`drop index cases_without_organisation_idx`.execute(db);
}
