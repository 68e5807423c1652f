// Two-level classification for a block → category taxonomy: one model for blocks and one per block
// for its categories; the confidence of a pair is P(block) · P(category | block).
import { predictProbabilities, type Model } from './model';
import { trainModel, type TrainOptions } from './train';

export interface HierarchicalModels {
  readonly blocks: Model;
  /** Category model of each block, by block code. */
  readonly categories: Readonly<Record<string, Model>>;
}

export interface HierarchicalExample {
  readonly text: string;
  readonly block: string;
  /** Absent for texts that only characterise the block. */
  readonly category?: string;
}

export interface BlockCategoryScore {
  readonly block: string;
  readonly category: string;
  readonly score: number;
}

export interface MessageClassification {
  readonly block: string;
  readonly category: string;
  /** P(block) · P(category | block), calibrated. */
  readonly confidence: number;
  /** Best (block, category) pairs by joint probability, highest first. */
  readonly top: readonly BlockCategoryScore[];
}

/**
 * The block model and one category model per block. Trained with fixed settings (no choice on the folds): the
 * default classifier is trained at first use in every process, and a retrained version is judged by a trial model
 * trained the same way as the one that is stored.
 */
export const trainHierarchical = (
  examples: readonly HierarchicalExample[],
  given: TrainOptions = {},
): HierarchicalModels => {
  const options: TrainOptions = { tune: false, ...given };
  const blocks = trainModel(
    examples.map((e) => ({ text: e.text, label: e.block })),
    options,
  );
  const codes = [...new Set(examples.map((e) => e.block))].sort();
  const categories: Record<string, Model> = {};
  for (const code of codes) {
    const own = examples.filter((e) => e.block === code && e.category);
    if (own.length > 0)
      categories[code] = trainModel(
        own.map((e) => ({ text: e.text, label: e.category ?? '' })),
        options,
      );
  }
  return { blocks, categories };
};

const BLOCKS_EXPANDED = 3;

/** Block, category and calibrated confidence of a message, with the best alternatives. */
export const classifyMessage = (
  models: HierarchicalModels,
  text: string | null | undefined,
  options: { top?: number } = {},
): MessageClassification => {
  const blockP = predictProbabilities(models.blocks, text);
  const order = [...blockP.keys()].sort((a, b) => (blockP[b] ?? 0) - (blockP[a] ?? 0));
  const pairs: BlockCategoryScore[] = [];
  order.slice(0, BLOCKS_EXPANDED).forEach((b) => {
    const block = models.blocks.labels[b] ?? '';
    const model = models.categories[block];
    if (!model) {
      pairs.push({ block, category: '', score: blockP[b] ?? 0 });
      return;
    }
    const categoryP = predictProbabilities(model, text);
    model.labels.forEach((category, c) =>
      pairs.push({ block, category, score: (blockP[b] ?? 0) * (categoryP[c] ?? 0) }),
    );
  });
  const best = order[0] ?? 0;
  const bestBlock = models.blocks.labels[best] ?? '';
  const inBest = pairs.filter((p) => p.block === bestBlock).sort((a, b) => b.score - a.score)[0];
  pairs.sort((a, b) => b.score - a.score);
  const chosen = inBest ?? pairs[0] ?? { block: bestBlock, category: '', score: 0 };
  return {
    block: chosen.block,
    category: chosen.category,
    confidence: chosen.score,
    top: pairs.slice(0, options.top ?? 5),
  };
};
