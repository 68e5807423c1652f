import {
  criteriaSchema,
  importResultSchema,
  type Criterion,
  pageDetailSchema,
  pageListSchema,
  ratingSchema,
  type CheckInput,
  type FileUpload,
  type ImportResult,
  type PageDetail,
  type PageInput,
  type PageRating,
  type ScoreSet,
} from '../../../shared/api/public-pages';
import {
  mediaDetailSchema,
  mediaListSchema,
  type InteractionInput,
  type MediaDetail,
  type MediaInput,
} from '../../../shared/api/media';
import {
  practiceListSchema,
  practiceSchema,
  recommendationListSchema,
  recommendationSchema,
  type FollowUpInput,
  type Practice,
  type PracticeInput,
  type Recommendation,
  type RecommendationInput,
} from '../../../shared/api/practices';
import {
  voteDetailSchema,
  voteListSchema,
  type VoteDetail,
  type VoteInput,
  type VoteList,
} from '../../../shared/api/votes';
import type { z } from 'zod';
import { apiRequest } from '../api/client';

export type PageList = z.infer<typeof pageListSchema>;
export type Criteria = z.infer<typeof criteriaSchema>;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const fetchPages = (signal?: AbortSignal): Promise<PageList> =>
  apiRequest('/public-pages', pageListSchema, opts(signal));
export const fetchPage = (id: number, signal?: AbortSignal): Promise<PageDetail> =>
  apiRequest(`/public-pages/${id}`, pageDetailSchema, opts(signal));
export const savePage = (id: number | null, input: PageInput): Promise<PageDetail> =>
  id === null
    ? apiRequest('/public-pages', pageDetailSchema, { method: 'POST', body: input })
    : apiRequest(`/public-pages/${id}`, pageDetailSchema, { method: 'PUT', body: input });
export const recordCheck = (id: number, input: CheckInput): Promise<PageDetail> =>
  apiRequest(`/public-pages/${id}/checks`, pageDetailSchema, { method: 'POST', body: input });
export const importWeeks = (file: FileUpload): Promise<ImportResult> =>
  apiRequest('/public-pages/weeks/import', importResultSchema, { method: 'POST', body: file });
export const fetchRating = (from: string, to: string, set: ScoreSet, signal?: AbortSignal): Promise<PageRating> =>
  apiRequest('/public-pages/ratings', ratingSchema, { query: new URLSearchParams({ from, to, set }), ...opts(signal) });
export const fetchCriteria = (set: ScoreSet, signal?: AbortSignal): Promise<Criteria> =>
  apiRequest(`/public-pages/criteria/${set}`, criteriaSchema, opts(signal));
export const saveCriteria = (set: ScoreSet, items: Criterion[]): Promise<Criteria> =>
  apiRequest(`/public-pages/criteria/${set}`, criteriaSchema, { method: 'PUT', body: { items } });

export function fetchVotes(query: Record<string, string>, signal?: AbortSignal): Promise<VoteList> {
  return apiRequest('/votes', voteListSchema, { query: new URLSearchParams(query), ...opts(signal) });
}
export const saveVote = (id: number | null, input: VoteInput): Promise<VoteDetail> =>
  id === null
    ? apiRequest('/votes', voteDetailSchema, { method: 'POST', body: input })
    : apiRequest(`/votes/${id}`, voteDetailSchema, { method: 'PUT', body: input });
export const importVotes = (file: FileUpload): Promise<ImportResult> =>
  apiRequest('/votes/import', importResultSchema, { method: 'POST', body: file });

export type MediaList = z.infer<typeof mediaListSchema>;
export const fetchMedia = (signal?: AbortSignal): Promise<MediaList> =>
  apiRequest('/media', mediaListSchema, opts(signal));
export const saveContact = (input: MediaInput): Promise<MediaDetail> =>
  apiRequest('/media', mediaDetailSchema, { method: 'POST', body: input });
export const recordInteraction = (id: number, input: InteractionInput): Promise<MediaDetail> =>
  apiRequest(`/media/${id}/interactions`, mediaDetailSchema, { method: 'POST', body: input });
export const importMedia = (file: FileUpload): Promise<ImportResult> =>
  apiRequest('/media/import', importResultSchema, { method: 'POST', body: file });

export const fetchPractices = (q: string, signal?: AbortSignal): Promise<{ items: Practice[] }> =>
  apiRequest('/practices', practiceListSchema, { query: new URLSearchParams(q ? { q } : {}), ...opts(signal) });
export const savePractice = (input: PracticeInput): Promise<Practice> =>
  apiRequest('/practices', practiceSchema, { method: 'POST', body: input });
export const fetchRecommendations = (signal?: AbortSignal): Promise<{ items: Recommendation[] }> =>
  apiRequest('/recommendations', recommendationListSchema, opts(signal));
export const saveRecommendation = (input: RecommendationInput): Promise<Recommendation> =>
  apiRequest('/recommendations', recommendationSchema, { method: 'POST', body: input });
export const followUpRecommendation = (id: number, input: FollowUpInput): Promise<Recommendation> =>
  apiRequest(`/recommendations/${id}/follow-up`, recommendationSchema, { method: 'POST', body: input });

/** A chosen file as the import endpoints take it: its name and its bytes in base64. */
export async function fileUpload(file: File): Promise<FileUpload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { fileName: file.name, contentBase64: btoa(binary) };
}
