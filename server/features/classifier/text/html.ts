// HTML to plain text: drops script/style bodies and tags, decodes entities. Linear in the input size.

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  laquo: '«',
  raquo: '»',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  minus: '−',
  shy: '',
  zwnj: '',
  zwj: '',
  thinsp: ' ',
  ensp: ' ',
  emsp: ' ',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  numero: '№',
  copy: '©',
  reg: '®',
  deg: '°',
  bull: '•',
  middot: '·',
  times: '×',
  sect: '§',
  euro: '€',
  rub: '₽',
  prime: '′',
  Prime: '″',
  lsaquo: '‹',
  rsaquo: '›',
  iexcl: '¡',
  tab: ' ',
  newline: ' ',
  colon: ':',
  comma: ',',
  period: '.',
  excl: '!',
  quest: '?',
  sol: '/',
  lpar: '(',
  rpar: ')',
  percnt: '%',
  plus: '+',
  equals: '=',
  num: '#',
  ast: '*',
};

const BLOCK_RE = /<(script|style)\b[^<>]*>[\s\S]*?<\/\1\s*>/gi;
// `[^<>]` keeps the scan linear: an unclosed `<` stops at the next `<` instead of the end of the text.
const TAG_RE = /<\/?[a-zA-Z!?][^<>]*>/g;
const ENTITY_RE = /&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g;

const fromCodePoint = (code: number): string =>
  Number.isFinite(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
    ? String.fromCodePoint(code)
    : ' ';

const decodeEntity = (whole: string, body: string): string => {
  if (body.startsWith('#x') || body.startsWith('#X')) return fromCodePoint(parseInt(body.slice(2), 16));
  if (body.startsWith('#')) return fromCodePoint(parseInt(body.slice(1), 10));
  return NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()] ?? whole;
};

/** Decodes named (common), decimal and hexadecimal HTML entities; unknown ones are kept as written. */
export const decodeEntities = (text: string): string =>
  text.includes('&') ? text.replace(ENTITY_RE, decodeEntity) : text;

/** Removes tags (each becomes a space so words never glue together) and decodes entities. */
export const stripHtml = (text: string): string => {
  if (!text.includes('<')) return decodeEntities(text);
  return decodeEntities(text.replace(BLOCK_RE, ' ').replace(TAG_RE, ' '));
};
