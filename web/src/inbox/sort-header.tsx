import type { CaseListQuery } from '../../../shared/api/cases';

type Sort = CaseListQuery['sort'];

/** A column header that sorts the list; aria-sort tells screen readers the current order. */
export function SortHeader({
  label,
  sort,
  onSort,
  asc,
  desc,
}: {
  label: string;
  sort: Sort;
  onSort?: ((s: Sort) => void) | undefined;
  asc: Sort;
  desc?: Sort;
}) {
  const state = sort === asc ? 'ascending' : sort === desc ? 'descending' : 'none';
  if (!onSort) return <th scope="col">{label}</th>;
  const next = desc && sort === desc ? asc : desc && sort === asc ? desc : asc;
  const arrow = state === 'ascending' ? '▲' : state === 'descending' ? '▼' : '↕';
  return (
    <th scope="col" aria-sort={state}>
      <button type="button" className="sort-button" onClick={() => onSort(next)}>
        {label} <span aria-hidden="true">{arrow}</span>
      </button>
    </th>
  );
}
