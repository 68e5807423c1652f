// Named training settings compared by settings.ts and selectable in quality.ts (`--settings NAME`).
import type { TrainOptions } from '../../server/features/classifier/train';

/** Candidate settings (figures in README.md). */
export const SETTINGS: Readonly<Record<string, TrainOptions>> = {
  default: {},
  'prefix-4-7': { features: { charMin: 4, charMax: 7 } },
  'prefix-4-8': { features: { charMin: 4, charMax: 8 } },
  'all-3-6': { features: { charMode: 'all', charMin: 3, charMax: 6 } },
  'prune-0.03': { pruneRatio: 0.03 },
  'balance-1': { svm: { balancePower: 1 } },
  'c-1': { svm: { c: 1 } },
};
