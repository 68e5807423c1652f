// Obscene and abusive vocabulary, kept apart from the other word lists. Roots are matched as regexes
// at the start of a word with the usual verbal prefixes (за-, вы-, по-, съ-…), never as bare
// substrings, so ordinary words that happen to contain the letters (хлеб, небо, учебник, небольшой)
// do not fire. Words are compared after lower-casing and ё → е.
const PREFIXES = '(за|у|вы|от|отъ|на|по|до|при|пере|недо|съ|разъ|подъ|въ|изъ|долбо|о|ни|рас|раз)?';

export const OBSCENITY_PHRASES: readonly string[] = [
  `/^${PREFIXES}ху[йеяи]/`,
  '/пизд/',
  `/^${PREFIXES}еб\\p{L}/`,
  '/^бля/',
  '/^(мудак|мудач|мудил|мудозвон)/',
  '/^(пидор|пидар|пидр)/',
  '/^(гандон|гондон)/',
  '/^залуп/',
  '/^шлюх/',
  '/^ублюд/',
  '/^(сука|суки|суке|сукой|сучара|сучий|сучье)$/',
  '/^(мразь|мрази|мразота)$/',
  '/^(говн|дерьм|засранц)/',
];

/** Innocent words the roots above would catch. */
export const OBSCENITY_EXCEPT: readonly string[] = ['бляха', 'бляхи', 'бляшк', 'ебонит'];
