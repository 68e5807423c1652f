// The default classifier for the default taxonomy, trained at first use from the hand-written seeds
// (about a second) and cached for the process.
import { trainHierarchical, type HierarchicalModels } from '../hierarchy';
import { seedExamples } from './seeds';

let cached: HierarchicalModels | null = null;

const DEFAULT_CREATED_AT = new Date('2026-01-01T00:00:00Z');

/** The default block → category classifier (trained once per process, deterministic). */
export const loadDefaultClassifier = (): HierarchicalModels => {
  cached ??= trainHierarchical(seedExamples(), {
    seed: 1,
    now: () => DEFAULT_CREATED_AT,
    description: 'default classifier: hand-written key phrases and example messages for the default taxonomy',
  });
  return cached;
};
