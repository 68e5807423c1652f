import type {
  Analysis,
  DuplicateCandidate,
  DuplicateQuery,
  MessageAnalyzer,
  PlaceEvidence,
  RankedDuplicate,
} from './message-analyzer';

/** The parts an analyzer is made of; each is a plain function, so tests and other regions can swap them. */
export interface AnalyzerParts {
  classify(text: string): {
    block: string | null;
    category: string | null;
    confidence: number;
    top: { label: string; score: number }[];
    model: string;
  };
  findMunicipality(text: string): { code: string; matched: string } | null;
  /** The unit whose boundary contains the point; absent: the region has no boundaries, coordinates decide nothing. */
  locatePoint?(lat: number, lon: number): { code: string } | null;
  /** A structured address → municipality; absent: the text place finder reads it. */
  findAddressMunicipality?(address: string): { code: string; matched: string } | null;
  extractAddresses(text: string): Analysis['addresses'];
  assessUrgency(text: string, at: Date): { priority: Analysis['priority']; flags: Analysis['flags'] };
  rankDuplicates?(
    query: DuplicateQuery,
    candidates: DuplicateCandidate[],
    options?: { windowDays?: number },
  ): RankedDuplicate[];
  duplicateOf?(
    query: DuplicateQuery,
    candidates: DuplicateCandidate[],
    options?: { windowDays?: number },
  ): string | null;
  mayJoin?(query: DuplicateQuery): boolean;
}

export function composeAnalyzer(parts: AnalyzerParts): MessageAnalyzer {
  return {
    analyze(text, at, options) {
      const c = parts.classify(text);
      const place = parts.findMunicipality(text);
      const urgency = parts.assessUrgency(text, at);
      return {
        block: c.block,
        category: c.category,
        confidence: c.confidence,
        top: c.top,
        model: c.model,
        municipalityCode: place?.code ?? null,
        municipalityMatch: place?.matched ?? null,
        addresses: options?.addresses === false ? [] : parts.extractAddresses(text),
        priority: urgency.priority,
        flags: urgency.flags,
      };
    },
    placeEvidence(location) {
      const { lat, lon } = location ?? {};
      const located = lat != null && lon != null && parts.locatePoint ? parts.locatePoint(lat, lon) : undefined;
      const point: PlaceEvidence['point'] = located === undefined ? null : located ? { code: located.code } : 'outside';
      const written = location?.address?.trim();
      const found = written ? (parts.findAddressMunicipality ?? parts.findMunicipality)(written) : null;
      return { point, address: found ? { code: found.code, matched: found.matched } : null };
    },
    ...(parts.rankDuplicates ? { rankDuplicates: parts.rankDuplicates } : {}),
    ...(parts.duplicateOf ? { duplicateOf: parts.duplicateOf } : {}),
    ...(parts.mayJoin ? { mayJoin: parts.mayJoin } : {}),
  };
}
