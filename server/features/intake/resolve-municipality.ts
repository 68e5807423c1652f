import type { MunicipalityRef, ReferenceSnapshot } from '../reference/reference.repository';
import type { Analysis } from '../understanding/message-analyzer';

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

/** The source's own municipality name wins when it names one of ours; otherwise what the text says. */
export function resolveMunicipality(
  ref: Pick<ReferenceSnapshot, 'municipalities' | 'municipalityByCode'>, sourceName: string | null | undefined,
  analysis: Pick<Analysis, 'municipalityCode'>,
): MunicipalityRef | null {
  if (sourceName) {
    const byName = nameIndex(ref.municipalities).get(norm(sourceName));
    if (byName) return byName;
  }
  return analysis.municipalityCode ? ref.municipalityByCode.get(analysis.municipalityCode) ?? null : null;
}
