import { describe, expect, it } from 'vitest';
import { countOf, NOUNS, plural } from './plural';

describe('Russian plural forms', () => {
  it.each([
    [0, 'обращений'],
    [1, 'обращение'],
    [2, 'обращения'],
    [4, 'обращения'],
    [5, 'обращений'],
    [11, 'обращений'],
    [12, 'обращений'],
    [14, 'обращений'],
    [21, 'обращение'],
    [22, 'обращения'],
    [101, 'обращение'],
    [111, 'обращений'],
    [134, 'обращения'],
    [142, 'обращения'],
    [1_000_001, 'обращение'],
  ])('%d → %s', (n, word) => {
    expect(plural(n, NOUNS.case)).toBe(word);
  });

  it('fractions take the genitive singular', () => {
    expect(plural(1.5, NOUNS.day)).toBe('дня');
  });

  it('negative numbers follow their absolute value', () => {
    expect(plural(-3, NOUNS.message)).toBe('сообщения');
  });

  it('writes the number the Russian way with its word', () => {
    expect(countOf(134, NOUNS.message)).toBe('134 сообщения');
    expect(countOf(12_345, NOUNS.case)).toBe('12\u00a0345 обращений');
    expect(countOf(2, NOUNS.finalAnswer)).toBe('2 окончательных ответа');
    expect(countOf(7, NOUNS.case, (n) => `№${n}`)).toBe('№7 обращений');
  });
});
