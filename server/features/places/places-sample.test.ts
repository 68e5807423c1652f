import { describe, expect, it } from 'vitest';
import holdout from './fixtures/places-holdout.json' with { type: 'json' };
import sample from './fixtures/places-sample.json' with { type: 'json' };
import { evaluatePlaces, parsePlacesSample } from './places-eval';
import { YAROSLAVL_GAZETTEER } from './yaroslavl-gazetteer';

describe('places on the hand-labelled sample', () => {
  const items = parsePlacesSample(sample);
  const result = evaluatePlaces(items, YAROSLAVL_GAZETTEER);

  it('has about eighty messages, with negatives', () => {
    expect(items.length).toBeGreaterThanOrEqual(80);
    expect(items.filter((i) => i.municipality === null).length).toBeGreaterThanOrEqual(10);
  });

  it('finds municipalities with high precision', () => {
    expect(result.municipality.precision).toBeGreaterThanOrEqual(0.95);
    expect(result.municipality.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('extracts streets and houses with high precision', () => {
    expect(result.streets.precision).toBeGreaterThanOrEqual(0.9);
    expect(result.streets.recall).toBeGreaterThanOrEqual(0.8);
    expect(result.addresses.precision).toBeGreaterThanOrEqual(0.9);
  });
});

describe('places on the held-out sample (never used for tuning)', () => {
  const result = evaluatePlaces(parsePlacesSample(holdout), YAROSLAVL_GAZETTEER);

  it('keeps precision high on text it was not tuned on', () => {
    expect(result.municipality.precision).toBeGreaterThanOrEqual(0.9);
    expect(result.municipality.recall).toBeGreaterThanOrEqual(0.8);
    expect(result.streets.precision).toBeGreaterThanOrEqual(0.9);
  });
});
