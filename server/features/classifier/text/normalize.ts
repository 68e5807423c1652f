// Plain-text normalisation shared by training and prediction: HTML, portal masks, links, numbers, case, ё.
import { stripHtml } from './html';
import { hasUnfoldable } from './tokenize';

/** Placeholder words that replace masked personal data, links, e-mails and numbers. */
export const SPECIAL_TOKENS = {
  mask: '_mask_',
  url: '_url_',
  email: '_email_',
  num: '_num_',
} as const;

// Personal data masked by the portal: runs of Latin/Cyrillic capital X («XXXX», «XX XXXXX X XXX»).
const MASK_RE = /(?<![\p{L}\p{N}])[XХ]{2,}(?:[\s.,:;()-]+[XХ]+)*(?![\p{L}\p{N}])/gu;
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'«»]+/gi;
const EMAIL_RE = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const NUMBER_RE = /\d+(?:[.,:/-]\d+)*/g;
const LINK_HINT_RE = /https?:|www\./i;
const MASK_HINT_RE = /[XХ][XХ]/;
const DIGIT_RE = /\d/;

const pad = (token: string): string => ` ${token} `;

/**
 * Strips HTML and replaces masks, URLs, e-mails and numbers with placeholder words, keeping the
 * case: `scanTokens` folds the case of token characters (upper case, ё) itself, which is faster
 * than lower-casing the whole text. Texts with the two characters it cannot fold alone are
 * lower-cased here.
 */
export const prepareText = (raw: string | null | undefined): string => {
  if (!raw) return '';
  let text = stripHtml(raw);
  if (LINK_HINT_RE.test(text)) text = text.replace(URL_RE, pad(SPECIAL_TOKENS.url));
  if (text.includes('@')) text = text.replace(EMAIL_RE, pad(SPECIAL_TOKENS.email));
  if (MASK_HINT_RE.test(text)) text = text.replace(MASK_RE, pad(SPECIAL_TOKENS.mask));
  if (DIGIT_RE.test(text)) text = text.replace(NUMBER_RE, pad(SPECIAL_TOKENS.num));
  return hasUnfoldable(text) ? text.toLowerCase() : text;
};

/** `prepareText` in lower case with ё → е: the text whose tokens the classifier sees. */
export const normalizeText = (raw: string | null | undefined): string => {
  const text = prepareText(raw).toLowerCase();
  return text.includes('ё') ? text.replace(/ё/g, 'е') : text;
};
