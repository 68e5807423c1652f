import type { ReactNode } from 'react';
import { nextSort, type SortDirection, type SortState } from './sortable';

interface Props<K extends string> {
  column: K;
  sort: SortState<K>;
  onSort: (next: SortState<K>) => void;
  children: ReactNode;
  /** The direction a first click sorts by: descending for «more is notable» figures. */
  firstDir?: SortDirection;
  className?: string;
  title?: string;
}

/** A column header of a table sorted on the page; aria-sort tells screen readers the current order. */
export function SortableHeader<K extends string>({
  column,
  sort,
  onSort,
  children,
  firstDir = 'desc',
  className,
  title,
}: Props<K>) {
  const state = sort.key === column ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  const arrow = state === 'ascending' ? '▲' : state === 'descending' ? '▼' : '↕';
  return (
    <th scope="col" aria-sort={state} className={className} title={title}>
      <button type="button" className="sort-button" onClick={() => onSort(nextSort(sort, column, firstDir))}>
        {children} <span aria-hidden="true">{arrow}</span>
      </button>
    </th>
  );
}
