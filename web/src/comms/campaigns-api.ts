import {
  campaignDetailSchema,
  campaignListSchema,
  type CampaignDetail,
  type CampaignInput,
  type ReachInput,
} from '../../../shared/api/campaigns';
import { importResultSchema, type FileUpload, type ImportResult } from '../../../shared/api/public-pages';
import type { z } from 'zod';
import { apiRequest } from '../api/client';

export type CampaignList = z.infer<typeof campaignListSchema>;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const fetchCampaigns = (query: Record<string, string>, signal?: AbortSignal): Promise<CampaignList> =>
  apiRequest('/campaigns', campaignListSchema, { query: new URLSearchParams(query), ...opts(signal) });
export const fetchCampaign = (id: number, signal?: AbortSignal): Promise<CampaignDetail> =>
  apiRequest(`/campaigns/${id}`, campaignDetailSchema, opts(signal));
export const saveCampaign = (id: number | null, input: CampaignInput): Promise<CampaignDetail> =>
  id === null
    ? apiRequest('/campaigns', campaignDetailSchema, { method: 'POST', body: input })
    : apiRequest(`/campaigns/${id}`, campaignDetailSchema, { method: 'PUT', body: input });
export const campaignStep = (
  id: number,
  step: 'submit' | 'approve' | 'return' | 'publish',
  comment = '',
): Promise<CampaignDetail> =>
  apiRequest(`/campaigns/${id}/${step}`, campaignDetailSchema, {
    method: 'POST',
    ...(step === 'approve' || step === 'return' ? { body: { comment } } : {}),
  });
export const completeTask = (publicationId: string, url: string): Promise<CampaignDetail> =>
  apiRequest(`/campaigns/publications/${publicationId}/done`, campaignDetailSchema, { method: 'POST', body: { url } });
export const recordReach = (id: number, input: ReachInput): Promise<CampaignDetail> =>
  apiRequest(`/campaigns/${id}/reach`, campaignDetailSchema, { method: 'POST', body: input });
export const importReach = (id: number, file: FileUpload): Promise<ImportResult> =>
  apiRequest(`/campaigns/${id}/reach/import`, importResultSchema, { method: 'POST', body: file });
