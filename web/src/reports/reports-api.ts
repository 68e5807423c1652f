import {
  reportListSchema,
  reportSummarySchema,
  type ReportFormat,
  type ReportSummary,
} from '../../../shared/api/reports';
import { apiRequest } from '../api/client';

export function fetchReports(signal?: AbortSignal): Promise<ReportSummary[]> {
  return apiRequest('/reports', reportListSchema, signal ? { signal } : {}).then((r) => r.items);
}

export type ReportAction = 'generate' | 'agree' | 'approve';

export function reportAction(month: string, action: ReportAction): Promise<ReportSummary> {
  return apiRequest(`/reports/${month}/${action}`, reportSummarySchema, { method: 'POST', body: {} });
}

export function saveConclusions(month: string, conclusions: string): Promise<ReportSummary> {
  return apiRequest(`/reports/${month}/conclusions`, reportSummarySchema, { method: 'POST', body: { conclusions } });
}

/** Download link: a stored approved version, or the current edition (draft or agreed) rendered on request. */
export function fileHref(month: string, format: ReportFormat, version: number | 'draft'): string {
  return `/api/reports/${month}/file?format=${format}${version === 'draft' ? '&draft=true' : `&version=${version}`}`;
}
