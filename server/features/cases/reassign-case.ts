import type { z } from 'zod';
import type { reassignInputSchema } from '../../../shared/api/cases';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { appendEvents } from './case-events';
import { applyTransition } from './apply-transition';
import { loadCaseForUpdate } from './load-case';

/** Hands the case to another organisation with a reason; the new organisation sees it at once. */
export async function reassignCase(
  ctx: Ctx,
  caseId: string,
  input: z.infer<typeof reassignInputSchema>,
): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const row = await loadCaseForUpdate(tx, caseId, 'triage');
    const ref = await tx.services.reference.get(tx.db);
    const org = ref.organisationById.get(input.organisationId);
    if (!org) throw new AppError('not_found', 'Организация не найдена');
    const action = row.status === 'triage' || row.status === 'new' ? 'route' : 'reassign';
    await applyTransition(tx, row, action, { organisation_id: org.id }, { reason: input.reason });
    await appendEvents(tx, [
      {
        caseId: row.id,
        type: 'reassigned',
        data: { from: row.organisation_id, to: org.id, toName: org.name, reason: input.reason },
      },
    ]);
  });
}
