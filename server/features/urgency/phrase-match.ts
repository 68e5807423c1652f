// Matches word-list phrases against a text, word by word, so every hit can be shown as the words that
// fired. Phrase syntax (space-separated tokens, written in lower case with е for ё):
//   `газ`       a stem: any word starting with «газ» (газа, газом)
//   `нет$`      an exact word
//   `/^(на|по)?ху[йея]/`  a regular expression on the word
//   `~`         up to two arbitrary words in between («нет ~ вод» matches «нет горячей воды»)

export interface Word {
  readonly text: string;
  readonly norm: string;
  readonly start: number;
  readonly end: number;
}

type TokenMatcher = { readonly kind: 'word'; readonly test: (w: string) => boolean } | { readonly kind: 'gap' };

export interface CompiledPhrase {
  readonly source: string;
  readonly tokens: readonly TokenMatcher[];
}

export interface PhraseHit {
  readonly phrase: string;
  /** Index of the first and last matched word. */
  readonly first: number;
  readonly last: number;
}

const MAX_GAP = 2;

export function tokenizeWords(text: string): Word[] {
  return [...text.matchAll(/[\p{L}\d]+/gu)].map((m) => ({
    text: m[0],
    norm: m[0].toLowerCase().replaceAll('ё', 'е'),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

function compileToken(token: string): TokenMatcher {
  if (token === '~') return { kind: 'gap' };
  if (token.startsWith('/') && token.endsWith('/') && token.length > 2) {
    const re = new RegExp(token.slice(1, -1), 'u');
    return { kind: 'word', test: (w) => re.test(w) };
  }
  if (token.endsWith('$')) {
    const exact = token.slice(0, -1);
    return { kind: 'word', test: (w) => w === exact };
  }
  return { kind: 'word', test: (w) => w.startsWith(token) };
}

export function compilePhrase(source: string): CompiledPhrase {
  const tokens = source.trim().split(/\s+/u).map(compileToken);
  if (tokens[0]?.kind !== 'word' || tokens[tokens.length - 1]?.kind !== 'word') {
    throw new Error(`phrase must start and end with a word: "${source}"`);
  }
  return { source, tokens };
}

/** Index of the last matched word when `tokens[t..]` match from word `w`, else -1. */
function matchFrom(words: readonly Word[], tokens: readonly TokenMatcher[], t: number, w: number): number {
  const token = tokens[t];
  if (!token) return w - 1;
  if (token.kind === 'gap') {
    for (let skip = 0; skip <= MAX_GAP; skip += 1) {
      const end = matchFrom(words, tokens, t + 1, w + skip);
      if (end >= 0) return end;
    }
    return -1;
  }
  const word = words[w];
  if (!word || !token.test(word.norm)) return -1;
  return matchFrom(words, tokens, t + 1, w + 1);
}

/** Every place where the phrase matches, as word index ranges. */
export function findPhrase(words: readonly Word[], phrase: CompiledPhrase): PhraseHit[] {
  const hits: PhraseHit[] = [];
  for (let w = 0; w < words.length; w += 1) {
    const last = matchFrom(words, phrase.tokens, 0, w);
    if (last >= 0) hits.push({ phrase: phrase.source, first: w, last });
  }
  return hits;
}

/**
 * Many phrases compiled together for one pass over a text: the phrases whose first token accepts a word are
 * computed once per distinct word (kept in a bounded cache), so a text costs one lookup per word plus the
 * continuation of the few phrases that start there — instead of every phrase tried at every word.
 */
export interface PhraseSet {
  readonly phrases: readonly CompiledPhrase[];
  /** Indices (ascending) of the phrases whose first token accepts this normalised word. */
  starting(norm: string): readonly number[];
}

const NO_PHRASES: readonly number[] = [];
const STARTER_CACHE_LIMIT = 200_000;

export function compilePhraseSet(phrases: readonly CompiledPhrase[]): PhraseSet {
  const firsts = phrases.map((p) => p.tokens[0] as Extract<TokenMatcher, { kind: 'word' }>);
  const cache = new Map<string, readonly number[]>();
  return {
    phrases,
    starting(norm) {
      const known = cache.get(norm);
      if (known) return known;
      const found: number[] = [];
      for (let i = 0; i < firsts.length; i += 1) if (firsts[i]!.test(norm)) found.push(i);
      const result = found.length ? found : NO_PHRASES;
      if (cache.size >= STARTER_CACHE_LIMIT) cache.clear();
      cache.set(norm, result);
      return result;
    },
  };
}

/** `findPhrase` for every phrase of the set at once: element i holds the hits of phrase i, in text order. */
export function findPhrases(words: readonly Word[], set: PhraseSet): PhraseHit[][] {
  const hits: PhraseHit[][] = set.phrases.map(() => []);
  for (let w = 0; w < words.length; w += 1) {
    for (const i of set.starting(words[w]!.norm)) {
      const phrase = set.phrases[i]!;
      const last = matchFrom(words, phrase.tokens, 0, w);
      if (last >= 0) hits[i]!.push({ phrase: phrase.source, first: w, last });
    }
  }
  return hits;
}

/** The matched words as written in the text («нет горячей воды»). */
export function hitText(text: string, words: readonly Word[], hit: PhraseHit): string {
  const first = words[hit.first];
  const last = words[hit.last];
  return first && last ? text.slice(first.start, last.end) : '';
}
