import { auditPageSchema, erasureListSchema, type AuditPage } from '../../../shared/api/personal-data';
import type { z } from 'zod';
import { apiRequest } from '../api/client';

export interface AuditFilters {
  case?: string | undefined;
  user?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
}

export function fetchAudit(f: AuditFilters, signal?: AbortSignal): Promise<AuditPage> {
  const query = new URLSearchParams({ page: String(f.page), pageSize: '50' });
  for (const k of ['case', 'user', 'action', 'from', 'to'] as const) {
    const v = f[k]?.trim();
    if (v) query.set(k, v);
  }
  return apiRequest('/audit', auditPageSchema, { query, ...(signal ? { signal } : {}) });
}

export function fetchErasures(signal?: AbortSignal): Promise<z.infer<typeof erasureListSchema>> {
  return apiRequest('/personal-data/erasures', erasureListSchema, {
    query: new URLSearchParams({ pageSize: '20' }),
    ...(signal ? { signal } : {}),
  });
}
