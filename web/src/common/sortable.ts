// Sorting a table that is already on the page (ratings, figures): by one column, both ways, empty values last.
export type SortDirection = 'asc' | 'desc';
export interface SortState<K extends string> {
  key: K;
  dir: SortDirection;
}
export type SortValue = number | string | null | undefined;

const collator = new Intl.Collator('ru', { numeric: true, sensitivity: 'base' });

/** A sorted copy; rows without a value go last in either direction; ties keep their order. */
export function sortRows<T, K extends string>(
  rows: readonly T[],
  valueOf: (row: T, key: K) => SortValue,
  sort: SortState<K>,
): T[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: valueOf(row, sort.key) }))
    .sort((a, b) => {
      const empty =
        Number(a.value === null || a.value === undefined) - Number(b.value === null || b.value === undefined);
      if (empty !== 0) return empty;
      if (a.value === null || a.value === undefined || b.value === null || b.value === undefined)
        return a.index - b.index;
      const byValue =
        typeof a.value === 'number' && typeof b.value === 'number'
          ? a.value - b.value
          : collator.compare(String(a.value), String(b.value));
      return byValue === 0 ? a.index - b.index : sign * byValue;
    })
    .map((x) => x.row);
}

/** "score.desc" from the address → a sort on a known column, else the fallback. */
export function parseSort<K extends string>(
  text: string | null,
  keys: readonly K[],
  fallback: SortState<K>,
): SortState<K> {
  const m = /^([\w-]+)\.(asc|desc)$/.exec(text ?? '');
  if (!m || !keys.includes(m[1] as K)) return fallback;
  return { key: m[1] as K, dir: m[2] as SortDirection };
}

export const sortText = <K extends string>(s: SortState<K>): string => `${s.key}.${s.dir}`;

/** Clicking a column: the same column flips its direction, another one starts with its natural direction. */
export function nextSort<K extends string>(current: SortState<K>, key: K, firstDir: SortDirection): SortState<K> {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: firstDir };
}
