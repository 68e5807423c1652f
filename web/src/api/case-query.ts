// The case list query travels in the same form in the address bar (#/inbox?block=zhkh&status=triage) and in the
// API request (/api/cases?block=zhkh&status=triage): lists comma-separated, defaults omitted. Parsing reuses the
// shared query schema field by field, so one bad value in a bookmarked link drops that filter, not the whole view.
import { caseListQuerySchema, type CaseListQuery } from '../../../shared/api/cases';

export type CaseQuery = Partial<CaseListQuery>;
export type CaseQueryKey = keyof CaseListQuery;

export const QUERY_DEFAULTS = { sort: 'created_desc', page: 1, pageSize: 50 } as const satisfies CaseQuery;

const KEYS = Object.keys(caseListQuerySchema.shape) as CaseQueryKey[];

export function parseCaseQuery(params: URLSearchParams): CaseQuery {
  const out: Record<string, unknown> = {};
  for (const key of KEYS) {
    const raw = params.get(key);
    if (raw === null || raw.trim() === '') continue;
    const parsed = caseListQuerySchema.shape[key].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) {
      if (Array.isArray(parsed.data) && parsed.data.length === 0) continue;
      out[key] = parsed.data;
    }
  }
  return out as CaseQuery;
}

function serialise(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.length ? value.map(String).join(',') : null;
  const s = String(value);
  return s.trim() === '' ? null : s;
}

/** Query → URLSearchParams in a fixed key order; defaults are left out so addresses stay short. */
export function toSearchParams(query: CaseQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = query[key];
    if (key in QUERY_DEFAULTS && value === QUERY_DEFAULTS[key as keyof typeof QUERY_DEFAULTS]) continue;
    const s = serialise(value);
    if (s !== null) params.set(key, s);
  }
  return params;
}

export function queryKey(query: CaseQuery): string {
  return toSearchParams(query).toString();
}

/** Replaces some fields; any filter change sends the user back to page 1. */
export function withFilters(query: CaseQuery, patch: CaseQuery): CaseQuery {
  const next: CaseQuery = { ...query, ...patch };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete next[key as CaseQueryKey];
  }
  if (!('page' in patch)) delete next.page;
  return next;
}

export function activeFilterCount(query: CaseQuery): number {
  const ignored: CaseQueryKey[] = ['sort', 'page', 'pageSize'];
  return KEYS.filter((k) => !ignored.includes(k) && serialise(query[k]) !== null).length;
}
