// The case list query travels in the same form in the address bar (#/inbox?block=zhkh&status=triage) and in the
// API request (/api/cases?block=zhkh&status=triage): lists comma-separated, defaults omitted (case-params.ts).
// Parsing reuses the shared query schema field by field, so one bad value in a bookmarked link drops that filter,
// not the whole view.
import { caseListQuerySchema } from '../../../shared/api/cases';
import { CASE_QUERY_KEYS, type CaseQuery } from './case-params';

export * from './case-params';

export function parseCaseQuery(params: URLSearchParams): CaseQuery {
  const out: Record<string, unknown> = {};
  for (const key of CASE_QUERY_KEYS) {
    const raw = params.get(key);
    if (raw === null || raw.trim() === '') continue;
    const parsed = caseListQuerySchema.shape[key].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) {
      if (Array.isArray(parsed.data) && parsed.data.length === 0) continue;
      out[key] = parsed.data;
    }
  }
  return out;
}
