// Russian case forms of place names, generated from the nominative by the word's ending. This is a
// small hand-made paradigm table, not a morphological analyser: it only has to cover toponyms
// (Рыбинск, Ярославль, Пошехонье, Красные Ткачи, Большое Село, Гаврилов-Ям, Ростов Великий…).
// Irregular forms (fleeting vowels: Борок → Борке) are listed in the gazetteer as `inflections`.

interface Paradigm {
  readonly suffix: string;
  /** How many trailing letters of the nominative to drop to get the stem. */
  readonly cut: number;
  readonly endings: readonly string[];
}

// Checked in order: the first suffix that ends the word wins (longer suffixes first).
const PARADIGMS: readonly Paradigm[] = [
  { suffix: 'ане', cut: 1, endings: ['е', '', 'ам', 'ами', 'ах'] }, // угличане
  { suffix: 'ий', cut: 2, endings: ['ий', 'ого', 'его', 'ому', 'ему', 'им', 'ом', 'ем'] },
  { suffix: 'ый', cut: 2, endings: ['ый', 'ого', 'ому', 'ым', 'ом'] },
  { suffix: 'ой', cut: 2, endings: ['ой', 'ого', 'ому', 'ым', 'им', 'ом'] },
  { suffix: 'ая', cut: 2, endings: ['ая', 'ой', 'ую', 'ою'] },
  { suffix: 'яя', cut: 2, endings: ['яя', 'ей', 'юю'] },
  { suffix: 'ое', cut: 2, endings: ['ое', 'ого', 'ому', 'ым', 'им', 'ом'] },
  { suffix: 'ее', cut: 2, endings: ['ее', 'его', 'ему', 'им', 'ем'] },
  { suffix: 'ые', cut: 2, endings: ['ые', 'ых', 'ым', 'ыми'] },
  { suffix: 'ие', cut: 2, endings: ['ие', 'их', 'им', 'ими'] },
  { suffix: 'ье', cut: 1, endings: ['е', 'я', 'ю', 'ем'] },
  { suffix: 'ь', cut: 1, endings: ['ь', 'я', 'ю', 'ем', 'е', 'и'] },
  { suffix: 'а', cut: 1, endings: ['а', 'ы', 'и', 'е', 'у', 'ой', 'ою'] },
  { suffix: 'я', cut: 1, endings: ['я', 'и', 'е', 'ю', 'ей', 'ею'] },
  { suffix: 'о', cut: 1, endings: ['о', 'а', 'у', 'ом', 'е'] },
  { suffix: 'ы', cut: 1, endings: ['ы', 'ов', 'ам', 'ами', 'ах'] },
  { suffix: 'и', cut: 1, endings: ['и', 'ей', 'ов', 'ам', 'ами', 'ах', 'ям', 'ями', 'ях'] },
  { suffix: 'е', cut: 0, endings: [''] },
];

const CONSONANT_ENDINGS: readonly string[] = ['', 'а', 'у', 'ом', 'ем', 'е'];

/** Lower case and ё → е; keeps the string length, so offsets stay valid in the original text. */
export function normalizeText(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е');
}

/** All case forms of one (lower-case) word. One-letter words and numbers are left as they are. */
export function wordForms(word: string): string[] {
  const w = normalizeText(word);
  if (w.length <= 1 || /\d/.test(w)) return [w];
  const paradigm = PARADIGMS.find((p) => w.endsWith(p.suffix));
  if (!paradigm) return CONSONANT_ENDINGS.map((e) => w + e);
  const stem = w.slice(0, w.length - paradigm.cut);
  return paradigm.endings.map((e) => stem + e);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits a name into words on spaces and hyphens ("Переславль-Залесский" → 2 words). */
export function nameWords(name: string): string[] {
  return normalizeText(name)
    .split(/[\s-]+/u)
    .filter((w) => w.length > 0);
}

/**
 * A regex source matching every case form of a (possibly multi-word) name, each word declined on its
 * own: "Ростов Великий" matches «Ростова Великого», "Гаврилов-Ям" matches «Гаврилов-Яме».
 */
export function namePatternSource(name: string): string {
  const parts = nameWords(name).map((word) => {
    const forms = [...new Set(wordForms(word))].sort((a, b) => b.length - a.length);
    return `(?:${forms.map(escapeRegex).join('|')})`;
  });
  return parts.join('[\\s\\-]+');
}

/** A regex source for fixed surface forms (already inflected), e.g. irregular ones from the data. */
export function literalPatternSource(forms: readonly string[]): string {
  return forms.map((f) => nameWords(f).map(escapeRegex).join('[\\s\\-]+')).join('|');
}

/** Exclusion phrases use `*` for "any letters": `ростов*-на-дону`. */
export function wildcardPatternSource(pattern: string): string {
  return nameWords(pattern)
    .map((w) => w.split('*').map(escapeRegex).join('\\p{L}*'))
    .join('[\\s\\-]+');
}

export const LETTER_BEFORE = '(?<![\\p{L}\\d])';
export const LETTER_AFTER = '(?![\\p{L}\\d])';
