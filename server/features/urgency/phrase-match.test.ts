import { describe, expect, it } from 'vitest';
import { compilePhrase, findPhrase, hitText, tokenizeWords } from './phrase-match';

function match(phrase: string, text: string): string[] {
  const words = tokenizeWords(text);
  return findPhrase(words, compilePhrase(phrase)).map((h) => hitText(text, words, h));
}

describe('phrase matching', () => {
  it.each([
    ['газ', 'Запах газа', ['газа']],
    ['нет ~ вод', 'Нет горячей воды', ['Нет горячей воды']],
    ['нет ~ вод', 'Нет ни холодной ни горячей воды', []],
    ['вод нет$', 'воды нет', ['воды нет']],
    ['вод нет$', 'воды нету', []],
    ['/^пожар(а|ы)?$/', 'пожара не было, пожарный выход', ['пожара']],
    ['запах газ', 'ЗАПАХ ГАЗА', ['ЗАПАХ ГАЗА']],
    ['ребен', 'ребёнок упал', ['ребёнок']],
  ])('«%s» in «%s»', (phrase, text, expected) => {
    expect(match(phrase, text)).toEqual(expected);
  });

  it('rejects a phrase that starts or ends with a gap', () => {
    expect(() => compilePhrase('~ вод')).toThrow();
  });
});
