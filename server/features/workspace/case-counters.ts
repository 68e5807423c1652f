// The navigation's counters in one cheap query (one scan of the open cases in the user's reach): cases waiting in
// triage, cases past their final-answer deadline, answers returned for rework.
import { sql } from 'kysely';
import type { CaseCounters } from '../../../shared/api/workspace';
import type { Ctx } from '../../lib/context';
import { blockScope, can } from '../auth/authorize';
import { listScope } from '../cases/cases.policy';

export async function countCaseWork(ctx: Ctx): Promise<CaseCounters> {
  const organisation = listScope(ctx.actor);
  const block = blockScope(ctx.actor);
  const now = ctx.services.clock.now();
  const row = await ctx.db
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
    // a block role counts its own block's work (a block role without a block has none)
    .$if(block !== null, (q) => q.where('cases.block_code', '=', block === 'none' ? '' : block))
    .executeTakeFirstOrThrow();
  return {
    triage: can(ctx.actor, 'cases.triage') ? Number(row.triage) : null,
    overdue: Number(row.overdue),
    returned: can(ctx.actor, 'cases.answer') ? Number(row.returned) : null,
  };
}
