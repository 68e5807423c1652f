import type { z } from 'zod';
import type { rejectInputSchema, transitionInputSchema, extendInputSchema } from '../../../shared/api/cases';
import { REJECTION_REASON_LABELS } from '../../../shared/cases/case-status';
import { extendFinalDeadline } from '../../../shared/deadlines/deadlines';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { canExtend } from '../../../shared/cases/case-rules';
import { appendEvents } from './case-events';
import { caseFacts } from './cases.policy';
import { changeCase, loadCaseForUpdate } from './load-case';
import { pendingFinalAnswer, publishAnswer } from './publish-answer';

const PERMISSION_FOR = { take: 'answer', close: 'review', reopen: 'triage', send_to_triage: 'triage' } as const;

/** Plain lifecycle steps: take into work, close, reopen, send back to triage. */
export async function changeStatus(ctx: Ctx, caseId: string, input: z.infer<typeof transitionInputSchema>): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const row = await loadCaseForUpdate(tx, caseId, PERMISSION_FOR[input.action]);
    const now = tx.services.clock.now();
    await changeCase(tx, row, input.action, input.action === 'close' ? { closed_at: now } : input.action === 'reopen' ? { closed_at: null } : {},
      { comment: input.comment ?? null });
    // Closing an answered case is ЦУР's decision on the answer waiting for review: it is published with the closure.
    if (input.action === 'close' && row.status === 'answered') {
      const pending = await pendingFinalAnswer(tx, row.id);
      if (pending) await publishAnswer(tx, row.id, pending.id);
    }
  });
}

/** Rejection with a reason (not our competence, spam, duplicate of another case). */
export async function rejectCase(ctx: Ctx, caseId: string, input: z.infer<typeof rejectInputSchema>): Promise<void> {
  if (input.reason === 'duplicate' && !input.duplicateOf) throw new AppError('validation_failed', 'Укажите номер основного обращения');
  await withTransaction(ctx, async (tx) => {
    const row = await loadCaseForUpdate(tx, caseId, 'triage');
    const label = REJECTION_REASON_LABELS[input.reason];
    await changeCase(tx, row, 'reject', {
      rejection_reason: input.comment ? `${label}: ${input.comment}` : label, closed_at: tx.services.clock.now(),
    }, { reason: input.reason, duplicateOf: input.duplicateOf ?? null });
    await appendEvents(tx, [{ caseId: row.id, type: 'rejected', data: { reason: label, comment: input.comment ?? null } }]);
  });
}

/** 59-ФЗ style extension of the final-answer deadline: once, up to 30 days, with a reason. */
export async function extendDeadline(ctx: Ctx, caseId: string, input: z.infer<typeof extendInputSchema>): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const row = await loadCaseForUpdate(tx, caseId, 'extend');
    if (!row.final_answer_due_at) throw new AppError('invalid_transition', 'У обращения нет срока окончательного ответа');
    const facts = caseFacts(row);
    // A second extension is refused below with the 59-ФЗ wording; anything else the rule refuses is already answered.
    if (!canExtend({ ...facts, extensionsUsed: 0 })) throw new AppError('invalid_transition', 'Ответ уже дан: продлевать нечего');
    const result = extendFinalDeadline({
      dueAt: row.final_answer_due_at, extensionsUsed: row.extensions_used, days: input.days, reason: input.reason, calendar: tx.services.calendar,
    });
    if (!result.ok) throw new AppError('invalid_transition', result.message);
    await tx.db.updateTable('cases').set({ final_answer_due_at: result.dueAt, extensions_used: row.extensions_used + 1 })
      .where('id', '=', row.id).execute();
    await appendEvents(tx, [{ caseId: row.id, type: 'extended', data: {
      from: row.final_answer_due_at.toISOString(), to: result.dueAt.toISOString(), days: input.days, reason: input.reason,
    } }]);
  });
}
