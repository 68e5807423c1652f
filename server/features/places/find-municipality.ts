// Resolves a message to one municipality of the gazetteer. When several municipalities are mentioned,
// the most specific place wins (a village or city district over a town, a town over a district-level
// adjective, any place over a demonym, anything over a destination «до Ярославля»), then the most
// mentioned one, then the first; the others are returned as alternatives and lower the confidence.
import type { Gazetteer, PlaceType } from './gazetteer';
import { findPlaceMentions, type PlaceMention } from './place-mentions';

export interface MunicipalityAlternative {
  readonly code: string;
  readonly name: string;
  readonly matched: string;
}

export interface MunicipalityMatch {
  readonly code: string;
  readonly name: string;
  /** The words of the text that decided it, as written. */
  readonly matched: string;
  /** 0..1: how sure the match is (ambiguity with other municipalities lowers it). */
  readonly confidence: number;
  readonly place: string;
  readonly placeType: PlaceType;
  readonly alternatives: readonly MunicipalityAlternative[];
  readonly explanation: string;
}

const SPECIFICITY: Readonly<Record<PlaceType, number>> = {
  municipality: 1,
  city: 2,
  town: 2,
  settlement: 3,
  village: 3,
  city_district: 3,
  microdistrict: 3,
};

const BASE_CONFIDENCE: Readonly<Record<PlaceType, number>> = {
  municipality: 0.9,
  city: 0.9,
  town: 0.9,
  settlement: 0.85,
  village: 0.85,
  city_district: 0.8,
  microdistrict: 0.8,
};

const DEMONYM_CONFIDENCE = 0.6;

const TYPE_LABEL: Readonly<Record<PlaceType, string>> = {
  municipality: 'округ',
  city: 'город',
  town: 'город',
  settlement: 'посёлок',
  village: 'село, деревня',
  city_district: 'район города',
  microdistrict: 'микрорайон',
};

/** Demonyms count least; a destination («до Ярославля») counts below any place where something is. */
function specificity(m: PlaceMention): number {
  const own = m.demonym ? 0 : SPECIFICITY[m.placeType];
  return m.destination ? own - 4 : own;
}

interface CodeEvidence {
  readonly code: string;
  readonly best: PlaceMention;
  readonly count: number;
}

function evidenceByCode(mentions: readonly PlaceMention[]): CodeEvidence[] {
  const groups = new Map<string, PlaceMention[]>();
  for (const m of mentions) groups.set(m.code, [...(groups.get(m.code) ?? []), m]);
  return [...groups.entries()].map(([code, list]) => {
    const best = list.reduce((a, b) => (specificity(b) > specificity(a) ? b : a));
    return { code, best, count: list.length };
  });
}

function rank(a: CodeEvidence, b: CodeEvidence): number {
  return specificity(b.best) - specificity(a.best) || b.count - a.count || a.best.start - b.best.start;
}

function confidenceOf(winner: CodeEvidence, others: readonly CodeEvidence[]): number {
  const m = winner.best;
  let c = m.demonym ? DEMONYM_CONFIDENCE : BASE_CONFIDENCE[m.placeType];
  if (m.afterMarker) c += 0.05;
  if (others.some((o) => specificity(o.best) === specificity(m))) c -= 0.3;
  else if (others.length > 0) c -= 0.15;
  return Math.round(Math.min(0.99, Math.max(0.1, c)) * 100) / 100;
}

function explain(winner: CodeEvidence, others: readonly CodeEvidence[]): string {
  const m = winner.best;
  const kind = m.demonym ? 'жители' : TYPE_LABEL[m.placeType];
  const head = `«${m.matched}» → ${m.placeName} (${kind}) → ${m.municipalityName}`;
  if (others.length === 0) return head;
  const rest = others.map((o) => `«${o.best.matched}» → ${o.best.municipalityName}`).join('; ');
  return (
    `${head}; также упомянуто: ${rest}. Выбрано более конкретное место (населённый пункт или район города ` +
    'важнее города, город важнее округа, пункт назначения «до …» слабее всего), при равенстве — чаще упомянутое, затем первое.'
  );
}

/** The municipality a message is about, or null when it names no place of the gazetteer. */
export function findMunicipality(text: string, gazetteer: Gazetteer): MunicipalityMatch | null {
  const ranked = evidenceByCode(findPlaceMentions(text, gazetteer)).sort(rank);
  const [winner, ...others] = ranked;
  if (!winner) return null;
  return {
    code: winner.code,
    name: winner.best.municipalityName,
    matched: winner.best.matched,
    confidence: confidenceOf(winner, others),
    place: winner.best.placeName,
    placeType: winner.best.placeType,
    alternatives: others.map((o) => ({ code: o.code, name: o.best.municipalityName, matched: o.best.matched })),
    explanation: explain(winner, others),
  };
}
