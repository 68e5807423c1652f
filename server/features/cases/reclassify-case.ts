import type { z } from 'zod';
import type { reclassifyInputSchema } from '../../../shared/api/cases';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { recordTrainingExample } from '../classifier/retrain/record-training-example';
import { decideRoute } from '../reference/routing';
import { appendEvents } from './case-events';
import { applyTransition } from './apply-transition';
import { loadCaseForUpdate } from './load-case';
import { canReclassify } from '../../../shared/cases/case-rules';
import { caseFacts } from './cases.policy';

/**
 * An operator's correction of block, category, municipality (and optionally organisation). The correction is stored
 * as a training example for the classifier; a case in triage is then routed by the rules (or to the given organisation).
 */
export async function reclassifyCase(
  ctx: Ctx,
  caseId: string,
  input: z.infer<typeof reclassifyInputSchema>,
): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const row = await loadCaseForUpdate(tx, caseId, 'triage');
    if (!canReclassify(caseFacts(row)))
      throw new AppError('invalid_transition', 'Закрытое или отклонённое обращение не переклассифицируется');
    const ref = await tx.services.reference.get(tx.db);
    if (!ref.categories.some((c) => c.blockCode === input.block && c.code === input.category)) {
      throw new AppError('validation_failed', `Нет категории ${input.block}.${input.category}`);
    }
    const municipality =
      input.municipality === undefined
        ? undefined
        : input.municipality === null
          ? null
          : ref.municipalityByCode.get(input.municipality);
    if (municipality === undefined && input.municipality)
      throw new AppError('validation_failed', 'Неизвестный муниципалитет');
    const municipalityId = municipality === undefined ? row.municipality_id : (municipality?.id ?? null);
    await tx.db
      .updateTable('cases')
      .set({ block_code: input.block, category_code: input.category, municipality_id: municipalityId })
      .where('id', '=', row.id)
      .execute();
    await recordTrainingExample(tx, {
      text: row.summary,
      block: input.block,
      category: input.category,
      source: 'correction',
      caseId: row.id,
      previous: { block: row.block_code, category: row.category_code },
    });
    await appendEvents(tx, [
      {
        caseId: row.id,
        type: 'reclassified',
        data: {
          from: { block: row.block_code, category: row.category_code },
          to: { block: input.block, category: input.category },
          municipalityId,
        },
      },
    ]);
    const organisationId =
      input.organisationId ??
      decideRoute(
        ref.routingRules,
        { block: input.block, category: input.category, municipalityId },
        ref.adminOfMunicipality,
      )?.organisationId;
    if (organisationId && (row.status === 'triage' || row.status === 'new')) {
      await applyTransition(
        tx,
        { ...row, municipality_id: municipalityId },
        'route',
        { organisation_id: organisationId },
        { reason: 'после исправления классификации' },
      );
    }
  });
}
