import { describe, expect, it } from 'vitest';
import { YAROSLAVL_GAZETTEER } from '../places';
import holdout from './fixtures/duplicates-holdout.json' with { type: 'json' };
import sample from './fixtures/duplicates-sample.json' with { type: 'json' };
import { evaluateDuplicates, parseDuplicatesSample, toSimilarityMessage } from './similarity-eval';
import { comparePair, mayBeDuplicate } from './similarity';

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

describe('a message without a municipality or a point can never be joined (intake skips the candidate query)', () => {
  const pairs = [...parseDuplicatesSample(sample), ...parseDuplicatesSample(holdout)];
  const point = { lat: 57.6261, lon: 39.8845 };

  it('no pair is a duplicate once the new message loses its municipality, whatever the case has', () => {
    let joinedWithPlace = 0;
    for (const p of pairs) {
      const a = toSimilarityMessage(p.a, YAROSLAVL_GAZETTEER);
      const b = toSimilarityMessage(p.b, YAROSLAVL_GAZETTEER);
      if (mayBeDuplicate(b) && comparePair(b, a).decision === 'duplicate') joinedWithPlace++;
      const placeless = { ...b, municipalityCode: null, point: null };
      expect(mayBeDuplicate(placeless)).toBe(false);
      for (const caseSide of [a, { ...a, point }, { ...a, municipalityCode: null }])
        expect(comparePair(placeless, caseSide).decision, p.id).not.toBe('duplicate');
    }
    // The same pairs with their place do join: the check above is not vacuous.
    expect(joinedWithPlace).toBeGreaterThanOrEqual(20);
  });

  it('a point alone keeps the candidates (one point on the map may be the same place)', () => {
    const a = { text: 'Яма на дороге у остановки', createdAt: '2025-01-13T08:00:00Z', point };
    const b = { text: 'Огромная яма на дороге возле остановки', createdAt: '2025-01-13T09:00:00Z', point };
    expect(mayBeDuplicate(b)).toBe(true);
    expect(comparePair(b, a).decision).toBe('duplicate');
  });
});
