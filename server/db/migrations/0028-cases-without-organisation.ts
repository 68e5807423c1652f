import { sql, type Kysely } from 'kysely';

// Cases held without an organisation (triage, or an imported source's organisation not matched to the reference) are
// few among many: the ratings' rows of unmatched source names and the inbox's drill-down start from them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index cases_without_organisation_idx on cases (id) where organisation_id is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index cases_without_organisation_idx`.execute(db);
}
