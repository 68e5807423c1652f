import { useState } from 'react';
import type { CaseFacets } from '../../../shared/api/cases';
import { fetchCases, fetchFacets, type CaseList } from '../api/cases-api';
import { queryKey, type CaseQuery } from '../api/case-query';
import { toSearchParams } from '../api/case-params';
import { apiUrl } from '../api/client';
import { hasEarly } from '../api/early-requests';
import { primeResource } from '../common/primed-resources';
import { useResource } from '../common/use-resource';
import { FILTER_FACETS } from './filter-facets';

export const REFRESH_MS = 30_000;

const listKey = (query: CaseQuery, keyPrefix: string): string => `${keyPrefix}?${queryKey(query)}`;

/** Loads the opening list before the app's first render (a screen's primeOpening), when the boot script already
 * asked for it: the list's first render then shows its rows. */
export function primeCaseList(query: CaseQuery, keyPrefix: string): Promise<void> | undefined {
  if (!hasEarly(apiUrl('/cases', toSearchParams(query)))) return undefined;
  return primeResource(listKey(query, keyPrefix), fetchCases(query));
}

/** A case list page that refreshes every 30 s in the background while `auto` is on. */
export function useCaseList(query: CaseQuery, keyPrefix = 'cases') {
  const [auto, setAuto] = useState(true);
  const resource = useResource<CaseList>(listKey(query, keyPrefix), (signal) => fetchCases(query, signal), {
    keepPrevious: true,
    ...(auto ? { refreshMs: REFRESH_MS } : {}),
  });
  return { ...resource, auto, setAuto };
}

/** Counts per filter option for the same filters as the list, refreshed with it. */
export function useCaseFacets(query: CaseQuery, auto: boolean, listReady: boolean) {
  const { sort: _sort, page: _page, pageSize: _size, ...filters } = query;
  // asked once the rows are on screen: the first page comes first (PGlite runs one query at a time)
  return useResource<CaseFacets>(
    listReady ? `facets?${queryKey(filters)}` : null,
    (signal) => fetchFacets(filters, FILTER_FACETS, signal),
    {
      keepPrevious: true,
      ...(auto ? { refreshMs: REFRESH_MS } : {}),
    },
  );
}
