import { describe, expect, it } from 'vitest';
import { nextSort, parseSort, sortRows, sortText } from './sortable';

type Row = { name: string; score: number | null };
const rows: Row[] = [
  { name: 'Яковлевское', score: 3.5 },
  { name: 'Angarsk', score: null },
  { name: 'Борисоглебский', score: 4.33 },
  { name: 'Данилов', score: 3.5 },
  { name: 'ёлкино', score: 1 },
];
const value = (r: Row, k: 'name' | 'score') => r[k];

describe('sorting a table on the page', () => {
  it('sorts numbers both ways with empty values last and ties in their order', () => {
    expect(sortRows(rows, value, { key: 'score', dir: 'desc' }).map((r) => r.name)).toEqual([
      'Борисоглебский',
      'Яковлевское',
      'Данилов',
      'ёлкино',
      'Angarsk',
    ]);
    expect(sortRows(rows, value, { key: 'score', dir: 'asc' }).map((r) => r.name)).toEqual([
      'ёлкино',
      'Яковлевское',
      'Данилов',
      'Борисоглебский',
      'Angarsk',
    ]);
  });

  it('sorts names in Russian order (Cyrillic before Latin, ё beside е)', () => {
    expect(sortRows(rows, value, { key: 'name', dir: 'asc' }).map((r) => r.name)).toEqual([
      'Борисоглебский',
      'Данилов',
      'ёлкино',
      'Яковлевское',
      'Angarsk',
    ]);
  });

  it('does not change the given rows', () => {
    const copy = [...rows];
    sortRows(rows, value, { key: 'score', dir: 'asc' });
    expect(rows).toEqual(copy);
  });

  it('reads the sort from the address and falls back on anything unknown', () => {
    const fallback = { key: 'name', dir: 'asc' } as const;
    expect(parseSort('score.desc', ['name', 'score'], fallback)).toEqual({ key: 'score', dir: 'desc' });
    expect(parseSort('rank.desc', ['name', 'score'], fallback)).toEqual(fallback);
    expect(parseSort('score.up', ['name', 'score'], fallback)).toEqual(fallback);
    expect(parseSort(null, ['name', 'score'], fallback)).toEqual(fallback);
    expect(sortText({ key: 'score', dir: 'desc' })).toBe('score.desc');
  });

  it('a click on the sorted column flips it, on another column starts with its first direction', () => {
    expect(nextSort({ key: 'score', dir: 'desc' }, 'score', 'desc')).toEqual({ key: 'score', dir: 'asc' });
    expect(nextSort({ key: 'score', dir: 'asc' }, 'name', 'asc')).toEqual({ key: 'name', dir: 'asc' });
  });
});
