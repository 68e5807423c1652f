import type { z } from 'zod';
import type { ratingInputSchema } from '../../../shared/api/cases';
import { actionForRating, isCaseStatus } from '../../../shared/cases/case-status';
import { restartFinalClock } from '../../../shared/deadlines/deadlines';
import { resolvePolicy } from '../../../shared/deadlines/deadline-policy';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { appendEvents } from './case-events';
import { changeCase, loadCaseForUpdate } from './load-case';

/**
 * A citizen's satisfaction (1–5), from a channel or recorded by ЦУР staff. 1–2 reopens the case with a new
 * final-answer clock; 3–5 closes an answered or accepted case.
 */
export async function rateCase(ctx: Ctx, caseId: string, input: z.infer<typeof ratingInputSchema>): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const row = await loadCaseForUpdate(tx, caseId, tx.actor.kind === 'user' ? 'rate' : 'read');
    if (!row.final_answer_at && !['answered', 'accepted', 'closed'].includes(row.status)) {
      throw new AppError('invalid_transition', 'Оценку можно поставить только после окончательного ответа');
    }
    const now = tx.services.clock.now();
    await tx.db.insertInto('ratings').values({ case_id: row.id, score: input.score, comment: input.comment ?? null, created_at: now }).execute();
    await tx.db.updateTable('cases').set({ rating: input.score }).where('id', '=', row.id).execute();
    await appendEvents(tx, [{ caseId: row.id, type: 'rating', data: { score: input.score, comment: input.comment ?? null } }]);
    const action = actionForRating(isCaseStatus(row.status) ? row.status : 'new', input.score);
    if (action === 'reopen') {
      const ref = await tx.services.reference.get(tx.db);
      const policy = resolvePolicy(ref.policies, { channel: row.channel, block: row.block_code, category: row.category_code });
      const clock = restartFinalClock(now, policy.policy, tx.services.calendar);
      await changeCase(tx, row, 'reopen', { final_answer_at: null, final_answer_due_at: clock.finalAnswerDueAt, closed_at: null },
        { reason: 'отрицательная оценка гражданина' });
    } else if (action === 'close') {
      await changeCase(tx, row, 'close', { closed_at: now });
    }
  });
}
