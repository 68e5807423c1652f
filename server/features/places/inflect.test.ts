import { describe, expect, it } from 'vitest';
import { namePatternSource, normalizeText, wordForms } from './inflect';

describe('wordForms', () => {
  it.each([
    ['Ярославль', ['ярославле', 'ярославля', 'ярославлем']],
    ['Рыбинск', ['рыбинск', 'рыбинска', 'рыбинске']],
    ['Пошехонье', ['пошехонье', 'пошехонья']],
    ['Карабиха', ['карабихе', 'карабихи']],
    ['Брейтово', ['брейтово', 'брейтове']],
    ['Ткачи', ['ткачах', 'ткачей']],
    ['Рыбинский', ['рыбинского', 'рыбинском']],
    ['Некрасовское', ['некрасовском', 'некрасовского']],
    ['Поляна', ['поляне', 'поляны']],
  ])('%s has %j', (word, forms) => {
    expect(wordForms(word)).toEqual(expect.arrayContaining(forms));
  });

  it('keeps a neuter adjective neuter: no feminine forms of Некрасовское', () => {
    expect(wordForms('Некрасовское')).not.toContain('некрасовской');
  });

  it('declines each word of a compound name', () => {
    const re = new RegExp(`^(?:${namePatternSource('Ростов Великий')})$`, 'u');
    expect(re.test('ростова великого')).toBe(true);
    expect(re.test(normalizeText('Ростове Великом'))).toBe(true);
  });
});
