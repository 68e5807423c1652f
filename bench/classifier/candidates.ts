// Named training settings compared by settings.ts and selectable in quality.ts (`--settings NAME`).
import type { TrainOptions } from '../../server/features/classifier/train';

/** Candidate settings (figures in README.md). */
export const SETTINGS: Readonly<Record<string, TrainOptions>> = {
  /** The platform's: character n-grams chosen on its own evaluation folds (word prefixes or all positions). */
  default: {},
  /** Word prefixes of 4–5 letters (charMin 5, charMax 6 with the padding), the default before the choice. */
  prefix: { features: { charMode: 'prefix' } },
  'prefix-4-7': { features: { charMin: 4, charMax: 7 } },
  'prefix-4-8': { features: { charMin: 4, charMax: 8 } },
  'all-3-6': { features: { charMode: 'all', charMin: 3, charMax: 6 } },
  'prune-0.03': { pruneRatio: 0.03 },
  'all-3-6-prune-0.03': { features: { charMode: 'all', charMin: 3, charMax: 6 }, pruneRatio: 0.03 },
  'all-2-6': { features: { charMode: 'all', charMin: 2, charMax: 6 } },
  'all-3-5': { features: { charMode: 'all', charMin: 3, charMax: 5 } },
  'balance-1': { svm: { balancePower: 1 } },
  'c-1': { svm: { c: 1 } },
};
