// Russian plural forms through the platform's own rules (Intl.PluralRules, CLDR): 1 обращение, 2 обращения,
// 5 обращений, 21 обращение, 1,5 обращения. The one helper for the web app, the server's texts and documents.
import { intlOnce } from './intl-once';

const RULES = intlOnce(() => new Intl.PluralRules('ru'));

/** The forms for one, few and many: ['обращение', 'обращения', 'обращений']. */
export type PluralForms = readonly [one: string, few: string, many: string];

export const NOUNS = {
  case: ['обращение', 'обращения', 'обращений'],
  message: ['сообщение', 'сообщения', 'сообщений'],
  answer: ['ответ', 'ответа', 'ответов'],
  finalAnswer: ['окончательный ответ', 'окончательных ответа', 'окончательных ответов'],
  day: ['день', 'дня', 'дней'],
  organisation: ['организация', 'организации', 'организаций'],
} as const satisfies Record<string, PluralForms>;

/** The word form that goes with the number: plural(5, NOUNS.case) → «обращений». */
export function plural(n: number, forms: PluralForms): string {
  switch (RULES().select(n)) {
    case 'one':
      return forms[0];
    case 'few':
      return forms[1];
    case 'many':
      return forms[2];
    // fractions: «1,5 обращения» — the genitive singular, the same word as the «few» form
    default:
      return forms[1];
  }
}

const INTEGER = intlOnce(() => new Intl.NumberFormat('ru-RU'));

/** The number and its word: countOf(142, NOUNS.case) → «142 обращения»; format overrides how the number is written. */
export function countOf(
  n: number,
  forms: PluralForms,
  format: (n: number) => string = (x) => INTEGER().format(x),
): string {
  return `${format(n)} ${plural(n, forms)}`;
}
