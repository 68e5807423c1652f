// The one-pass matcher (compilePhraseSet + findPhrases) must find exactly what findPhrase finds phrase by phrase.
// The corpus is generated from the lexicon itself: its stems with endings, its exact words and regex alternatives,
// its negators, mixed with filler words, so every phrase gets both hits and near misses.
import { describe, expect, it } from 'vitest';
import { NEGATION_BREAKERS, URGENCY_LEXICON } from './lexicon';
import { compilePhrase, compilePhraseSet, findPhrase, findPhrases, tokenizeWords } from './phrase-match';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Words a token of the phrase syntax could accept (and some it nearly accepts). */
function wordsOfToken(token: string): string[] {
  if (token === '~') return [];
  if (token.startsWith('/')) {
    const group = /\(([^()]*)\)/u.exec(token)?.[1] ?? token.replace(/[^\p{L}]/gu, '');
    return group
      .split('|')
      .map((w) => w.replace(/\\p\{L\}\*|[^\p{L}]/gu, ''))
      .filter(Boolean);
  }
  if (token.endsWith('$')) return [token.slice(0, -1)];
  return [token, `${token}а`, `${token}ом`, `${token}ями`, token.slice(0, -1)];
}

const sources = URGENCY_LEXICON.flatMap((f) => [...f.phrases, ...(f.criticalPhrases ?? [])]);
const vocabulary = [
  ...new Set([
    ...sources.flatMap((s) => s.split(/\s+/u).flatMap(wordsOfToken)),
    ...URGENCY_LEXICON.flatMap((f) => [...(f.negators ?? []), ...(f.postNegators ?? []), ...(f.except ?? [])]),
    ...NEGATION_BREAKERS,
    'во',
    'дворе',
    'у',
    'дома',
    'уже',
    'неделю',
    'просим',
    'помочь',
    'улица',
    'Ленина',
    'газон',
    'светофор',
    'водитель',
    'Ёлка',
  ]),
];

function corpus(n: number): string[] {
  const next = rng(20261126);
  return Array.from({ length: n }, () => {
    const len = 1 + Math.floor(next() * 40);
    return Array.from({ length: len }, () => {
      const w = vocabulary[Math.floor(next() * vocabulary.length)]!;
      return next() < 0.1 ? w.toUpperCase() : w;
    }).join(next() < 0.8 ? ' ' : ', ');
  });
}

describe('phrase set matcher', () => {
  it('finds the same hits as findPhrase for every lexicon phrase on a generated corpus', () => {
    const phrases = sources.map(compilePhrase);
    const set = compilePhraseSet(phrases);
    let hits = 0;
    for (const text of corpus(600)) {
      const words = tokenizeWords(text);
      const all = findPhrases(words, set);
      phrases.forEach((p, i) => {
        const expected = findPhrase(words, p);
        hits += expected.length;
        expect(all[i]).toEqual(expected);
      });
    }
    expect(hits).toBeGreaterThan(600);
  });

  it('keeps phrases apart when two start with the same word', () => {
    const set = compilePhraseSet(['нет ~ вод', 'нет$', 'не'].map(compilePhrase));
    const words = tokenizeWords('Нет горячей воды, нету света');
    expect(findPhrases(words, set).map((h) => h.map((x) => [x.first, x.last]))).toEqual([
      [[0, 2]],
      [[0, 0]],
      [
        [0, 0],
        [3, 3],
      ],
    ]);
  });
});
