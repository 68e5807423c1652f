// The hand-written seed material of the default classifier, block by block, as training examples.
import type { HierarchicalExample } from '../hierarchy';
import { EDUCATION } from './education';
import { ENERGY } from './energy';
import { HEALTH } from './health';
import { IMPROVEMENT } from './improvement';
import { OTHER } from './other';
import { ROADS } from './roads';
import { SOCIAL } from './social';
import { TKO } from './tko';
import { TRANSPORT } from './transport';
import type { BlockSeed } from './types';
import { ZHKH } from './zhkh';

export const DEFAULT_SEEDS: readonly BlockSeed[] = [ZHKH, TKO, ENERGY, EDUCATION, HEALTH, ROADS, TRANSPORT, SOCIAL, IMPROVEMENT, OTHER];

/** Examples and key phrases labelled with block and category; block key words with the block only. */
export const seedExamples = (seeds: readonly BlockSeed[] = DEFAULT_SEEDS): HierarchicalExample[] =>
  seeds.flatMap((seed) => [
    ...seed.keywords.map((text) => ({ text, block: seed.block })),
    ...Object.entries(seed.categories).flatMap(([category, c]) =>
      [...c.examples, ...c.keywords].map((text) => ({ text, block: seed.block, category }))),
  ]);
