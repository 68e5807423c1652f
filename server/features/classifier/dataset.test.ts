import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeText, getField, labelOf, parseJsonLines, textOf } from './dataset';

const cp1251 = (text: string): Uint8Array =>
  Uint8Array.from(
    [...text].map((ch) => {
      const code = ch.charCodeAt(0);
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (ch === 'ё') return 0xb8;
      if (ch === 'Ё') return 0xa8;
      return code;
    }),
  );

describe('dataset reading', () => {
  it('decodes UTF-8, and windows-1251 when the bytes are not UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('Привет'))).toBe('Привет');
    expect(decodeText(cp1251('Нет воды, всё плохо'))).toBe('Нет воды, всё плохо');
  });

  it('parses JSON Lines (plain and gzip), reporting bad lines by number', () => {
    const text = '\uFEFF{"id":1,"text":"а"}\n\n{bad json}\n[1,2]\n{"id":2,"text":"б"}\n';
    for (const bytes of [new TextEncoder().encode(text), new Uint8Array(gzipSync(text))]) {
      const file = parseJsonLines(bytes);
      expect(file.records.map((r) => [r.line, r.value.id])).toEqual([
        [1, 1],
        [5, 2],
      ]);
      expect(file.errors.map((e) => e.line)).toEqual([3, 4]);
    }
  });

  it('decodes a windows-1251 file line by line', () => {
    const bytes = new Uint8Array([
      ...cp1251('{"text":"Яма на дороге"}'),
      0x0a,
      ...new TextEncoder().encode('{"text":"Ямы"}'),
    ]);
    expect(parseJsonLines(bytes).records.map((r) => r.value.text)).toEqual(['Яма на дороге', 'Ямы']);
  });

  it('reads dotted paths', () => {
    const record = { text: 'x', labels: { category: 'roads', n: 5, none: null } };
    expect(getField(record, 'labels.category')).toBe('roads');
    expect(getField(record, 'labels.missing.deeper')).toBeUndefined();
    expect(labelOf(record, 'labels.category')).toBe('roads');
    expect(labelOf(record, 'labels.n')).toBe('5');
    expect(labelOf(record, 'labels.none')).toBeNull();
    expect(labelOf(record, 'labels')).toBeNull();
    expect(textOf(record, 'text')).toBe('x');
    expect(textOf(record, 'labels')).toBe('');
  });
});
