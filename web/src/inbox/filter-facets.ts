import type { CaseFacet } from '../../../shared/api/cases';

/** The inbox's filters that show counts per option (one GET /api/cases/facets with the list's filters). */
export const FILTER_FACETS: readonly CaseFacet[] = [
  'block',
  'category',
  'municipality',
  'organisation',
  'channel',
  'deadline',
  'priority',
  'citizenReplied',
];
