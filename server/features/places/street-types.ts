// Street kinds of Russian addresses as data: the canonical word, its gender (for the agreement of an
// adjective name: «на Московском проспекте» → проспект Московский), abbreviations and case forms.
export type Gender = 'f' | 'm' | 'n';
export type GramCase = 'nom' | 'gen' | 'dat' | 'acc' | 'ins' | 'prep';

export interface StreetType {
  readonly canonical: string;
  readonly gender: Gender;
  /** Lower case, without the dot; those in `needsDot` count only when a dot follows («ш.», «пр.»). */
  readonly abbreviations: readonly string[];
  readonly needsDot: readonly string[];
  /** Full forms with the case(s) they express; an empty list means indeclinable (шоссе). */
  readonly forms: Readonly<Record<string, readonly GramCase[]>>;
  /** Which adjectives before the word name the street: `any` («Красный проспект»), or for words mostly
   *  used in another sense only `toponymic` ones from names, in -ский/-цкий (Толубеевский проезд, not
   *  «бесплатный проезд»). */
  readonly nameBefore: 'any' | 'toponymic';
}

export const STREET_TYPES: readonly StreetType[] = [
  {
    canonical: 'улица',
    gender: 'f',
    abbreviations: ['ул'],
    needsDot: [],
    nameBefore: 'any',
    forms: { улица: ['nom'], улицы: ['gen'], улице: ['dat', 'prep'], улицу: ['acc'], улицей: ['ins'] },
  },
  {
    canonical: 'проспект',
    gender: 'm',
    abbreviations: ['пр-т', 'пр-кт', 'просп', 'пр', 'пр-та', 'пр-ту', 'пр-те', 'пр-том'],
    needsDot: ['пр'],
    nameBefore: 'any',
    forms: {
      проспект: ['nom', 'acc'],
      проспекта: ['gen'],
      проспекту: ['dat'],
      проспектом: ['ins'],
      проспекте: ['prep'],
    },
  },
  {
    canonical: 'переулок',
    gender: 'm',
    abbreviations: ['пер'],
    needsDot: [],
    nameBefore: 'any',
    forms: { переулок: ['nom', 'acc'], переулка: ['gen'], переулку: ['dat'], переулком: ['ins'], переулке: ['prep'] },
  },
  {
    canonical: 'набережная',
    gender: 'f',
    abbreviations: ['наб'],
    needsDot: [],
    nameBefore: 'any',
    forms: { набережная: ['nom'], набережной: ['gen', 'dat', 'ins', 'prep'], набережную: ['acc'] },
  },
  { canonical: 'шоссе', gender: 'n', abbreviations: ['ш'], needsDot: ['ш'], nameBefore: 'any', forms: { шоссе: [] } },
  {
    canonical: 'бульвар',
    gender: 'm',
    abbreviations: ['б-р', 'бул'],
    needsDot: [],
    nameBefore: 'any',
    forms: { бульвар: ['nom', 'acc'], бульвара: ['gen'], бульвару: ['dat'], бульваром: ['ins'], бульваре: ['prep'] },
  },
  {
    canonical: 'микрорайон',
    gender: 'm',
    abbreviations: ['мкр', 'мкрн', 'м-н'],
    needsDot: [],
    nameBefore: 'any',
    forms: {
      микрорайон: ['nom', 'acc'],
      микрорайона: ['gen'],
      микрорайону: ['dat'],
      микрорайоном: ['ins'],
      микрорайоне: ['prep'],
    },
  },
  {
    canonical: 'площадь',
    gender: 'f',
    abbreviations: ['пл'],
    needsDot: ['пл'],
    nameBefore: 'any',
    forms: { площадь: ['nom', 'acc'], площади: ['gen', 'dat', 'prep'], площадью: ['ins'] },
  },
  {
    canonical: 'проезд',
    gender: 'm',
    abbreviations: ['пр-д'],
    needsDot: [],
    nameBefore: 'toponymic',
    forms: { проезд: ['nom', 'acc'], проезда: ['gen'], проезду: ['dat'], проездом: ['ins'], проезде: ['prep'] },
  },
  {
    canonical: 'тупик',
    gender: 'm',
    abbreviations: ['туп'],
    needsDot: ['туп'],
    nameBefore: 'toponymic',
    forms: { тупик: ['nom', 'acc'], тупика: ['gen'], тупику: ['dat'], тупиком: ['ins'], тупике: ['prep'] },
  },
];

/** Adjective endings by gender and case (hard and soft variants). */
const ADJECTIVE_ENDINGS: Readonly<Record<Gender, Readonly<Record<GramCase, readonly string[]>>>> = {
  // Possessives in the nominative too: Замшина улица, Щербаков переулок.
  f: {
    nom: ['ая', 'яя', 'ова', 'ева', 'ина'],
    gen: ['ой', 'ей'],
    dat: ['ой', 'ей'],
    acc: ['ую', 'юю'],
    ins: ['ой', 'ей', 'ою'],
    prep: ['ой', 'ей'],
  },
  m: {
    nom: ['ий', 'ый', 'ой', 'ов', 'ев', 'ин'],
    gen: ['ого', 'его'],
    dat: ['ому', 'ему'],
    acc: ['ий', 'ый', 'ой'],
    ins: ['ым', 'им'],
    prep: ['ом', 'ем'],
  },
  n: {
    nom: ['ое', 'ее'],
    gen: ['ого', 'его'],
    dat: ['ому', 'ему'],
    acc: ['ое', 'ее'],
    ins: ['ым', 'им'],
    prep: ['ом', 'ем'],
  },
};

const ALL_CASES: readonly GramCase[] = ['nom', 'gen', 'dat', 'acc', 'ins', 'prep'];

/** Soft endings follow only these letters in adjectives (Верхней, Свежей, Московским); after others the
 *  word is a noun: «улицы Строителей». */
const SOFT_ONLY_AFTER = /[нжшчщкгх]$/u;
/** «-вкой», «-нкой»… are nouns in -ка (Бурцевкой, Полянкой), not adjectives. */
const NOUN_IN_KA = /[внчшлрмт]кой$/u;

function plausibleAdjective(w: string, ending: string): boolean {
  const stem = w.slice(0, w.length - ending.length);
  if (SOFT_ENDINGS.has(ending) && !SOFT_ONLY_AFTER.test(stem)) return false;
  return !(ending === 'ой' && NOUN_IN_KA.test(w));
}

/** The ending of `word` that makes it an adjective agreeing with the given gender and cases, if any. */
export function agreeingEnding(word: string, gender: Gender, cases: readonly GramCase[]): string | null {
  const w = word.toLowerCase();
  const wanted = (cases.length > 0 ? cases : ALL_CASES).flatMap((c) => ADJECTIVE_ENDINGS[gender][c]);
  const ending = [...wanted]
    .sort((a, b) => b.length - a.length)
    .find((e) => w.endsWith(e) && w.length > e.length + 2 && plausibleAdjective(w, e));
  return ending ?? null;
}

const HARD_STEM = /[кгхжшчщ]$/u;
const SOFT_ENDINGS = new Set(['яя', 'ей', 'юю', 'его', 'ему', 'им', 'ем', 'ее']);

/** The nominative of an adjective in an oblique case: «Крестовой» (f) → «Крестовая». */
export function toNominative(word: string, gender: Gender, ending: string): string {
  const stem = word.slice(0, word.length - ending.length);
  const soft = SOFT_ENDINGS.has(ending) && !HARD_STEM.test(stem.toLowerCase());
  switch (gender) {
    case 'f':
      return stem + (soft ? 'яя' : 'ая');
    case 'n':
      return stem + (soft ? 'ее' : 'ое');
    case 'm':
      if (ending === 'ой') return word;
      return stem + (soft || HARD_STEM.test(stem.toLowerCase()) ? 'ий' : 'ый');
  }
}

/** Streets named after women, in the genitive («ул. Терешковой»): look like adjectives, are not. */
export const FEMININE_NAME_STREETS: ReadonlySet<string> = new Set([
  'терешковой',
  'крупской',
  'космодемьянской',
  'перовской',
  'ковалевской',
  'громовой',
  'цветаевой',
  'ахматовой',
  'люксембург',
  'засулич',
  'ульяновой',
  'колонтай',
]);

export interface StreetTypeHit {
  readonly type: StreetType;
  /** Cases the word expresses; empty for abbreviations and indeclinable words (unknown case). */
  readonly cases: readonly GramCase[];
  readonly abbreviated: boolean;
}

interface StreetWordEntry {
  readonly hit: StreetTypeHit;
  readonly needsDot: boolean;
}

/** Every street word (lower case) → what it can be, in the order of STREET_TYPES; built once. */
const STREET_WORDS: ReadonlyMap<string, readonly StreetWordEntry[]> = (() => {
  const words = new Map<string, StreetWordEntry[]>();
  const add = (word: string, entry: StreetWordEntry) => {
    const list = words.get(word);
    if (list) list.push(entry);
    else words.set(word, [entry]);
  };
  for (const type of STREET_TYPES) {
    for (const [form, cases] of Object.entries(type.forms))
      add(form, { hit: { type, cases, abbreviated: false }, needsDot: false });
    for (const a of type.abbreviations)
      add(a, { hit: { type, cases: [], abbreviated: true }, needsDot: type.needsDot.includes(a) });
  }
  return words;
})();

/** Recognises a token as a street word («улице», «пр-т», «ш.» with its dot). */
export function streetTypeOf(token: string, dotAfter: boolean): StreetTypeHit | null {
  const entries = STREET_WORDS.get(token.toLowerCase());
  if (!entries) return null;
  for (const e of entries) if (dotAfter || !e.needsDot) return e.hit;
  return null;
}
