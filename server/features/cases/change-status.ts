import type { z } from 'zod';
import type { transitionInputSchema } from '../../../shared/api/cases';
import { type Ctx, withTransaction } from '../../lib/context';
import { applyTransition } from './apply-transition';
import { loadCaseForUpdate } from './load-case';

const PERMISSION_FOR = {
  take: 'answer',
  close: 'review',
  reopen: 'triage',
  send_to_triage: 'triage',
  decline: 'answer',
} as const;

/**
 * Plain lifecycle steps: take into work, close, reopen, send back to triage; the executor's «not our competence»
 * (decline) sends the case back to ЦУР's triage with the reason in its comment. Closing and reopening wait for ЦУР's
 * review of the final answer (`shared/cases/case-status.ts`): an answer pending review is accepted or returned first.
 */
export async function changeStatus(
  ctx: Ctx,
  caseId: string,
  input: z.infer<typeof transitionInputSchema>,
): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const row = await loadCaseForUpdate(tx, caseId, PERMISSION_FOR[input.action]);
    const now = tx.services.clock.now();
    await applyTransition(
      tx,
      row,
      input.action,
      input.action === 'close' ? { closed_at: now } : input.action === 'reopen' ? { closed_at: null } : {},
      { comment: input.comment ?? null },
    );
  });
}
