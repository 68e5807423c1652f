// Typed calls for the workspace: navigation counters, actions on many cases, the user's inbox settings.
import {
  bulkActionResultSchema,
  caseCountersSchema,
  inboxSettingsSchema,
  triageExplanationSchema,
  type BulkActionInput,
  type BulkActionResult,
  type CaseCounters,
  type InboxSettings,
  type TriageExplanation,
} from '../../../shared/api/workspace';
import { apiRequest } from '../api/client';

/** Fired after anything that may change the counters (a bulk action, an action on a case), so the header refreshes at once. */
export const COUNTERS_CHANGED = 'otklik:counters-changed';
export const countersChanged = (): boolean => window.dispatchEvent(new Event(COUNTERS_CHANGED));

export function fetchCounters(signal?: AbortSignal): Promise<CaseCounters> {
  return apiRequest('/cases/counters', caseCountersSchema, signal ? { signal } : {});
}

export async function runBulkAction(input: BulkActionInput): Promise<BulkActionResult> {
  const result = await apiRequest('/cases/bulk', bulkActionResultSchema, { method: 'POST', body: input });
  countersChanged();
  return result;
}

export function fetchInboxSettings(signal?: AbortSignal): Promise<InboxSettings> {
  return apiRequest('/me/settings/inbox', inboxSettingsSchema, signal ? { signal } : {});
}

export function saveInboxSettings(settings: InboxSettings): Promise<InboxSettings> {
  return apiRequest('/me/settings/inbox', inboxSettingsSchema, { method: 'PUT', body: settings });
}

export function fetchTriageExplanation(id: string, signal?: AbortSignal): Promise<TriageExplanation> {
  return apiRequest(
    `/cases/${encodeURIComponent(id)}/triage-explanation`,
    triageExplanationSchema,
    signal ? { signal } : {},
  );
}
