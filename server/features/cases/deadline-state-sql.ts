import { sql, type RawBuilder } from 'kysely';

/** The state of the final-answer clock of a case still awaiting it (the same rule as the deadline filters). */
export function deadlineExpr(now: Date): RawBuilder<string | null> {
  // a literal, not a parameter: the same expression appears in SELECT, GROUP BY and grouping(), and PostgreSQL
  // matches them only when they are identical
  const at = sql`${sql.lit(now.toISOString())}::timestamptz`;
  return sql<string | null>`case when cases.final_answer_at is null and cases.status not in ('closed', 'rejected')
    and cases.final_answer_due_at is not null then case
      when cases.final_answer_due_at < ${at} then 'overdue'
      when cases.final_answer_due_at - ${at} < (cases.final_answer_due_at - cases.created_at) * 0.25 then 'at_risk'
      else 'on_time' end end`;
}
