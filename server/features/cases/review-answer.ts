import type { z } from 'zod';
import { RETURN_REASON_LABELS } from '../../../shared/cases/case-status';
import type { reviewInputSchema } from '../../../shared/api/cases';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { appendEvents } from './case-events';
import { applyTransition } from './apply-transition';
import { loadCaseForUpdate } from './load-case';
import { pendingFinalAnswer, publishAnswer } from './publish-answer';

/**
 * ЦУР quality control of the final answer waiting for a decision: accept it — it is published and only now reaches
 * the citizen in every channel — or return the case for rework with a reason (the answer is never shown).
 */
export async function reviewAnswer(ctx: Ctx, caseId: string, input: z.infer<typeof reviewInputSchema>): Promise<void> {
  if (input.decision === 'return' && !input.reason)
    throw new AppError('validation_failed', 'Укажите причину возврата на доработку');
  await withTransaction(ctx, async (tx) => {
    const row = await loadCaseForUpdate(tx, caseId, 'review');
    const answer = await pendingFinalAnswer(tx, row.id);
    if (!answer) throw new AppError('invalid_transition', 'У обращения нет окончательного ответа, ожидающего проверки');
    const now = tx.services.clock.now();
    const reviewer = tx.actor.kind === 'user' ? tx.actor.userId : null;
    await tx.db
      .updateTable('answers')
      .set({
        review_status: input.decision === 'accept' ? 'accepted' : 'returned',
        review_reason: input.reason ?? null,
        review_comment: input.comment ?? null,
        reviewed_at: now,
        reviewed_by: reviewer,
      })
      .where('id', '=', answer.id)
      .execute();
    const reasonLabel = input.reason ? RETURN_REASON_LABELS[input.reason] : null;
    await applyTransition(
      tx,
      row,
      input.decision === 'accept' ? 'accept' : 'return',
      input.decision === 'return' ? { final_answer_at: null } : {},
      { reason: input.reason ?? null },
    );
    await appendEvents(tx, [
      {
        caseId: row.id,
        type: 'review',
        data: { decision: input.decision, reason: reasonLabel, comment: input.comment ?? null },
      },
    ]);
    if (input.decision === 'accept') await publishAnswer(tx, row.id, answer.id);
  });
}
