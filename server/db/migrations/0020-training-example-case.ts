import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// Training examples name their case in `case_id` whoever wrote them: examples from a promoted cluster kept it in
// `previous.caseId` until now. Old rows move it into the column (when that case still exists), so retraining and the
// erasure of personal data find every example of a case.
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    update training_examples t set case_id = (t.previous->>'caseId')::bigint, previous = t.previous - 'caseId'
      where t.case_id is null and t.previous ? 'caseId' and (t.previous->>'caseId') ~ '^[0-9]+$'
        and exists (select 1 from cases c where c.id = (t.previous->>'caseId')::bigint);
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    update training_examples set previous = coalesce(previous, '{}'::jsonb) || jsonb_build_object('caseId', case_id::text), case_id = null
      where source = 'cluster' and case_id is not null;
  `);
}
