import type { MunicipalityRef, ReferenceSnapshot } from '../reference/reference.repository';
import type { Analysis } from '../understanding/message-analyzer';

const norm = (s: string): string => s.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/** The source's own municipality name wins when it names one of ours; otherwise what the text says. */
export function resolveMunicipality(
  ref: ReferenceSnapshot, sourceName: string | null | undefined, analysis: Pick<Analysis, 'municipalityCode'>,
): MunicipalityRef | null {
  if (sourceName) {
    const n = norm(sourceName);
    const byName = ref.municipalities.find((m) => norm(m.name) === n || norm(m.shortName) === n || m.code === n);
    if (byName) return byName;
  }
  return analysis.municipalityCode ? ref.municipalityByCode.get(analysis.municipalityCode) ?? null : null;
}
