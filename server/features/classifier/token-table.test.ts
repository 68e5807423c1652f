import { describe, expect, it } from 'vitest';
import { TokenTable } from './token-table';

describe('TokenTable', () => {
  it('maps slices to values, computing each token once, across growth and reset', () => {
    const table = new TokenTable<string>(50_000);
    let made = 0;
    const make = (token: string): string => {
      made += 1;
      return token.toUpperCase();
    };
    const words = Array.from({ length: 20_000 }, (_, i) => `слово${i}`);
    const text = words.join(' ');
    let at = 0;
    for (const word of words) {
      expect(table.get(text, at, at + word.length, make)).toBe(word.toUpperCase());
      at += word.length + 1;
    }
    expect(made).toBe(20_000);
    expect(table.get('x слово7 y', 2, 8, make)).toBe('СЛОВО7');
    expect(table.get('x СЛОВО7 y', 2, 8, make)).toBe('СЛОВО7');
    expect(made).toBe(20_000);
    expect(table.get('ЁЖ', 0, 2, make)).toBe('ЕЖ');
    expect(table.get('еж', 0, 2, make)).toBe('ЕЖ');
    expect(table.get('ежи', 0, 2, make)).toBe('ЕЖ');
    expect(made).toBe(20_001);
    const small = new TokenTable<number>(2);
    expect([
      small.get('a', 0, 1, () => 1),
      small.get('b', 0, 1, () => 2),
      small.get('c', 0, 1, () => 3),
      small.get('a', 0, 1, () => 4),
    ]).toEqual([1, 2, 3, 4]);
  });

  it('clears before making the value that no longer fits, so what `make` stores on the side survives', () => {
    const events: string[] = [];
    const table = new TokenTable<string>(2, () => events.push('clear'));
    for (const token of ['a', 'b', 'c', 'd', 'e']) table.get(token, 0, 1, (t) => (events.push(t), t));
    expect(events).toEqual(['a', 'b', 'clear', 'c', 'd', 'clear', 'e']);
  });
});
