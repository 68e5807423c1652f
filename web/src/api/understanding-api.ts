// Duplicates on the case card (suggestions, merge, split) and the decomposition of «прочие».
import type { z } from 'zod';
import {
  caseDetailSchema,
  duplicateSuggestionsSchema,
  splitResultSchema,
  type CaseDetail,
  type DuplicateSuggestion,
} from '../../../shared/api/cases';
import {
  clustersResultSchema,
  promoteClusterResultSchema,
  type ClustersQuery,
  type ClustersResult,
  type promoteClusterInputSchema,
} from '../../../shared/api/clusters';
import { apiRequest } from './client';

export async function fetchDuplicates(id: string, signal?: AbortSignal): Promise<DuplicateSuggestion[]> {
  const r = await apiRequest(
    `/cases/${encodeURIComponent(id)}/duplicates`,
    duplicateSuggestionsSchema,
    signal ? { signal } : {},
  );
  return r.items;
}

export function mergeInto(id: string, sourceId: string): Promise<CaseDetail> {
  return apiRequest(`/cases/${encodeURIComponent(id)}/merge`, caseDetailSchema, { method: 'POST', body: { sourceId } });
}

export function splitOut(id: string, messageId: string): Promise<z.infer<typeof splitResultSchema>> {
  return apiRequest(`/cases/${encodeURIComponent(id)}/split`, splitResultSchema, {
    method: 'POST',
    body: { messageId },
  });
}

export function fetchClusters(query: ClustersQuery, signal?: AbortSignal): Promise<ClustersResult> {
  return apiRequest('/clusters', clustersResultSchema, {
    query: new URLSearchParams(query),
    ...(signal ? { signal } : {}),
  });
}

export function promoteCluster(
  body: z.input<typeof promoteClusterInputSchema>,
): Promise<z.infer<typeof promoteClusterResultSchema>> {
  return apiRequest('/clusters', promoteClusterResultSchema, { method: 'POST', body });
}
