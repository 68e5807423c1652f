// Precision and recall of the places feature on a labelled sample (fixtures/places-sample.json):
// municipality per message, streets and street+house pairs per message. Used by the tests and the
// benchmark (bench/understanding/precision.ts).
import { z } from 'zod';
import { extractAddresses } from './addresses';
import { findMunicipality } from './find-municipality';
import type { Gazetteer } from './gazetteer';
import { normalizeText } from './inflect';

const sampleSchema = z.object({
  items: z
    .array(
      z.object({
        text: z.string().min(1),
        municipality: z.string().nullable(),
        streets: z.array(z.object({ street: z.string().min(1), house: z.string().optional() })),
      }),
    )
    .min(1),
});

export type PlacesSampleItem = z.infer<typeof sampleSchema>['items'][number];

export function parsePlacesSample(raw: unknown): PlacesSampleItem[] {
  return sampleSchema.parse(raw).items;
}

export interface PrecisionRecall {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
}

export function precisionRecall(tp: number, fp: number, fn: number): PrecisionRecall {
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    tp,
    fp,
    fn,
    precision: round(tp + fp === 0 ? 1 : tp / (tp + fp)),
    recall: round(tp + fn === 0 ? 1 : tp / (tp + fn)),
  };
}

export interface PlacesEvaluation {
  readonly municipality: PrecisionRecall;
  readonly streets: PrecisionRecall;
  readonly addresses: PrecisionRecall;
  /** One line per disagreement, for reading. */
  readonly errors: readonly string[];
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function countSets(found: readonly string[], expected: readonly string[], into: Counts): string[] {
  const exp = new Set(expected);
  const got = new Set(found);
  const extra = [...got].filter((x) => !exp.has(x));
  const missed = [...exp].filter((x) => !got.has(x));
  into.tp += got.size - extra.length;
  into.fp += extra.length;
  into.fn += missed.length;
  return [...extra.map((x) => `+${x}`), ...missed.map((x) => `-${x}`)];
}

const key = (street: string, house?: string): string => `${normalizeText(street)}|${house ?? ''}`;

export function evaluatePlaces(items: readonly PlacesSampleItem[], gazetteer: Gazetteer): PlacesEvaluation {
  const muni: Counts = { tp: 0, fp: 0, fn: 0 };
  const streets: Counts = { tp: 0, fp: 0, fn: 0 };
  const full: Counts = { tp: 0, fp: 0, fn: 0 };
  const errors: string[] = [];
  for (const item of items) {
    const got = findMunicipality(item.text, gazetteer)?.code ?? null;
    if (got !== null && got === item.municipality) muni.tp += 1;
    if (got !== null && got !== item.municipality) muni.fp += 1;
    if (item.municipality !== null && got !== item.municipality) muni.fn += 1;
    if (got !== item.municipality)
      errors.push(`municipality ${String(got)} ≠ ${String(item.municipality)}: ${item.text}`);
    const found = extractAddresses(item.text);
    const streetDiff = countSets(
      found.map((a) => key(a.street)),
      item.streets.map((s) => key(s.street)),
      streets,
    );
    if (streetDiff.length > 0) errors.push(`streets ${streetDiff.join(' ')}: ${item.text}`);
    const withHouse = (xs: readonly { street: string; house?: string }[]): string[] =>
      xs.filter((x) => x.house !== undefined).map((x) => key(x.street, x.house));
    const fullDiff = countSets(withHouse(found), withHouse(item.streets), full);
    if (fullDiff.length > 0) errors.push(`houses ${fullDiff.join(' ')}: ${item.text}`);
  }
  return {
    municipality: precisionRecall(muni.tp, muni.fp, muni.fn),
    streets: precisionRecall(streets.tp, streets.fp, streets.fn),
    addresses: precisionRecall(full.tp, full.fp, full.fn),
    errors,
  };
}
