import type { HierarchicalModels } from '../classifier/hierarchy';

// What intake and import need to know about a text: block and category with confidence, the place, urgency.
// The production analyzer composes the classifier, the gazetteer and the urgency rules (analyze-message.ts).
export interface Analysis {
  block: string | null;
  category: string | null;
  confidence: number;
  top: { label: string; score: number }[];
  model: string;
  municipalityCode: string | null;
  municipalityMatch: string | null;
  addresses: { street: string; house?: string | undefined; raw: string }[];
  priority: 'critical' | 'high' | 'normal';
  flags: { code: string; label: string; triggers: string[] }[];
}

/** What duplicate scoring reads of a message's analysis: a stored case gives the same from its columns. */
export type DuplicateSubject = Pick<Analysis, 'block' | 'category' | 'confidence' | 'municipalityCode' | 'addresses'>;

export interface DuplicateQuery {
  text: string;
  createdAt: Date;
  analysis: DuplicateSubject;
  /** The address the channel gave with the message (a form field), if any. */
  address?: string | null;
  /** The coordinates the channel gave, if any. */
  point?: { lat: number; lon: number } | null;
}
export interface DuplicateCandidate {
  caseId: string;
  text: string;
  municipalityCode: string | null;
  address: string | null;
  block: string | null;
  category: string | null;
  createdAt: Date;
  point?: { lat: number; lon: number } | null;
  /** The classifier's confidence in `category`; absent when a person chose it. */
  confidence?: number | null;
}
/** A candidate case with the decision on it: `duplicate` joins without a human, `suggest` goes to the operator. */
export interface RankedDuplicate {
  id: string;
  decision: 'duplicate' | 'suggest' | 'none';
  score: number;
  reasons: readonly string[];
}

/** What a channel says about the place besides the text. */
export interface LocationInput {
  lat?: number | null | undefined;
  lon?: number | null | undefined;
  address?: string | null | undefined;
}
/** The municipality each kind of evidence points to: coordinates (`outside` the region's boundaries) and the address. */
export interface PlaceEvidence {
  point: { code: string } | 'outside' | null;
  address: { code: string; matched: string } | null;
}

export interface AnalyzeOptions {
  readonly addresses?: boolean;
}

export interface MessageAnalyzer {
  /** `addresses: false`: the caller does not read `Analysis.addresses` (bulk import), so they need not be found. */
  analyze(text: string, at: Date, options?: AnalyzeOptions): Analysis;
  /**
   * How the same analyzer is built in a worker thread (bulk import analyses there): a module URL, the name of its
   * exported factory and what it is called with (`data`, copied to the thread: e.g. the serialised classifier, so
   * the thread need not train or load it). Absent: the analyzer stays in the calling thread.
   */
  readonly threadFactory?: { readonly module: string; readonly name: string; readonly data?: unknown };
  /**
   * What the analysis of a text depends on besides the text (the classifier's model, the gazetteer, the urgency
   * lexicon), as one string that changes when any of them does: import keeps analyses by it (analysis-cache.ts), so a
   * new model invalidates them. Absent: analyses are not kept.
   */
  readonly version?: string;
  /** Switches the block → category classifier (a retrained version from the database); `name` goes into `Analysis.model`. */
  useClassifier?(models: HierarchicalModels, name: string): void;
  /** Where the channel's coordinates and structured address put the message (the region's boundaries and gazetteer). */
  placeEvidence(location: LocationInput | null | undefined): PlaceEvidence;
  /** Open cases a message may repeat, best first, compared with the analyzer's own gazetteer. */
  rankDuplicates?(
    query: DuplicateQuery,
    candidates: DuplicateCandidate[],
    options?: { windowDays?: number },
  ): RankedDuplicate[];
  /**
   * False when no open case can be a strong match of this message whatever the candidates (the production scorer
   * needs a known municipality or a point): intake and import then neither load nor score candidates. Absent: true.
   */
  mayJoin?(query: DuplicateQuery): boolean;
  /** The case id a new message repeats (a strong match), or null. */
  duplicateOf?(
    query: DuplicateQuery,
    candidates: DuplicateCandidate[],
    options?: { windowDays?: number },
  ): string | null;
}
