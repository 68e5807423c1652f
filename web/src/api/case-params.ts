// The case list query as the API and the address bar spell it: lists comma-separated, defaults omitted, keys in
// one fixed order (see case-query.ts). No zod here: the boot script (boot/first-screen.ts) builds the first
// screen's addresses with it before the app has loaded; parsing and checking an address is case-query.ts's.
import type { CaseFacet, CaseListQuery } from '../../../shared/api/cases';

export type CaseQuery = Partial<CaseListQuery>;
export type CaseQueryKey = keyof CaseListQuery;

/** Every key of the shared list query schema, in the order addresses spell them (a test keeps the two equal). */
export const CASE_QUERY_KEYS: readonly CaseQueryKey[] = [
  'block',
  'category',
  'municipality',
  'organisation',
  'sourceOrganisation',
  'status',
  'channel',
  'deadline',
  'overdue',
  'answered',
  'citizenReplied',
  'late',
  'priority',
  'delivery',
  'from',
  'to',
  'q',
  'ids',
  'sort',
  'page',
  'pageSize',
  'purpose',
];

export const QUERY_DEFAULTS = { sort: 'created_desc', page: 1, pageSize: 50 } as const satisfies CaseQuery;

function serialise(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.length ? value.map(String).join(',') : null;
  const s = String(value);
  return s.trim() === '' ? null : s;
}

/** Query → URLSearchParams in a fixed key order; defaults are left out so addresses stay short. */
export function toSearchParams(query: CaseQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of CASE_QUERY_KEYS) {
    const value = query[key];
    if (key in QUERY_DEFAULTS && value === QUERY_DEFAULTS[key as keyof typeof QUERY_DEFAULTS]) continue;
    const s = serialise(value);
    if (s !== null) params.set(key, s);
  }
  return params;
}

export function queryKey(query: CaseQuery): string {
  return toSearchParams(query).toString();
}

/** Replaces some fields; any filter change sends the user back to page 1. */
export function withFilters(query: CaseQuery, patch: CaseQuery): CaseQuery {
  const next: CaseQuery = { ...query, ...patch };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
      delete next[key as CaseQueryKey];
  }
  if (!('page' in patch)) delete next.page;
  return next;
}

export function activeFilterCount(query: CaseQuery): number {
  const ignored: CaseQueryKey[] = ['sort', 'page', 'pageSize', 'purpose'];
  return CASE_QUERY_KEYS.filter((k) => !ignored.includes(k) && serialise(query[k]) !== null).length;
}

/** The query string of /api/cases/facets: the list's filters (not its sort or page) and the facets wanted. */
export function facetParams(query: CaseQuery, facets: readonly CaseFacet[]): URLSearchParams {
  const { sort: _sort, page: _page, pageSize: _size, ...filters } = query;
  const params = toSearchParams(filters);
  params.set('facets', facets.join(','));
  return params;
}
