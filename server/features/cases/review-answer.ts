import type { z } from 'zod';
import { RETURN_REASON_LABELS, type ReturnReason } from '../../../shared/cases/case-status';
import type { reviewInputSchema } from '../../../shared/api/cases';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { appendEvents } from './case-events';
import { changeCase, loadCaseForUpdate } from './load-case';

/** ЦУР quality control of the latest final answer: accept it, or return the case for rework with a reason. */
export async function reviewAnswer(ctx: Ctx, caseId: string, input: z.infer<typeof reviewInputSchema>): Promise<void> {
  if (input.decision === 'return' && !input.reason) throw new AppError('validation_failed', 'Укажите причину возврата на доработку');
  await withTransaction(ctx, async (tx) => {
    const row = await loadCaseForUpdate(tx, caseId, 'review');
    const answer = await tx.db.selectFrom('answers').select(['id']).where('case_id', '=', row.id).where('kind', '=', 'final')
      .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (!answer) throw new AppError('invalid_transition', 'У обращения нет окончательного ответа для проверки');
    const now = tx.services.clock.now();
    const reviewer = tx.actor.kind === 'user' ? tx.actor.userId : null;
    await tx.db.updateTable('answers').set({
      review_status: input.decision === 'accept' ? 'accepted' : 'returned',
      review_reason: input.reason ?? null, review_comment: input.comment ?? null, reviewed_at: now, reviewed_by: reviewer,
    }).where('id', '=', answer.id).execute();
    const reasonLabel = input.reason ? RETURN_REASON_LABELS[input.reason as ReturnReason] : null;
    await changeCase(tx, row, input.decision === 'accept' ? 'accept' : 'return',
      input.decision === 'return' ? { final_answer_at: null } : {}, { reason: input.reason ?? null });
    await appendEvents(tx, [{ caseId: row.id, type: 'review', data: { decision: input.decision, reason: reasonLabel, comment: input.comment ?? null } }]);
  });
}
