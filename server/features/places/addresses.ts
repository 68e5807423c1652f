// Street addresses in free text: «ул. Свободы, д. 10», «на улице Крестовой», «Московский проспект»,
// «пр-т Октября, 12к2». Names are normalised to «<kind> <Name>» in the nominative, so one street
// written in different cases and word orders gives one key: «на Московском проспекте» → «проспект Московский».
import {
  agreeingEnding,
  FEMININE_NAME_STREETS,
  streetTypeOf,
  toNominative,
  type GramCase,
  type StreetTypeHit,
} from './street-types';

export interface ExtractedAddress {
  /** Normalised: «улица Крестовая», «проспект Октября», «шоссе Тутаевское». */
  readonly street: string;
  /** Normalised house number: «10», «12к2», «5а», «7/1». */
  readonly house?: string;
  /** The address as written. */
  readonly raw: string;
}

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Words (with hyphens: «пр-т», «Гаврилов-Ям») and numbers (with a suffix: «1-я», «50-летия»); «Шаврова25» is two. */
const TOKEN = /\p{L}+(?:-[\p{L}\d]+)*|\d+(?:-\p{L}+)?/gu;

/** Lower-case words that never start a street name after an abbreviation. */
const NAME_STOPWORDS = new Set([
  'д',
  'дом',
  'в',
  'во',
  'на',
  'у',
  'около',
  'возле',
  'рядом',
  'напротив',
  'не',
  'нет',
  'и',
  'а',
  'но',
  'уже',
  'все',
  'был',
  'была',
  'было',
  'очень',
  'снова',
  'опять',
  'г',
  'город',
  'где',
  'там',
  'тут',
  'это',
  'этой',
  'этом',
  'нашей',
  'нашем',
  'той',
  'том',
  'соседней',
  'соседнем',
  'всей',
  'всем',
  'каждой',
  'одной',
  'другой',
  'данной',
  'своей',
]);

const HOUSE = new RegExp(
  '[ \\t]*,?[ \\t]*((?:(?:у|возле|около|напротив)[ \\t]+(?:дома|дом)|дома|дом|д)\\.?[ \\t]*(?:№[ \\t]*)?)?' +
    '(\\d{1,4}(?:[ \\t]*(?:корпус|корп|к)\\.?[ \\t]*\\d{1,3}|[а-яa-z](?![\\p{L}\\d]))?' +
    '(?:[ \\t]*\\/[ \\t]*\\d{1,4}[а-я]?)?(?:[ \\t]*,?[ \\t]*(?:корпус|корп|к)\\.?[ \\t]*\\d{1,3})?' +
    '(?:[ \\t]*,?[ \\t]*(?:строение|стр)\\.?[ \\t]*\\d{1,3})?)(?![\\d]|[.:]\\d)',
  'iuy',
);

/** A bare number followed by one of these is a quantity, not a house («Свободы 3 дня нет воды»). */
const QUANTITY_AFTER =
  /^[ \t]*(?:дн|день|дня|дней|недел|месяц|лет|год|раз|час|мин|сут|человек|сем|тыс|руб|градус|%|м\b|км)/iu;

function tokenize(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

const isCapitalized = (w: string): boolean => /^\p{Lu}/u.test(w);
const isNumberLike = (w: string): boolean => /^\d/u.test(w);
const onlySpaceBetween = (text: string, a: Token, b: Token, dot: boolean): boolean =>
  (dot ? /^[ \t]*\.?[ \t]*$/u : /^[ \t]+$/u).test(text.slice(a.end, b.start));

function normalizeHouse(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/корпус|корп/gu, 'к')
    .replace(/строение|стр/gu, 'с')
    .replace(/[\s.,]/gu, '');
}

/** «у дома 25 по проспекту Ленина»: a house named before the street. */
const HOUSE_BEFORE =
  /(?:^|[^\p{L}])(?:дом|дома|доме|дому|д\.)[ \t]*№?[ \t]*(\d{1,4}[а-я]?(?:[ \t]*\/[ \t]*\d{1,4})?(?:[ \t]*(?:корпус|корп|к)\.?[ \t]*\d{1,3})?)[ \t]*,?[ \t]*(?:по|на)?[ \t]*$/iu;

function readHouseBefore(text: string, start: number): { house: string; start: number } | null {
  const m = HOUSE_BEFORE.exec(text.slice(0, start));
  const digits = m?.[1];
  if (!m || !digits) return null;
  return { house: normalizeHouse(digits), start: m.index + (m[0].length - m[0].trimStart().length) };
}

function readHouse(text: string, from: number): { house: string; end: number } | null {
  HOUSE.lastIndex = from;
  const m = HOUSE.exec(text);
  const digits = m?.[2];
  if (!m || !digits) return null;
  const end = from + m[0].length;
  if (!m[1] && QUANTITY_AFTER.test(text.slice(end))) return null;
  return { house: normalizeHouse(digits), end };
}

const TOPONYMIC_ADJECTIVE = /(?:ск|цк)(?:ий|ой|ая|ое|ого|ому|ом|им|ым|ую|ей)$/iu;

/** An adjective just before the street word: «Московский проспект», «на Волжской набережной». */
function nameBefore(text: string, tokens: readonly Token[], i: number, hit: StreetTypeHit): Token | null {
  const prev = tokens[i - 1];
  const self = tokens[i];
  if (!prev || !self || !/^[ \t]+$/u.test(text.slice(prev.end, self.start))) return null;
  // Lower case only for an adjective from a name before an abbreviation: «ленинградский пр-т».
  if (!isCapitalized(prev.text) && !(hit.abbreviated && TOPONYMIC_ADJECTIVE.test(prev.text))) return null;
  if (hit.type.nameBefore === 'toponymic' && !TOPONYMIC_ADJECTIVE.test(prev.text)) return null;
  // A capital at the start of a sentence proves nothing: «Любимая улица детства», «Общая площадь квартиры».
  const next = tokens[i + 1];
  // Adjectives from names (Московский, Тутаевское) are trusted even there.
  const sentenceStart = /(?:^|[.!?…]\s*)$/u.test(text.slice(0, prev.start)) && !TOPONYMIC_ADJECTIVE.test(prev.text);
  if (
    sentenceStart &&
    !hit.abbreviated &&
    next &&
    /^[ \t]+$/u.test(text.slice(self.end, next.start)) &&
    !isCapitalized(next.text) &&
    !isNumberLike(next.text)
  )
    return null;
  return agreeingEnding(prev.text, hit.type.gender, hit.cases) ? prev : null;
}

/** The token after `j - 1` if only spaces (or an abbreviation's dot) separate them and it is no street
 *  word — unless a capitalised one right after an abbreviation: «ул. Набережная». */
function nextNameToken(text: string, tokens: readonly Token[], j: number, afterAbbreviation: boolean): Token | null {
  const t = tokens[j];
  const prev = tokens[j - 1];
  if (!t || !prev || !onlySpaceBetween(text, prev, t, afterAbbreviation)) return null;
  return !streetTypeOf(t.text, false) || (afterAbbreviation && isCapitalized(t.text)) ? t : null;
}

/** Lower-case words that may open a name: «набережная реки Мойки», «улица имени Ленина». */
const NAME_PREFIXES = new Set(['реки', 'канала', 'имени', 'им']);

const self = (tokens: readonly Token[], i: number): string => tokens[i]?.text.toLowerCase() ?? '';

const isNameWord = (t: Token, lowerCaseOk: boolean): boolean =>
  t.text.length > 1 &&
  !isNumberLike(t.text) &&
  !NAME_STOPWORDS.has(t.text.toLowerCase()) &&
  (lowerCaseOk || isCapitalized(t.text));

/** The name after the street word: a word («Свободы»), an optional capitalised second word
 *  («Карла Маркса»), an optional leading number («8 Марта»). After a full word the name must be
 *  capitalised («на улице темно» is no address); after an abbreviation any case goes. */
function namesAfter(text: string, tokens: readonly Token[], i: number, hit: StreetTypeHit): Token[] {
  const names: Token[] = [];
  let j = i + 1;
  let t = nextNameToken(text, tokens, j, hit.abbreviated);
  if (t && isNumberLike(t.text)) {
    names.push(t);
    j += 1;
    t = nextNameToken(text, tokens, j, false);
  }
  if (t && names.length === 0 && NAME_PREFIXES.has(t.text.toLowerCase())) {
    names.push(t);
    j += 1;
    t = nextNameToken(text, tokens, j, t.text.toLowerCase() === 'им');
    return t && isNameWord(t, false) ? [...names, t] : [];
  }
  // After an ambiguous short abbreviation («пр.» is also «прочее») the name must be capitalised.
  const lowerCaseOk = hit.abbreviated && !hit.type.needsDot.includes(self(tokens, i));
  if (!t || !isNameWord(t, lowerCaseOk)) return [];
  names.push(t);
  const second = nextNameToken(text, tokens, j + 1, false);
  if (second && isNameWord(second, false)) names.push(second);
  return names;
}

function capitalize(word: string): string {
  const lower = word.toLowerCase();
  if (NAME_PREFIXES.has(lower)) return lower === 'им' ? 'имени' : lower;
  return isNumberLike(word) ? lower : (word[0] ?? '').toUpperCase() + word.slice(1).toLowerCase();
}

/** A preposition before an abbreviation puts the name in an oblique case: «по ул. Клубной». */
const PREPOSITION_BEFORE = /(?:^|[^\p{L}])(?:на|по|у|с|со|от|до|к|около|возле|вдоль|при|за|напротив)\s+$/iu;
const OBLIQUE: readonly GramCase[] = ['gen', 'dat', 'acc', 'ins', 'prep'];

/** After an abbreviation «-овой», «-евой», «-иной» are as often surnames (Аристарховой) as adjectives. */
const SURNAME_LIKE = /(?:ов|ев|ин)ой$/iu;

/** Whether adjectives of the name agree with the street word, and in which cases. */
function agreement(
  text: string,
  start: number,
  hit: StreetTypeHit,
  nameFirst: boolean,
  names: readonly Token[],
): readonly GramCase[] | null {
  if (nameFirst || !hit.abbreviated) return hit.cases;
  if (names.some((n) => SURNAME_LIKE.test(n.text))) return null;
  return hit.type.gender === 'f' && PREPOSITION_BEFORE.test(text.slice(0, start)) ? OBLIQUE : null;
}

/** Puts agreeing adjectives into the nominative when every word of the name agrees («Большой Октябрьской»
 *  → «Большая Октябрьская»); mixed names («Советской Армии») and nouns (Свободы, Терешковой) stay as written. */
function normalizeName(words: readonly string[], hit: StreetTypeHit, cases: readonly GramCase[] | null): string {
  const nominative: readonly GramCase[] = ['nom'];
  const endings = words.map((w) =>
    cases && !FEMININE_NAME_STREETS.has(w.toLowerCase()) ? agreeingEnding(w, hit.type.gender, cases) : null,
  );
  const allAgree = words.every((w, i) => isNumberLike(w) || NAME_PREFIXES.has(w.toLowerCase()) || endings[i] !== null);
  return words
    .map((w, i) => {
      const ending = allAgree ? endings[i] : null;
      const isNom =
        ending !== null && ending !== undefined && agreeingEnding(w, hit.type.gender, nominative) === ending;
      return capitalize(ending && !isNom ? toNominative(w, hit.type.gender, ending) : w);
    })
    .join(' ');
}

interface Found {
  readonly address: ExtractedAddress;
  /** Index of the last token the address used. */
  readonly lastToken: number;
}

/** Portal style «…, Кардовского ул., 10»: a name in the genitive before an abbreviation that no name follows. */
function genitiveNameBefore(text: string, tokens: readonly Token[], i: number, hit: StreetTypeHit): Token | null {
  const prev = tokens[i - 1];
  const self = tokens[i];
  if (
    !prev ||
    !self ||
    !hit.abbreviated ||
    !isCapitalized(prev.text) ||
    !/^[ \t]+$/u.test(text.slice(prev.end, self.start))
  )
    return null;
  const headed = /(?:^|[,;:]\s*)$/u.test(text.slice(0, prev.start));
  const nothingAfter = /^\.?[ \t]*(?:[,;:)]|$)/u.test(text.slice(self.end));
  return headed && nothingAfter ? prev : null;
}

function addressAt(text: string, tokens: readonly Token[], i: number, hit: StreetTypeHit): Found | null {
  const self = tokens[i];
  if (!self) return null;
  const before = nameBefore(text, tokens, i, hit) ?? genitiveNameBefore(text, tokens, i, hit);
  const after = before ? [] : namesAfter(text, tokens, i, hit);
  const names = before ? [before] : after;
  const firstName = names[0];
  const lastName = names[names.length - 1];
  if (!firstName || !lastName) return null;
  const start = Math.min(firstName.start, self.start);
  const nameEnd = before ? self.end + (text[self.end] === '.' ? 1 : 0) : lastName.end;
  const houseAfter = readHouse(text, nameEnd);
  const houseBefore = houseAfter ? null : readHouseBefore(text, start);
  const house = houseAfter?.house ?? houseBefore?.house;
  const cases = agreement(text, start, hit, before !== null, names);
  const street = `${hit.type.canonical} ${normalizeName(
    names.map((n) => n.text),
    hit,
    cases,
  )}`;
  const end = houseAfter?.end ?? nameEnd;
  const lastToken = tokens.findLastIndex((t) => t.end <= end);
  const raw = text.slice(houseBefore?.start ?? start, end).trim();
  return { address: house ? { street, house, raw } : { street, raw }, lastToken: Math.max(lastToken, i) };
}

/** Every street address in the text, in order, without repeats of the same street and house. */
export function extractAddresses(text: string): ExtractedAddress[] {
  const tokens = tokenize(text);
  const found: ExtractedAddress[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    const hit = t ? streetTypeOf(t.text, text[t.end] === '.') : null;
    const result = hit ? addressAt(text, tokens, i, hit) : null;
    if (!result) continue;
    const key = `${result.address.street.toLowerCase()}|${result.address.house ?? ''}`;
    if (!seen.has(key)) found.push(result.address);
    seen.add(key);
    i = result.lastToken;
  }
  return found;
}
