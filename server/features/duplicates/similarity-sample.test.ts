import { describe, expect, it } from 'vitest';
import { YAROSLAVL_GAZETTEER } from '../places';
import holdout from './fixtures/duplicates-holdout.json' with { type: 'json' };
import sample from './fixtures/duplicates-sample.json' with { type: 'json' };
import { evaluateDuplicates, parseDuplicatesSample } from './similarity-eval';

describe('duplicate scoring on the hand-labelled pairs', () => {
  const pairs = parseDuplicatesSample(sample);
  const result = evaluateDuplicates(pairs, YAROSLAVL_GAZETTEER);

  it('has about sixty pairs of both labels', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(60);
    expect(pairs.filter((p) => p.label === 'duplicate').length).toBeGreaterThanOrEqual(25);
    expect(pairs.filter((p) => p.label === 'not_duplicate').length).toBeGreaterThanOrEqual(25);
  });

  it('is precise about duplicates', () => {
    expect(result.duplicate.precision).toBeGreaterThanOrEqual(0.95);
    expect(result.duplicate.recall).toBeGreaterThanOrEqual(0.7);
  });

  it('shows nearly every real duplicate to the operator, at least as a suggestion', () => {
    expect(result.shownRecall).toBeGreaterThanOrEqual(0.9);
  });
});

describe('duplicate scoring on the held-out pairs (first written to check, then fixed for general causes)', () => {
  const result = evaluateDuplicates(parseDuplicatesSample(holdout), YAROSLAVL_GAZETTEER);

  it('stays precise', () => {
    expect(result.duplicate.precision).toBeGreaterThanOrEqual(0.85);
    expect(result.shownRecall).toBeGreaterThanOrEqual(0.9);
  });
});
