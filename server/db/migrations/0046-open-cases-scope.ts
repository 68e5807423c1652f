import { sql, type Kysely } from 'kysely';

// The open cases by organisation and block, with what the navigation's counters read (workspace/case-counters.ts):
// an executor's or a block head's counters read their own open cases from this small index instead of scanning
// every case (a region's history is mostly closed cases).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index cases_open_scope on cases (organisation_id, block_code)
    include (status, final_answer_at, final_answer_due_at)
    where merged_into_id is null and status not in ('closed', 'rejected')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index cases_open_scope`.execute(db);
}
