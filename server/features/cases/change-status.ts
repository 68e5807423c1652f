import type { z } from 'zod';
import type { transitionInputSchema } from '../../../shared/api/cases';
import { type Ctx, withTransaction } from '../../lib/context';
import { applyTransition } from './apply-transition';
import { loadCaseForUpdate } from './load-case';
import { pendingFinalAnswer, publishAnswer } from './publish-answer';

const PERMISSION_FOR = { take: 'answer', close: 'review', reopen: 'triage', send_to_triage: 'triage' } as const;

/** Plain lifecycle steps: take into work, close, reopen, send back to triage. */
export async function changeStatus(ctx: Ctx, caseId: string, input: z.infer<typeof transitionInputSchema>): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const row = await loadCaseForUpdate(tx, caseId, PERMISSION_FOR[input.action]);
    const now = tx.services.clock.now();
    await applyTransition(tx, row, input.action, input.action === 'close' ? { closed_at: now } : input.action === 'reopen' ? { closed_at: null } : {},
      { comment: input.comment ?? null });
    // Closing an answered case is ЦУР's decision on the answer waiting for review: it is published with the closure.
    if (input.action === 'close' && row.status === 'answered') {
      const pending = await pendingFinalAnswer(tx, row.id);
      if (pending) await publishAnswer(tx, row.id, pending.id);
    }
  });
}
