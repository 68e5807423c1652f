import type { z } from 'zod';
import type { rejectInputSchema } from '../../../shared/api/cases';
import { REJECTION_REASON_LABELS } from '../../../shared/cases/case-status';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { appendEvents } from './case-events';
import { applyTransition } from './apply-transition';
import { loadCaseForUpdate } from './load-case';

/** Rejection with a reason (not our competence, spam, duplicate of another case). */
export async function rejectCase(ctx: Ctx, caseId: string, input: z.infer<typeof rejectInputSchema>): Promise<void> {
  if (input.reason === 'duplicate' && !input.duplicateOf)
    throw new AppError('validation_failed', 'Укажите номер основного обращения');
  await withTransaction(ctx, async (tx) => {
    const row = await loadCaseForUpdate(tx, caseId, 'triage');
    const label = REJECTION_REASON_LABELS[input.reason];
    await applyTransition(
      tx,
      row,
      'reject',
      {
        rejection_reason: input.comment ? `${label}: ${input.comment}` : label,
        closed_at: tx.services.clock.now(),
      },
      { reason: input.reason, duplicateOf: input.duplicateOf ?? null },
    );
    await appendEvents(tx, [
      { caseId: row.id, type: 'rejected', data: { reason: label, comment: input.comment ?? null } },
    ]);
  });
}
