// The navigation's counters: cases waiting in triage, cases past their final-answer deadline, answers returned for
// rework. A user who sees every case gets them from the per-day rollup (case_counts.ts: the statuses of all time,
// and the cases awaiting a final answer less those whose deadline is still ahead, from the index of awaiting
// cases); a user limited to an organisation or a block gets one scan of the open cases in their reach (the partial
// index of open cases, migration 0046). Both give the same numbers (workspace.test.ts).
import { sql } from 'kysely';
import type { CaseCounters } from '../../../shared/api/workspace';
import type { Db } from '../../db/database';
import type { Ctx } from '../../lib/context';
import { blockScope, can } from '../auth/authorize';
import { countFromRollup } from '../cases/case-counts';
import { listScope } from '../cases/cases.policy';

interface WorkCounts {
  triage: number;
  overdue: number;
  returned: number;
}

/** The counts within an organisation (null: all) and a block (null: all; 'none': a block role without a block,
 * which has no cases); `scan` reads the cases even where the rollup could answer (the tests compare the two). */
export async function countWork(
  db: Db,
  now: Date,
  organisation: number | null,
  block: string | null,
  options: { scan?: boolean } = {},
): Promise<WorkCounts> {
  if (organisation === null && block === null && !options.scan) {
    const { out } = await countFromRollup(db, {}, ['status', 'deadline'], now);
    const count = (facet: 'status' | 'deadline', key: string) => out.get(facet)?.find((c) => c.key === key)?.count ?? 0;
    return {
      triage: count('status', 'triage'),
      overdue: count('deadline', 'overdue'),
      returned: count('status', 'returned'),
    };
  }
  const row = await db
    .selectFrom('cases')
    .select([
      sql<string>`count(*) filter (where cases.status = 'triage')`.as('triage'),
      sql<string>`count(*) filter (where cases.final_answer_at is null and cases.final_answer_due_at < ${now})`.as(
        'overdue',
      ),
      sql<string>`count(*) filter (where cases.status = 'returned')`.as('returned'),
    ])
    .where('cases.merged_into_id', 'is', null)
    .where('cases.status', 'not in', ['closed', 'rejected'])
    .$if(organisation !== null, (q) => q.where('cases.organisation_id', '=', organisation))
    .$if(block !== null, (q) => q.where('cases.block_code', '=', block === 'none' ? '' : block))
    .executeTakeFirstOrThrow();
  return { triage: Number(row.triage), overdue: Number(row.overdue), returned: Number(row.returned) };
}

export async function countCaseWork(ctx: Ctx): Promise<CaseCounters> {
  // a block role counts its own block's work (a block role without a block has none)
  const counts = await countWork(ctx.db, ctx.services.clock.now(), listScope(ctx.actor), blockScope(ctx.actor));
  return {
    triage: can(ctx.actor, 'cases.triage') ? counts.triage : null,
    overdue: counts.overdue,
    returned: can(ctx.actor, 'cases.answer') ? counts.returned : null,
  };
}
