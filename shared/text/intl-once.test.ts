import { describe, expect, it } from 'vitest';
import { intlOnce } from './intl-once';

describe('intlOnce', () => {
  it('makes the object on the first call only and returns the same one after', () => {
    let made = 0;
    const integer = intlOnce(() => {
      made += 1;
      return new Intl.NumberFormat('ru-RU');
    });
    expect(made).toBe(0);
    expect(integer().format(1234567)).toBe('1\u00a0234\u00a0567');
    expect(integer()).toBe(integer());
    expect(made).toBe(1);
  });
});
