import {
  kpiDetailSchema,
  kpiListSchema,
  type KpiDetail,
  type KpiInput,
  type KpiValueInput,
} from '../../../shared/api/kpi';
import type { z } from 'zod';
import { apiRequest } from '../api/client';

export type KpiList = z.infer<typeof kpiListSchema>;

export function fetchKpis(on: string, signal?: AbortSignal): Promise<KpiList> {
  return apiRequest('/kpi', kpiListSchema, { query: new URLSearchParams({ on }), ...(signal ? { signal } : {}) });
}

export function fetchKpi(id: number, on: string, signal?: AbortSignal): Promise<KpiDetail> {
  return apiRequest(`/kpi/${id}`, kpiDetailSchema, {
    query: new URLSearchParams({ on }),
    ...(signal ? { signal } : {}),
  });
}

export function recordKpiValue(id: number, input: KpiValueInput): Promise<KpiDetail> {
  return apiRequest(`/kpi/${id}/values`, kpiDetailSchema, { method: 'POST', body: input });
}

/** Creates an indicator (id null) or changes one. */
export function saveKpi(id: number | null, input: KpiInput): Promise<KpiDetail> {
  return id === null
    ? apiRequest('/kpi', kpiDetailSchema, { method: 'POST', body: input })
    : apiRequest(`/kpi/${id}`, kpiDetailSchema, { method: 'PUT', body: input });
}
