import { useState } from 'react';
import { fetchCases, type CaseList } from '../api/cases-api';
import { queryKey, type CaseQuery } from '../api/case-query';
import { useResource } from '../common/use-resource';

export const REFRESH_MS = 30_000;

/** A case list page that refreshes every 30 s in the background while `auto` is on. */
export function useCaseList(query: CaseQuery, keyPrefix = 'cases') {
  const [auto, setAuto] = useState(true);
  const key = `${keyPrefix}?${queryKey(query)}`;
  const resource = useResource<CaseList>(key, (signal) => fetchCases(query, signal), {
    keepPrevious: true,
    ...(auto ? { refreshMs: REFRESH_MS } : {}),
  });
  return { ...resource, auto, setAuto };
}
