// One place where a message is compared with open cases: the pure scorer (similarity.ts) fed with the place
// evidence the gazetteer gives — municipality, the named locality (village, town, city district) and street
// addresses from the text and from the address field — and the coordinates the channels sent. Used by intake (strong matches join the case) and by the
// case card (weaker matches are suggested to the operator).
import { extractAddresses, findMunicipality, type Gazetteer } from '../places';
import type { DuplicateCandidate, DuplicateQuery } from '../understanding/message-analyzer';
import { mayBeDuplicate, scoreDuplicates, type ScoredCandidate, type SimilarityAddress } from './similarity';

export interface RankOptions {
  /** Candidates further apart in time than this are never duplicates. */
  readonly windowDays?: number | undefined;
  /** The region's gazetteer: localities below a municipality. */
  readonly gazetteer: Gazetteer;
}

const LOCAL_TYPES = new Set(['settlement', 'village', 'city_district', 'microdistrict']);

/** The most specific locality below a whole municipality or city that a text names, or null. */
export function localityOf(text: string, gazetteer: Gazetteer): string | null {
  const match = findMunicipality(text, gazetteer);
  return match && LOCAL_TYPES.has(match.placeType) ? match.place : null;
}

export function addressesOf(text: string, address: string | null | undefined): SimilarityAddress[] {
  const fromField = address ? extractAddresses(address) : [];
  const fromText = extractAddresses(text);
  // An address field without a street type («Ленина 5») still names the street: keep it as written.
  const raw =
    address && fromField.length === 0
      ? [{ street: address.replace(/[\d,].*$/u, '').trim(), house: address.match(/\d+\S*/u)?.[0] ?? null }]
      : [];
  return [...fromField, ...fromText]
    .map((a) => ({ street: a.street, house: a.house ?? null }))
    .concat(raw.filter((r) => r.street.length > 2));
}

/** Place evidence of open cases, memoised: the same cases are compared with every new message of their place. */
const CACHE_LIMIT = 5000;
const placeCache = new WeakMap<Gazetteer, Map<string, { addresses: SimilarityAddress[]; locality: string | null }>>();
function placeOf(
  text: string,
  address: string | null,
  gazetteer: Gazetteer,
): { addresses: SimilarityAddress[]; locality: string | null } {
  const key = `${address ?? ''}\u0000${text}`;
  let cache = placeCache.get(gazetteer);
  if (!cache) placeCache.set(gazetteer, (cache = new Map()));
  let place = cache.get(key);
  if (!place) {
    place = { addresses: addressesOf(text, address), locality: localityOf(text, gazetteer) };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, place);
  }
  return place;
}

/** Whether the scorer could join this message to any open case at all (see `mayBeDuplicate`). */
export function mayJoinAnyCase(query: DuplicateQuery): boolean {
  return mayBeDuplicate({ municipalityCode: query.analysis.municipalityCode, point: query.point ?? null });
}

/** Open cases a message may repeat, best first (`duplicate`, then `suggest`; `none` left out). */
export function rankDuplicateCandidates(
  query: DuplicateQuery,
  candidates: readonly DuplicateCandidate[],
  options: RankOptions,
): ScoredCandidate[] {
  const a = query.analysis;
  return scoreDuplicates(
    {
      text: query.text,
      municipalityCode: a.municipalityCode,
      block: a.block,
      category: a.category,
      confidence: a.confidence,
      createdAt: query.createdAt,
      addresses: [
        ...a.addresses.map((x) => ({ street: x.street, house: x.house ?? null })),
        ...(query.address ? addressesOf('', query.address) : []),
      ],
      locality: localityOf(query.text, options.gazetteer),
      point: query.point ?? null,
    },
    candidates.map((c) => ({
      id: c.caseId,
      text: c.text,
      municipalityCode: c.municipalityCode,
      block: c.block,
      category: c.category,
      confidence: c.confidence ?? null,
      createdAt: c.createdAt,
      point: c.point ?? null,
      ...placeOf(c.text, c.address, options.gazetteer),
    })),
    options.windowDays === undefined ? {} : { windowDays: options.windowDays },
  );
}
