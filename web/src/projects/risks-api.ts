import {
  riskListSchema,
  riskSchema,
  type AssessInput,
  type MeasureInput,
  type Risk,
  type RiskInput,
  type RiskList,
} from '../../../shared/api/project-risks';
import { apiRequest } from '../api/client';

export function fetchRisks(projectId: number | null, signal?: AbortSignal): Promise<RiskList> {
  const query = projectId === null ? undefined : new URLSearchParams({ projectId: String(projectId) });
  return apiRequest('/risks', riskListSchema, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) });
}
export const addRisk = (projectId: number, input: RiskInput): Promise<Risk> =>
  apiRequest(`/projects/${projectId}/risks`, riskSchema, { method: 'POST', body: input });
export const assessRisk = (id: number, input: AssessInput): Promise<Risk> =>
  apiRequest(`/risks/${id}/assess`, riskSchema, { method: 'POST', body: input });
export const addMeasure = (id: number, input: MeasureInput): Promise<Risk> =>
  apiRequest(`/risks/${id}/measures`, riskSchema, { method: 'POST', body: input });
export const completeMeasure = (id: number, measureId: number): Promise<Risk> =>
  apiRequest(`/risks/${id}/measures/done`, riskSchema, { method: 'POST', body: { measureId } });
export const closeRisk = (id: number, comment: string): Promise<Risk> =>
  apiRequest(`/risks/${id}/close`, riskSchema, { method: 'POST', body: { comment } });
export const escalateRisk = (id: number, comment: string): Promise<Risk> =>
  apiRequest(`/risks/${id}/escalate`, riskSchema, { method: 'POST', body: { comment } });
