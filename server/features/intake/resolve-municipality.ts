import type { MunicipalityRef, ReferenceSnapshot } from '../reference/reference.repository';
import type { Analysis, PlaceEvidence } from '../understanding/message-analyzer';
import { PLACE_SOURCES, type PlaceSource } from '../../../shared/reference/place-sources';

export { PLACE_SOURCES, PLACE_SOURCE_LABELS, type PlaceSource } from '../../../shared/reference/place-sources';

const norm = (s: string): string => s.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/**
 * Normalised full name, short name and code → municipality, built once per list of municipalities (a reference
 * snapshot): the first municipality in the list that answers to a name wins, as a scan of the list would give.
 */
const indexes = new WeakMap<readonly MunicipalityRef[], Map<string, MunicipalityRef>>();
function nameIndex(municipalities: readonly MunicipalityRef[]): Map<string, MunicipalityRef> {
  let index = indexes.get(municipalities);
  if (!index) {
    index = new Map();
    for (const m of municipalities) {
      for (const key of [norm(m.name), norm(m.shortName), m.code]) if (!index.has(key)) index.set(key, m);
    }
    indexes.set(municipalities, index);
  }
  return index;
}

export interface PlaceDecision {
  municipality: MunicipalityRef | null;
  source: PlaceSource | null;
  /** The channel's coordinates lie outside the region's boundaries. */
  outside: boolean;
  /** What each kind of evidence said (code), when it said anything. */
  evidence: Partial<Record<PlaceSource, string>>;
  /** The evidence that names another municipality than the chosen one. */
  disagreements: { source: PlaceSource; code: string }[];
}

type Places = Pick<ReferenceSnapshot, 'municipalities' | 'municipalityByCode'>;

/**
 * The municipality of a message by the order of evidence: the source's own municipality field (when it names one of
 * ours), then the unit containing the coordinates, then the structured address, then the text. A point outside the
 * region decides nothing and is reported; evidence that names another municipality is listed as a disagreement.
 */
export function decidePlace(
  ref: Places,
  sourceName: string | null | undefined,
  place: PlaceEvidence,
  analysis: Pick<Analysis, 'municipalityCode'>,
): PlaceDecision {
  const evidence: Partial<Record<PlaceSource, string>> = {};
  const field = sourceName ? nameIndex(ref.municipalities).get(norm(sourceName)) : undefined;
  if (field) evidence.field = field.code;
  if (place.point && place.point !== 'outside') evidence.point = place.point.code;
  if (place.address) evidence.address = place.address.code;
  if (analysis.municipalityCode) evidence.text = analysis.municipalityCode;
  const source =
    PLACE_SOURCES.find((s) => evidence[s] !== undefined && ref.municipalityByCode.has(evidence[s])) ?? null;
  const municipality = source ? (ref.municipalityByCode.get(evidence[source] as string) ?? null) : null;
  const disagreements = municipality
    ? PLACE_SOURCES.flatMap((s) =>
        evidence[s] !== undefined && evidence[s] !== municipality.code ? [{ source: s, code: evidence[s] }] : [],
      )
    : [];
  return { municipality, source, outside: place.point === 'outside', evidence, disagreements };
}

/** The municipality from the source's field or the text alone (no channel coordinates or address known). */
export function resolveMunicipality(
  ref: Places,
  sourceName: string | null | undefined,
  analysis: Pick<Analysis, 'municipalityCode'>,
): MunicipalityRef | null {
  return decidePlace(ref, sourceName, { point: null, address: null }, analysis).municipality;
}
