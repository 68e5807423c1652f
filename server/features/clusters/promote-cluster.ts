// A cluster of «прочие» becomes a category in one action: the category is created under the block, the
// cluster's cases move into it (each with a history event) and their texts become training examples, so the
// next retraining (otklik train --from-db) learns the new category.
import type { z } from 'zod';
import type { promoteClusterInputSchema } from '../../../shared/api/clusters';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { appendEvents } from '../cases/case-events';
import { recordTrainingExample } from '../classifier/retrain/record-training-example';

export interface PromoteResult {
  block: string;
  code: string;
  name: string;
  moved: number;
  skipped: number;
  trainingExamples: number;
}

export async function promoteCluster(
  ctx: Ctx,
  input: z.infer<typeof promoteClusterInputSchema>,
): Promise<PromoteResult> {
  const result = await withTransaction(ctx, async (tx) => {
    const ref = await tx.services.reference.get(tx.db);
    if (!ref.blocks.some((b) => b.code === input.block))
      throw new AppError('validation_failed', `Нет блока «${input.block}»`);
    const other = ref.categories.find((c) => c.blockCode === input.block && c.isOther);
    if (!other) throw new AppError('validation_failed', `В блоке «${input.block}» нет категории «прочие»`);
    if (ref.categories.some((c) => c.blockCode === input.block && c.code === input.code)) {
      throw new AppError('conflict', `Категория «${input.code}» в блоке «${input.block}» уже есть`);
    }
    await tx.db
      .insertInto('categories')
      .values({ block_code: input.block, code: input.code, name: input.name })
      .execute();
    // Only cases still in the block's «прочие» move: an operator may have reclassified some meanwhile.
    const cases = await tx.db
      .selectFrom('cases')
      .select(['id', 'summary', 'category_code'])
      .where('id', 'in', input.caseIds)
      .where('block_code', '=', input.block)
      .where('category_code', '=', other.code)
      .where('merged_into_id', 'is', null)
      .orderBy('id')
      .forUpdate()
      .execute();
    if (cases.length === 0)
      throw new AppError('invalid_transition', 'Ни одно из обращений кластера уже не относится к «прочим» этого блока');
    const ids = cases.map((c) => c.id);
    await tx.db
      .updateTable('cases')
      .set({ category_code: input.code, updated_at: tx.services.clock.now() })
      .where('id', 'in', ids)
      .execute();
    await appendEvents(
      tx,
      cases.map((c) => ({
        caseId: c.id,
        type: 'reclassified',
        data: {
          from: { block: input.block, category: other.code },
          to: { block: input.block, category: input.code },
          reason: 'разбор «прочих»: новая категория',
        },
      })),
    );
    const messages = await tx.db
      .selectFrom('messages')
      .select(['case_id', 'text'])
      .where('case_id', 'in', ids)
      .orderBy('id')
      .execute();
    const examples = messages.filter((m) => m.text.trim().length > 0);
    await recordTrainingExample(
      tx,
      examples.map((m) => ({
        text: m.text,
        block: input.block,
        category: input.code,
        source: 'cluster',
        caseId: m.case_id,
        previous: { block: input.block, category: other.code },
      })),
    );
    return {
      block: input.block,
      code: input.code,
      name: input.name,
      moved: cases.length,
      skipped: input.caseIds.length - cases.length,
      trainingExamples: examples.length,
    };
  });
  ctx.services.reference.invalidate();
  return result;
}
