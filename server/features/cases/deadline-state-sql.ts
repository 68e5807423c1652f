import { sql, type RawBuilder } from 'kysely';

// a literal, not a parameter: the same expression appears in SELECT, GROUP BY and grouping(), and PostgreSQL
// matches them only when they are identical
const instant = (now: Date): RawBuilder<unknown> => sql`${sql.lit(now.toISOString())}::timestamptz`;

/** At risk or on time, for a case awaiting its final answer whose deadline has not passed: at risk in the last
 * quarter of its time. It reads only the deadline and the creation time, which the index of awaiting cases
 * (`cases_awaiting_due`) holds, so counting them needs no table rows. */
export function deadlineAheadExpr(now: Date): RawBuilder<string> {
  return sql<string>`case when cases.final_answer_due_at - ${instant(now)}
    < (cases.final_answer_due_at - cases.created_at) * 0.25 then 'at_risk' else 'on_time' end`;
}

/** The state of the final-answer clock of a case still awaiting it (the same rule as the deadline filters). */
export function deadlineExpr(now: Date): RawBuilder<string | null> {
  return sql<string | null>`case when cases.final_answer_at is null and cases.status not in ('closed', 'rejected')
    and cases.final_answer_due_at is not null then case
      when cases.final_answer_due_at < ${instant(now)} then 'overdue'
      else ${deadlineAheadExpr(now)} end end`;
}
