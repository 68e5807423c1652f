import { trainHierarchical } from '../features/classifier/hierarchy';

/** A classifier trained on four texts of two blocks: a "retrained version" that answers differently from the shipped one. */
export const smallRetrainedModel = (at: Date) =>
  trainHierarchical(
    [
      { text: 'не вывозят мусор контейнеры', block: 'tko', category: 'collection' },
      { text: 'свалка в лесу', block: 'tko', category: 'dumps' },
      { text: 'яма на дороге асфальт', block: 'roads', category: 'potholes' },
      { text: 'не чистят снег на дороге', block: 'roads', category: 'winter' },
    ],
    { seed: 3, now: () => at },
  );
