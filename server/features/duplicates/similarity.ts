// Duplicate scoring, pure: is a new message the same problem at the same place as an open case?
// `duplicate` needs the same place (same street and house, or the same street with a close text, or the same
// point within tens of metres when an address is missing, or a near-identical text about the same named locality), no conflicting municipality, block, category or
// topic, and both within the time window. Precision first: anything weaker is at most a `suggest`.
import distance from '@turf/distance';
import { stemWord, textSimilarity, topicsOfText, WHERE_TOPICS } from './similarity-text';

export interface SimilarityAddress {
  readonly street: string;
  readonly house?: string | null;
}

export interface SimilarityMessage {
  readonly text: string;
  readonly municipalityCode?: string | null;
  readonly addresses?: readonly SimilarityAddress[];
  /** Taxonomy block code; `category` is either the category code of that block or "block.category". */
  readonly block?: string | null;
  readonly category?: string | null;
  /** How sure the classifier was of `category` (0..1); absent: a person chose it, or it is not known. */
  readonly confidence?: number | null;
  /** The most specific locality below a big city: village, town or city district (Туношна, Дзержинский район). */
  readonly locality?: string | null;
  /** Coordinates the channel sent (a map pin, a Telegram location, Open311 lat/long). */
  readonly point?: GeoPoint | null;
  readonly createdAt: Date | string;
}

export interface GeoPoint {
  readonly lat: number;
  readonly lon: number;
}

export interface SimilarityCandidate extends SimilarityMessage {
  readonly id: string;
}

export type DuplicateDecision = 'duplicate' | 'suggest' | 'none';
export type PlaceRelation =
  'same_house' | 'same_street' | 'same_point' | 'different_house' | 'different_street' | 'distant_points' | 'unknown';

export interface PairAssessment {
  readonly decision: DuplicateDecision;
  /** 0..1, for ordering candidates. */
  readonly score: number;
  readonly textSimilarity: number;
  readonly place: PlaceRelation;
  /** Russian, for the operator: why it is (not) a duplicate. */
  readonly reasons: readonly string[];
}

export interface ScoredCandidate extends PairAssessment {
  readonly id: string;
}

export interface DuplicateOptions {
  /** Candidates older or newer than this are not compared (default 14). */
  readonly windowDays?: number;
  /** Text similarity needed with the same street and house (default 0.2). */
  readonly minTextSameHouse?: number;
  /** …with the same street, house unknown on one side (default 0.3). */
  readonly minTextSameStreet?: number;
  /** …with no address on either side, same municipality and locality (default 0.5). */
  readonly minTextNoAddress?: number;
  /** The floor for any of the above when no shared topic or category confirms the problem (default 0.5). */
  readonly minTextUnconfirmed?: number;
  /** …with no address on one side and both points within `samePointMetres` (default 0.2). */
  readonly minTextSamePoint?: number;
  /** Text similarity from which a pair is suggested (default 0.25). */
  readonly minTextSuggest?: number;
  /** Below this classifier confidence on either side, a block or category conflict does not veto one place and one
   *  problem topic (default 0.6). */
  readonly unsureConfidence?: number;
  /** Two points this close are one place (default 60 m). */
  readonly samePointMetres?: number;
  /** Two points further apart are different places even with the same written address (default 1500 m). */
  readonly farPointMetres?: number;
}

const DEFAULTS: Required<DuplicateOptions> = {
  windowDays: 14,
  minTextSameHouse: 0.2,
  minTextSameStreet: 0.3,
  minTextNoAddress: 0.5,
  minTextUnconfirmed: 0.5,
  minTextSamePoint: 0.2,
  minTextSuggest: 0.25,
  samePointMetres: 60,
  farPointMetres: 1500,
  unsureConfidence: 0.6,
};

const DAY_MS = 24 * 60 * 60 * 1000;
const STREET_WORDS = new Set([
  'улица',
  'ул',
  'проспект',
  'пр',
  'пр-т',
  'просп',
  'переулок',
  'пер',
  'набережная',
  'наб',
  'шоссе',
  'ш',
  'бульвар',
  'б-р',
  'площадь',
  'пл',
  'проезд',
  'пр-д',
  'микрорайон',
  'мкр',
  'тупик',
]);

/** Street key independent of the kind word, word order and case: «на Крестовой ул.» ~ «улица Крестовая». */
export function streetKey(street: string): string {
  const written =
    street
      .replaceAll('ё', 'е')
      .replaceAll('Ё', 'Е')
      .match(/[\p{L}\d-]+/gu) ?? [];
  const named = written.filter((w) => !STREET_WORDS.has(w.toLowerCase()));
  // «улица Набережная»: the name itself is a kind word; then the capitalised word is the name.
  const rest = named.length > 0 ? named : written.filter((w) => /^\p{Lu}/u.test(w));
  return rest
    .map((w) => stemWord(w.toLowerCase(), Infinity))
    .sort()
    .join(' ');
}

export function houseKey(house: string | null | undefined): string {
  return (house ?? '')
    .toLowerCase()
    .replace(/корпус|корп/gu, 'к')
    .replace(/строение|стр/gu, 'с')
    .replace(/^д(ом)?\.?/u, '')
    .replace(/[\s.,]/gu, '');
}

/**
 * The other side's addresses this text names without a street word («Ярославль, Свободы 62», «Серова 15»): the
 * street's name followed by the same house number. Only a known address is looked for, so nothing is guessed.
 */
export function mentionedAddresses(text: string, known: readonly SimilarityAddress[]): SimilarityAddress[] {
  if (known.length === 0) return [];
  const lower = text.toLowerCase().replaceAll('ё', 'е');
  return known.filter((x) => addressPattern(x)?.test(lower) ?? false);
}

/** The pattern of an address written without a street word, or null when it names no house or street; memoised
 *  (the same open cases are compared with every new message of their place). */
const patterns = new Map<string, RegExp | null>();
function addressPattern(x: SimilarityAddress): RegExp | null {
  const key = `${x.street}\u0000${x.house ?? ''}`;
  let pattern = patterns.get(key);
  if (pattern !== undefined) return pattern;
  const house = houseKey(x.house);
  const name = streetKey(x.street)
    .split(' ')
    .filter((w) => w.length >= 3);
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'); // a hyphen is plain outside a class (and may not be escaped under /u)
  pattern =
    house === '' || name.length === 0
      ? null
      : new RegExp(
          `${name.map(escape).join('\\p{L}*[\\s-]+')}\\p{L}*[\\s,]+(?:д(?:ом)?\\.?\\s*|№\\s*)?${escape(house)}(?![\\d\\p{L}])`,
          'u',
        );
  if (patterns.size >= 10_000) patterns.clear();
  patterns.set(key, pattern);
  return pattern;
}

export function placeRelation(a: readonly SimilarityAddress[], b: readonly SimilarityAddress[]): PlaceRelation {
  if (a.length === 0 || b.length === 0) return 'unknown';
  let best: PlaceRelation = 'different_street';
  for (const x of a) {
    for (const y of b) {
      if (streetKey(x.street) !== streetKey(y.street) || streetKey(x.street) === '') continue;
      const hx = houseKey(x.house);
      const hy = houseKey(y.house);
      if (hx !== '' && hx === hy) return 'same_house';
      if (hx === '' || hy === '') best = 'same_street';
      else if (best !== 'same_street') best = 'different_house';
    }
  }
  return best;
}

/** Metres between two points, or null when either is unknown. */
export function metresApart(a: GeoPoint | null | undefined, b: GeoPoint | null | undefined): number | null {
  if (!a || !b) return null;
  return Math.round(distance([a.lon, a.lat], [b.lon, b.lat], { units: 'meters' }));
}

/** The written addresses decide; coordinates decide when an address is missing, and overrule a same address far away. */
function placeOf(written: PlaceRelation, metres: number | null, o: Required<DuplicateOptions>): PlaceRelation {
  if (metres === null) return written;
  if (metres > o.farPointMetres) return 'distant_points';
  if (written === 'unknown')
    return metres <= o.samePointMetres ? 'same_point' : metres > 300 ? 'distant_points' : 'unknown';
  return written;
}

function blockOf(m: SimilarityMessage): string | null {
  return m.block ?? m.category?.split(/[./:]/u)[0] ?? null;
}

/** "block.category" (from `category` alone or `block` + `category`), or null when unknown or the
 *  catch-all «прочие» (which conflicts with nothing). */
function categoryOf(m: SimilarityMessage): string | null {
  const raw = m.category?.replace(/[/:]/u, '.') ?? '';
  const c = raw.includes('.') || !m.block || raw === '' ? raw : `${m.block}.${raw}`;
  return c.includes('.') && !c.endsWith('.other') ? c : null;
}

const same = (a: string | null | undefined, b: string | null | undefined): boolean | null => (a && b ? a === b : null);

function daysApart(a: Date | string, b: Date | string): number {
  return Math.abs(new Date(a).getTime() - new Date(b).getTime()) / DAY_MS;
}

interface Evidence {
  readonly text: number;
  readonly place: PlaceRelation;
  readonly metres: number | null;
  readonly municipality: boolean | null;
  readonly block: boolean | null;
  readonly category: boolean | null;
  readonly locality: boolean | null;
  readonly sharedTopics: readonly string[];
  /** Shared topics that name the problem itself, not where it is. */
  readonly sharedProblem: readonly string[];
  /** The classifier was unsure of the category on one side. */
  readonly unsure: boolean;
  readonly topicConflict: boolean;
  readonly days: number;
}

function gather(a: SimilarityMessage, b: SimilarityMessage, o: Required<DuplicateOptions>): Evidence {
  const metres = metresApart(a.point, b.point);
  const ta = topicsOfText(a.text);
  const tb = topicsOfText(b.text);
  const sharedTopics = [...ta].filter((t) => tb.has(t));
  const problems = (t: ReadonlySet<string>): string[] => [...t].filter((x) => !WHERE_TOPICS.has(x));
  const sharedProblem = sharedTopics.filter((t) => !WHERE_TOPICS.has(t));
  const aAddresses = a.addresses ?? [];
  const bAddresses = b.addresses ?? [];
  return {
    text: Math.round(textSimilarity(a.text, b.text) * 1000) / 1000,
    place: placeOf(
      placeRelation(
        aAddresses.length > 0 ? aAddresses : mentionedAddresses(a.text, bAddresses),
        bAddresses.length > 0 ? bAddresses : mentionedAddresses(b.text, aAddresses),
      ),
      metres,
      o,
    ),
    metres,
    municipality: same(a.municipalityCode, b.municipalityCode),
    block: same(blockOf(a), blockOf(b)),
    category: same(categoryOf(a), categoryOf(b)),
    locality: same(a.locality?.toLowerCase(), b.locality?.toLowerCase()),
    sharedTopics,
    sharedProblem,
    unsure: Math.min(a.confidence ?? 1, b.confidence ?? 1) < o.unsureConfidence,
    topicConflict: problems(ta).length > 0 && problems(tb).length > 0 && sharedProblem.length === 0,
    days: daysApart(a.createdAt, b.createdAt),
  };
}

/** One house of one municipality and locality, or one point on the map. */
function samePlace(e: Evidence): boolean {
  return (
    (e.place === 'same_house' && e.municipality === true && e.locality !== false) ||
    (e.place === 'same_point' && e.municipality !== false)
  );
}

/** Why the pair cannot be a duplicate at all, if so. */
function blocker(e: Evidence, o: Required<DuplicateOptions>): string | null {
  if (e.days > o.windowDays) return `вне окна ${o.windowDays} дн. (${Math.round(e.days)} дн.)`;
  if (e.municipality === false) return 'разные муниципалитеты';
  // An unsure classifier does not veto one house or point and one problem named in other words («подвал затоплен»
  // read as a building defect, «вода в подвале» as water supply).
  const overruled = e.unsure && samePlace(e) && e.sharedProblem.length > 0;
  if (e.block === false && !overruled) return 'разные блоки тематики';
  if (e.category === false && !overruled) return 'разные категории';
  if (e.topicConflict) return 'разные темы проблемы';
  return null;
}

/**
 * Whether any open case could be a duplicate of this message: every `duplicate` rule of `decide` needs the
 * municipality known on both sides (e.municipality === true) or one point on the map (same_point comes from
 * coordinates only). A message with neither can only be suggested, never joined, so intake need not load candidates.
 */
export function mayBeDuplicate(message: Pick<SimilarityMessage, 'municipalityCode' | 'point'>): boolean {
  return !!message.municipalityCode || !!message.point;
}

function decide(e: Evidence, o: Required<DuplicateOptions>): DuplicateDecision {
  if (blocker(e, o) !== null) return 'none';
  const sameStreet = e.place === 'same_house' || e.place === 'same_street';
  // The problem is confirmed by a shared topic or category; otherwise the wording must carry it alone.
  const confirmed = e.sharedTopics.length > 0 || e.category === true;
  const enough = (min: number): boolean => e.text >= (confirmed ? min : Math.max(min, o.minTextUnconfirmed));
  // Street names repeat from town to town: the municipality must be known on both sides and the same.
  // One house or one point and the same problem named in other words: channels word it differently.
  if (samePlace(e) && e.sharedProblem.length > 0) return 'duplicate';
  if (e.municipality !== false && e.place === 'same_point' && enough(o.minTextSamePoint)) return 'duplicate';
  if (e.municipality === true && e.locality !== false && e.place === 'same_house' && enough(o.minTextSameHouse))
    return 'duplicate';
  if (e.municipality === true && e.place === 'same_street' && enough(o.minTextSameStreet)) return 'duplicate';
  // Without an address only a named locality (not a whole city) can be «the same place».
  if (e.municipality === true && e.locality === true && e.place === 'unknown' && enough(o.minTextNoAddress))
    return 'duplicate';
  if (e.place === 'different_street' || e.place === 'distant_points' || e.locality === false)
    return e.text >= o.minTextNoAddress ? 'suggest' : 'none';
  if (e.text >= o.minTextSuggest || ((sameStreet || e.place === 'same_point') && e.sharedTopics.length > 0))
    return 'suggest';
  return 'none';
}

const PLACE_SCORE: Readonly<Record<PlaceRelation, number>> = {
  same_house: 1,
  same_point: 0.9,
  same_street: 0.7,
  unknown: 0.3,
  different_house: 0.1,
  different_street: 0,
  distant_points: 0,
};

function scoreOf(e: Evidence): number {
  const context =
    (e.municipality ? 0.5 : 0) + (e.category ? 0.3 : e.block ? 0.15 : 0) + (e.sharedTopics.length > 0 ? 0.2 : 0);
  return Math.round((0.5 * Math.min(1, e.text * 1.5) + 0.3 * PLACE_SCORE[e.place] + 0.2 * context) * 1000) / 1000;
}

const PLACE_REASON: Readonly<Record<PlaceRelation, string>> = {
  same_house: 'тот же адрес (улица и дом)',
  same_street: 'та же улица',
  different_house: 'та же улица, другой дом',
  different_street: 'разные улицы',
  unknown: 'адрес не указан',
  same_point: 'та же точка на карте',
  distant_points: 'точки на карте далеко друг от друга',
};

function reasonsOf(e: Evidence, o: Required<DuplicateOptions>): string[] {
  // No written address on a side but points on both: the map says where, not «адрес не указан».
  const place = e.place === 'unknown' && e.metres !== null ? 'место по точкам на карте' : PLACE_REASON[e.place];
  const reasons = [`сходство текста ${e.text.toFixed(2)}`, place];
  if (e.metres !== null) reasons.push(`между точками ${e.metres} м`);
  if (e.municipality) reasons.push('тот же муниципалитет');
  if (e.locality) reasons.push('тот же населённый пункт или район');
  else if (e.locality === false) reasons.push('разные населённые пункты или районы');
  if (e.category) reasons.push('та же категория');
  else if (e.block) reasons.push('тот же блок');
  if (e.sharedTopics.length > 0) reasons.push(`общая тема: ${e.sharedTopics.join(', ')}`);
  const blocked = blocker(e, o);
  if (blocked) reasons.push(blocked);
  return reasons;
}

/** Compares a new message with one open case. */
export function comparePair(
  message: SimilarityMessage,
  candidate: SimilarityMessage,
  options: DuplicateOptions = {},
): PairAssessment {
  const o = { ...DEFAULTS, ...options };
  const e = gather(message, candidate, o);
  return {
    decision: decide(e, o),
    score: scoreOf(e),
    textSimilarity: e.text,
    place: e.place,
    reasons: reasonsOf(e, o),
  };
}

/** The open cases a new message may repeat, best first; candidates decided `none` are left out. */
export function scoreDuplicates(
  message: SimilarityMessage,
  candidates: readonly SimilarityCandidate[],
  options: DuplicateOptions = {},
): ScoredCandidate[] {
  const rank: Readonly<Record<DuplicateDecision, number>> = { duplicate: 2, suggest: 1, none: 0 };
  const o = { ...DEFAULTS, ...options };
  const kept: ScoredCandidate[] = [];
  for (const c of candidates) {
    const e = gather(message, c, o);
    const decision = decide(e, o);
    // The reasons are words for the operator: only kept candidates need them (as comparePair gives them).
    if (decision !== 'none')
      kept.push({
        id: c.id,
        decision,
        score: scoreOf(e),
        textSimilarity: e.text,
        place: e.place,
        reasons: reasonsOf(e, o),
      });
  }
  return kept.sort((a, b) => rank[b.decision] - rank[a.decision] || b.score - a.score);
}
