// Typed calls for /api/analytics used by the dashboard.
import { casePointsSchema, type CasePoints } from '../../../shared/api/analytics';
import { apiRequest } from './client';

/** Cases with coordinates in the period (Moscow dates, inclusive; no dates: all). */
export function fetchCasePoints(
  period: { from?: string | undefined; to?: string | undefined },
  signal?: AbortSignal,
): Promise<CasePoints> {
  const query = new URLSearchParams();
  if (period.from) query.set('from', period.from);
  if (period.to) query.set('to', period.to);
  return apiRequest('/analytics/points', casePointsSchema, { query, ...(signal ? { signal } : {}) });
}
