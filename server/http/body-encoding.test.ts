// Request bodies are decoded in the charset they declare (UTF-8 when none) and refused when their bytes are not in
// it, instead of being stored with U+FFFD in place of the letters.
import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors';
import { charsetOf, decodeBody, parseFormBody } from './body-encoding';

const cp1251 = (s: string) =>
  Buffer.from(
    [...s].map((c) => {
      const code = c.codePointAt(0)!;
      if (code < 0x80) return code;
      if (c === 'ё') return 0xb8;
      if (c === 'Ё') return 0xa8;
      return code - 0x410 + 0xc0; // А…я
    }),
  );
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? { status: error.status, message: error.message } : error;
  }
  return null;
};

describe('decoding a body', () => {
  it('reads the charset parameter of Content-Type', () => {
    expect(charsetOf('application/json')).toBeNull();
    expect(charsetOf('application/json; charset=Windows-1251')).toBe('windows-1251');
    expect(charsetOf('application/x-www-form-urlencoded;charset="koi8-r"')).toBe('koi8-r');
    expect(charsetOf(undefined)).toBeNull();
  });

  it('refuses bytes that are not UTF-8 and decodes the declared charset', () => {
    const body = cp1251('{"text":"Яма на дороге, ёлка"}');
    expect(refusal(() => decodeBody(body, 'application/json'))).toEqual({
      status: 400,
      message: expect.stringMatching(/^Тело запроса не в кодировке UTF-8: .*charset=windows-1251/),
    });
    expect(decodeBody(body, 'application/json; charset=windows-1251')).toBe('{"text":"Яма на дороге, ёлка"}');
    expect(decodeBody(Buffer.from('\uFEFF{"a":"Я"}'), 'application/json; charset=utf-8')).toBe('{"a":"Я"}');
    expect(refusal(() => decodeBody(body, 'application/json; charset=x-nonsense'))).toEqual({
      status: 415,
      message: expect.stringMatching(/Неизвестная кодировка тела запроса «x-nonsense»/),
    });
  });
});

describe('a form body', () => {
  it('decodes escaped and raw bytes in the declared charset, keeps repeats and odd escapes', () => {
    const escaped = [...cp1251('Яма ёлка')].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    const fields = parseFormBody(
      Buffer.from(`description=${escaped}&a=1&a=2&b&c=50%+x+%zz&&=e`),
      'application/x-www-form-urlencoded; charset=windows-1251',
    );
    expect({ ...fields }).toEqual({ description: 'Яма ёлка', a: ['1', '2'], b: '', c: '50% x %zz', '': 'e' });
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(
      parseFormBody(
        Buffer.concat([Buffer.from('x='), cp1251('Яма')]),
        'application/x-www-form-urlencoded; charset=cp1251',
      ),
    ).toEqual(Object.assign(Object.create(null), { x: 'Яма' }));
    expect(parseFormBody(Buffer.from(`x=${encodeURIComponent('Яма ёлка')}`), undefined).x).toBe('Яма ёлка');
  });

  it('refuses escapes that are not UTF-8 when no charset is declared', () => {
    expect(
      refusal(() => parseFormBody(Buffer.from('description=%DF%EC%E0'), 'application/x-www-form-urlencoded')),
    ).toEqual({
      status: 400,
      message: expect.stringMatching(
        /^Тело запроса не в кодировке UTF-8: .*application\/x-www-form-urlencoded; charset=windows-1251/,
      ),
    });
  });
});
