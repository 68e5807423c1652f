// Precision and recall of duplicate scoring on labelled pairs (fixtures/duplicates-sample.json). Each
// side goes through the places feature first, as intake would: municipality (unless given), addresses,
// and the locality (village, town, city district) below a big city.
import { z } from 'zod';
import { extractAddresses, findMunicipality, type Gazetteer } from '../places';
import { comparePair, type DuplicateDecision, type DuplicateOptions, type SimilarityMessage } from './similarity';

const sideSchema = z.object({
  text: z.string().min(1),
  createdAt: z.string().min(1),
  channel: z.string().optional(),
  municipalityCode: z.string().optional(),
  category: z.string().optional(),
});

const sampleSchema = z.object({
  pairs: z
    .array(
      z.object({
        id: z.string(),
        label: z.enum(['duplicate', 'not_duplicate']),
        note: z.string(),
        a: sideSchema,
        b: sideSchema,
      }),
    )
    .min(1),
});

export type DuplicatePair = z.infer<typeof sampleSchema>['pairs'][number];
type Side = z.infer<typeof sideSchema>;

export function parseDuplicatesSample(raw: unknown): DuplicatePair[] {
  return sampleSchema.parse(raw).pairs;
}

/** A message as intake would see it after the places feature. */
export function toSimilarityMessage(side: Side, gazetteer: Gazetteer): SimilarityMessage {
  const match = findMunicipality(side.text, gazetteer);
  const locality = match && match.placeType !== 'municipality' && match.placeType !== 'city' ? match.place : null;
  return {
    text: side.text,
    createdAt: side.createdAt,
    municipalityCode: side.municipalityCode ?? match?.code ?? null,
    addresses: extractAddresses(side.text),
    category: side.category ?? null,
    locality,
  };
}

export interface DuplicatesEvaluation {
  /** `duplicate` decisions against `duplicate` labels. */
  readonly duplicate: {
    readonly tp: number;
    readonly fp: number;
    readonly fn: number;
    readonly precision: number;
    readonly recall: number;
  };
  /** Share of labelled duplicates shown to the operator at all (`duplicate` or `suggest`). */
  readonly shownRecall: number;
  readonly decisions: readonly {
    readonly id: string;
    readonly label: string;
    readonly decision: DuplicateDecision;
    readonly reasons: readonly string[];
  }[];
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

export function evaluateDuplicates(
  pairs: readonly DuplicatePair[],
  gazetteer: Gazetteer,
  options: DuplicateOptions = {},
): DuplicatesEvaluation {
  const decisions = pairs.map((p) => {
    const r = comparePair(toSimilarityMessage(p.b, gazetteer), toSimilarityMessage(p.a, gazetteer), options);
    return { id: p.id, label: p.label, decision: r.decision, reasons: r.reasons };
  });
  const positives = decisions.filter((d) => d.label === 'duplicate');
  const tp = positives.filter((d) => d.decision === 'duplicate').length;
  const fp = decisions.filter((d) => d.label !== 'duplicate' && d.decision === 'duplicate').length;
  const fn = positives.length - tp;
  return {
    duplicate: {
      tp,
      fp,
      fn,
      precision: round(tp + fp === 0 ? 1 : tp / (tp + fp)),
      recall: round(positives.length === 0 ? 1 : tp / positives.length),
    },
    shownRecall: round(
      positives.length === 0 ? 1 : positives.filter((d) => d.decision !== 'none').length / positives.length,
    ),
    decisions,
  };
}
