import { sql } from 'kysely';
import { CITIZEN_REPLY_STATUSES } from '../../../shared/cases/case-status';
import type { Ctx } from '../../lib/context';

/**
 * A citizen's follow-up on a case that already has an answer or is closed (a reply to the answer letter, an Open311
 * update): the case is flagged «гражданин ответил» for the operator (inbox filter `citizenReplied=true`, a mark in
 * the list and the card) until someone acts on it — a status change or a new answer clears the flag. In the
 * caller's transaction; returns whether the case was flagged.
 */
export async function markCitizenReplied(ctx: Ctx, caseId: string): Promise<boolean> {
  const flagged = await ctx.db
    .updateTable('cases')
    .set({ citizen_replied_at: ctx.services.clock.now(), updated_at: sql`now()` })
    .where('id', '=', caseId)
    .where('status', 'in', [...CITIZEN_REPLY_STATUSES])
    .where('citizen_replied_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return Boolean(flagged);
}
