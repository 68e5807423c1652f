import { describe, expect, it } from 'vitest';
import { PLACE_FLAGS, readClassification } from './classification-panel';

describe('classification of the card', () => {
  it("reads the classifier's category and the citizen's choice when the case keeps one", () => {
    const info = readClassification({
      block: 'tko',
      category: 'collection',
      confidence: 0.9,
      top: [{ label: 'tko.collection', score: 0.9 }],
      model: 'm',
      citizen: { block: 'health', category: 'drugs' },
    });
    expect(info).toMatchObject({
      classifier: { block: 'tko', category: 'collection' },
      citizen: { block: 'health', category: 'drugs' },
      model: 'm',
    });
    expect(readClassification({ block: null, category: null, top: [] })).toMatchObject({
      classifier: null,
      citizen: null,
    });
    expect(readClassification('broken')).toEqual({ top: [], model: null, classifier: null, citizen: null });
  });

  it('tells place flags from urgency flags', () => {
    expect([...PLACE_FLAGS].sort()).toEqual(['outside_region', 'place_conflict']);
  });
});
