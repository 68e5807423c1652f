// Typed calls for /api/cases: list, card, and every action (each answers with the updated card).
import type { z } from 'zod';
import {
  caseDetailSchema,
  caseFacetsSchema,
  caseListSchema,
  type CaseFacet,
  type CaseFacets,
  type answerInputSchema,
  type CaseDetail,
  type CaseListQuery,
  type extendInputSchema,
  type ratingInputSchema,
  type reassignInputSchema,
  type reclassifyInputSchema,
  type rejectInputSchema,
  type reviewInputSchema,
  type transitionInputSchema,
} from '../../../shared/api/cases';
import { apiRequest } from './client';
import { facetParams, toSearchParams } from './case-params';

export type CaseList = z.infer<typeof caseListSchema>;

export function fetchCases(query: Partial<CaseListQuery>, signal?: AbortSignal): Promise<CaseList> {
  return apiRequest('/cases', caseListSchema, { query: toSearchParams(query), ...(signal ? { signal } : {}) });
}

/** Counts per filter value under the query's filters (each facet without its own filter). */
export function fetchFacets(
  query: Partial<CaseListQuery>,
  facets: readonly CaseFacet[],
  signal?: AbortSignal,
): Promise<CaseFacets> {
  return apiRequest('/cases/facets', caseFacetsSchema, {
    query: facetParams(query, facets),
    ...(signal ? { signal } : {}),
  });
}

export function fetchCase(id: string, signal?: AbortSignal): Promise<CaseDetail> {
  return apiRequest(`/cases/${encodeURIComponent(id)}`, caseDetailSchema, signal ? { signal } : {});
}

function post<I>(id: string, path: string, body: I): Promise<CaseDetail> {
  return apiRequest(`/cases/${encodeURIComponent(id)}/${path}`, caseDetailSchema, { method: 'POST', body });
}

export const caseActions = {
  answer: (id: string, body: z.input<typeof answerInputSchema>) => post(id, 'answers', body),
  review: (id: string, body: z.input<typeof reviewInputSchema>) => post(id, 'review', body),
  rate: (id: string, body: z.input<typeof ratingInputSchema>) => post(id, 'rating', body),
  reassign: (id: string, body: z.input<typeof reassignInputSchema>) => post(id, 'reassign', body),
  classify: (id: string, body: z.input<typeof reclassifyInputSchema>) => post(id, 'classification', body),
  reject: (id: string, body: z.input<typeof rejectInputSchema>) => post(id, 'reject', body),
  extend: (id: string, body: z.input<typeof extendInputSchema>) => post(id, 'extension', body),
  transition: (id: string, body: z.input<typeof transitionInputSchema>) => post(id, 'transitions', body),
};
