// The seminars and knowledge base API for the screens and the answer form.
import {
  candidateListSchema,
  seminarDetailSchema,
  seminarListSchema,
  trainedSchema,
  type AttendanceInput,
  type CandidateList,
  type InviteInput,
  type MaterialInput,
  type SeminarDetail,
  type SeminarInput,
  type SeminarList,
  type Trained,
} from '../../../shared/api/seminars';
import {
  knowledgeEntrySchema,
  knowledgeListSchema,
  knowledgeSearchSchema,
  knowledgeSourcesSchema,
  type KnowledgeEntry,
  type KnowledgeInput,
  type KnowledgeSearch,
  type KnowledgeSources,
} from '../../../shared/api/knowledge';
import { apiRequest } from '../api/client';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const fetchSeminars = (year: number, signal?: AbortSignal): Promise<SeminarList> =>
  apiRequest('/seminars', seminarListSchema, { query: new URLSearchParams({ year: String(year) }), ...opts(signal) });
export const fetchTrained = (year: number, signal?: AbortSignal): Promise<Trained> =>
  apiRequest('/seminars/trained', trainedSchema, {
    query: new URLSearchParams({ year: String(year) }),
    ...opts(signal),
  });
export const fetchSeminar = (id: number, signal?: AbortSignal): Promise<SeminarDetail> =>
  apiRequest(`/seminars/${id}`, seminarDetailSchema, opts(signal));
export const saveSeminar = (id: number | null, input: SeminarInput): Promise<SeminarDetail> =>
  id === null
    ? apiRequest('/seminars', seminarDetailSchema, { method: 'POST', body: input })
    : apiRequest(`/seminars/${id}`, seminarDetailSchema, { method: 'PUT', body: input });
export const fetchCandidates = (id: number, signal?: AbortSignal): Promise<CandidateList> =>
  apiRequest(`/seminars/${id}/candidates`, candidateListSchema, opts(signal));
export const invite = (id: number, input: InviteInput): Promise<SeminarDetail> =>
  apiRequest(`/seminars/${id}/participants`, seminarDetailSchema, { method: 'POST', body: input });
export const markAttendance = (id: number, input: AttendanceInput): Promise<SeminarDetail> =>
  apiRequest(`/seminars/${id}/attendance`, seminarDetailSchema, { method: 'POST', body: input });
export const addMaterial = (id: number, input: MaterialInput): Promise<SeminarDetail> =>
  apiRequest(`/seminars/${id}/materials`, seminarDetailSchema, { method: 'POST', body: input });

export function searchKnowledge(q: string, category: string | null, signal?: AbortSignal): Promise<KnowledgeSearch> {
  const query = new URLSearchParams();
  if (q.trim()) query.set('q', q.trim());
  if (category) query.set('category', category);
  return apiRequest('/knowledge/search', knowledgeSearchSchema, { query, ...opts(signal) });
}
export const fetchKnowledge = (signal?: AbortSignal): Promise<{ items: KnowledgeEntry[] }> =>
  apiRequest('/knowledge', knowledgeListSchema, opts(signal));
export const fetchKnowledgeSources = (signal?: AbortSignal): Promise<KnowledgeSources> =>
  apiRequest('/knowledge/sources', knowledgeSourcesSchema, opts(signal));
export const saveKnowledge = (id: number | null, input: KnowledgeInput): Promise<KnowledgeEntry> =>
  id === null
    ? apiRequest('/knowledge', knowledgeEntrySchema, { method: 'POST', body: input })
    : apiRequest(`/knowledge/${id}`, knowledgeEntrySchema, { method: 'PUT', body: input });
