import type { Ctx } from '../../../lib/context';

/** An operator's decision on the category of a text, for retraining the classifier (retrain.ts). */
export interface TrainingExample {
  readonly text: string;
  readonly block: string;
  readonly category: string;
  /** 'correction': an operator reclassified a case; 'cluster': a cluster of «прочие» became a category. */
  readonly source: 'correction' | 'cluster';
  /** The case the text comes from (the erasure of personal data rewrites its examples too). */
  readonly caseId: string | null;
  /** The category the text had before the decision. */
  readonly previous: { readonly block: string | null; readonly category: string | null };
}

/** Stores training examples in one shape, whoever writes them; attributed to ctx.actor, in ctx's transaction. */
export async function recordTrainingExample(
  ctx: Ctx,
  examples: TrainingExample | readonly TrainingExample[],
): Promise<void> {
  const list = Array.isArray(examples) ? (examples as readonly TrainingExample[]) : [examples as TrainingExample];
  if (list.length === 0) return;
  const createdBy = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  await ctx.db
    .insertInto('training_examples')
    .values(
      list.map((e) => ({
        text: e.text,
        block_code: e.block,
        category_code: e.category,
        source: e.source,
        case_id: e.caseId,
        previous: JSON.stringify({ block: e.previous.block, category: e.previous.category }),
        created_by: createdBy,
      })),
    )
    .execute();
}
