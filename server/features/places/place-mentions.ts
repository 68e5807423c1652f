// Finds every mention of a gazetteer place in a text. Each name form is compiled once into a regex
// of its case forms; context rules (a marker before, a district noun after) and ambiguous word forms
// are checked around each hit. Overlapping hits keep the longest («Переславль-Залесский» over «Переславль»).
import type { Gazetteer, GazetteerMunicipality, GazetteerPlace, NameForm, PlaceType } from './gazetteer';
import {
  LETTER_AFTER,
  LETTER_BEFORE,
  literalPatternSource,
  nameWords,
  namePatternSource,
  normalizeText,
  wildcardPatternSource,
  wordForms,
} from './inflect';
import { DESTINATION_BEFORE, DISTRICT_NOUN_AFTER, MARKER_BEFORE, PREPOSITION_BEFORE } from './ru-place-words';

export interface PlaceMention {
  readonly code: string;
  readonly municipalityName: string;
  readonly placeName: string;
  readonly placeType: PlaceType;
  /** The words as written in the text, with the district noun when it was required. */
  readonly matched: string;
  readonly start: number;
  readonly end: number;
  readonly afterMarker: boolean;
  /** After «до», «в сторону»: a destination, weaker evidence of where the problem is. */
  readonly destination: boolean;
  readonly demonym: boolean;
}

interface CompiledForm {
  readonly municipality: GazetteerMunicipality;
  readonly place: GazetteerPlace;
  readonly form: NameForm;
  readonly regex: RegExp;
  /**
   * Every word a match can begin with (each case form of the first name word, the first word of each irregular
   * form); null when one is not a plain run of letters and digits, so the form is always tried.
   */
  readonly firstWords: readonly string[] | null;
}

interface CompiledGazetteer {
  readonly forms: readonly CompiledForm[];
  /** Forms by the words they can begin with, and the forms that must always be tried. */
  readonly byFirstWord: ReadonlyMap<string, readonly number[]>;
  readonly alwaysTried: readonly number[];
  readonly exclusions: readonly RegExp[];
}

const PLAIN_WORD = /^[\p{L}\d]+$/u;
const TEXT_WORD = /[\p{L}\d]+/gu;

const compiledCache = new WeakMap<Gazetteer, CompiledGazetteer>();

function compileForm(municipality: GazetteerMunicipality, place: GazetteerPlace, form: NameForm): CompiledForm {
  const alternatives = [namePatternSource(form.text)];
  if (form.inflections.length > 0) alternatives.push(literalPatternSource(form.inflections));
  const regex = new RegExp(`${LETTER_BEFORE}(?:${alternatives.join('|')})${LETTER_AFTER}`, 'gu');
  const first = nameWords(form.text)[0] ?? '';
  const firstWords = [...new Set([...wordForms(first), ...form.inflections.map((f) => nameWords(f)[0] ?? '')])];
  return {
    municipality,
    place,
    form,
    regex,
    firstWords: firstWords.every((w) => PLAIN_WORD.test(w)) ? firstWords : null,
  };
}

function compile(gazetteer: Gazetteer): CompiledGazetteer {
  const cached = compiledCache.get(gazetteer);
  if (cached) return cached;
  const forms = gazetteer.municipalities.flatMap((m) =>
    m.places.flatMap((p) => p.forms.map((f) => compileForm(m, p, f))),
  );
  const exclusions = gazetteer.exclusions.map(
    (e) => new RegExp(`${LETTER_BEFORE}${wildcardPatternSource(e)}${LETTER_AFTER}`, 'gu'),
  );
  const byFirstWord = new Map<string, number[]>();
  const alwaysTried: number[] = [];
  forms.forEach((f, i) => {
    if (!f.firstWords) alwaysTried.push(i);
    else for (const w of f.firstWords) byFirstWord.set(w, [...(byFirstWord.get(w) ?? []), i]);
  });
  const compiled = { forms, byFirstWord, alwaysTried, exclusions };
  compiledCache.set(gazetteer, compiled);
  return compiled;
}

/** Blanks out excluded phrases (Ростов-на-Дону), keeping the length so offsets stay valid. */
function maskExclusions(norm: string, exclusions: readonly RegExp[]): string {
  return exclusions.reduce((acc, re) => acc.replace(re, (m) => ' '.repeat(m.length)), norm);
}

/** A capitalised name opening the text (or a line) before «,» «:» «—»: «Мышкин, ул. Победы, 12». */
function isHeading(text: string, start: number, end: number): boolean {
  return (
    /(?:^|\n)\s*$/u.test(text.slice(0, start)) &&
    /^\p{Lu}/u.test(text.slice(start)) &&
    /^\s*[,:—–-]/u.test(text.slice(end))
  );
}

/** Checks the context rules of a hit; returns its end (extended over a district noun) or null. */
function acceptedEnd(norm: string, start: number, end: number, form: NameForm, marked: boolean): number | null {
  const surface = nameWords(norm.slice(start, end)).join(' ');
  if (form.ambiguous.includes(surface) && !marked) return null;
  switch (form.context) {
    case 'any':
      return end;
    case 'marker':
      return marked ? end : null;
    case 'preposition':
      return marked || PREPOSITION_BEFORE.test(norm.slice(0, start)) ? end : null;
    case 'district': {
      const noun = DISTRICT_NOUN_AFTER.exec(norm.slice(end));
      return noun ? end + noun[0].length : null;
    }
  }
}

const allCapitalized = (s: string): boolean => s.split(/[\s-]+/u).every((w) => /^\p{Lu}/u.test(w));

function formMentions(text: string, norm: string, c: CompiledForm): PlaceMention[] {
  const found: PlaceMention[] = [];
  for (const m of norm.matchAll(c.regex)) {
    const start = m.index;
    if (c.form.capitalized && !allCapitalized(text.slice(start, start + m[0].length))) continue;
    const before = norm.slice(0, start);
    const afterMarker = MARKER_BEFORE.test(before);
    const heading = isHeading(text, start, start + m[0].length);
    const end = acceptedEnd(norm, start, start + m[0].length, c.form, afterMarker || heading);
    if (end === null) continue;
    found.push({
      code: c.municipality.code,
      municipalityName: c.municipality.name,
      placeName: c.place.name,
      placeType: c.place.type,
      matched: text.slice(start, end).trim(),
      start,
      end,
      afterMarker,
      destination: DESTINATION_BEFORE.test(before),
      demonym: c.form.demonym,
    });
  }
  return found;
}

/** Keeps the longest of overlapping mentions; the result is in text order. */
function dropOverlaps(mentions: readonly PlaceMention[]): PlaceMention[] {
  const byLength = [...mentions].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: PlaceMention[] = [];
  for (const m of byLength) {
    if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * The forms that can match in this text, in gazetteer order: a match starts after a non-letter with a whole word
 * of the text (a name word is followed by a separator or the end), so only forms one of whose first words
 * occurs in the text as a word are tried.
 */
function candidateForms(norm: string, compiled: CompiledGazetteer): number[] {
  const found = new Set(compiled.alwaysTried);
  for (const m of norm.matchAll(TEXT_WORD)) for (const i of compiled.byFirstWord.get(m[0]) ?? []) found.add(i);
  return [...found].sort((a, b) => a - b);
}

/** Every place of the gazetteer mentioned in the text, in text order. */
export function findPlaceMentions(text: string, gazetteer: Gazetteer): PlaceMention[] {
  const compiled = compile(gazetteer);
  const norm = maskExclusions(normalizeText(text), compiled.exclusions);
  return dropOverlaps(candidateForms(norm, compiled).flatMap((i) => formMentions(text, norm, compiled.forms[i]!)));
}
