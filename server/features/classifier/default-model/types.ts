// Shape of the hand-written seed material of the default classifier (one file per block).

export interface CategorySeed {
  /** Key words and short phrases typical of the category (each is used as a tiny training text). */
  readonly keywords: readonly string[];
  /** Short realistic messages written for this project (not taken from any real data set). */
  readonly examples: readonly string[];
}

export interface BlockSeed {
  readonly block: string;
  /** Words that point at the block as a whole rather than at one of its categories. */
  readonly keywords: readonly string[];
  readonly categories: Readonly<Record<string, CategorySeed>>;
}
