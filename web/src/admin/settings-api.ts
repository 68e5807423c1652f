// The administration of settings: organisations, routing rules, deadline policies, keyword sets, workload norms, channels.
import { z } from 'zod';
import {
  adminDeadlinePolicyListSchema,
  adminDeadlinePolicySchema,
  adminKeywordSetListSchema,
  adminKeywordSetSchema,
  adminOrganisationListSchema,
  adminOrganisationSchema,
  adminRoutingRuleListSchema,
  adminRoutingRuleSchema,
  adminWorkloadNormsListSchema,
  channelStateListSchema,
  type AdminDeadlinePolicy,
  type AdminKeywordSet,
  type AdminOrganisation,
  type AdminRoutingRule,
  type AdminWorkloadNorms,
  type ChangeOrganisationInput,
  type ChannelState,
  type CreateOrganisationInput,
  type DeadlinePolicyInput,
  type KeywordSetInput,
  type RoutingRuleInput,
} from '../../../shared/api/admin-settings';
import type { WorkloadNormsInput } from '../../../shared/api/analytics';
import { apiRequest } from '../api/client';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
const ok = z.object({ ok: z.literal(true) });
const list =
  <T>(path: string, schema: z.ZodType<{ items: T[] }>) =>
  (signal?: AbortSignal): Promise<T[]> =>
    apiRequest(path, schema, opts(signal)).then((r) => r.items);

export const fetchOrganisations = list<AdminOrganisation>('/admin/organisations', adminOrganisationListSchema);
export const createOrganisation = (input: CreateOrganisationInput): Promise<AdminOrganisation> =>
  apiRequest('/admin/organisations', adminOrganisationSchema, { method: 'POST', body: input });
export const changeOrganisation = (id: number, input: ChangeOrganisationInput): Promise<AdminOrganisation> =>
  apiRequest(`/admin/organisations/${id}`, adminOrganisationSchema, { method: 'PATCH', body: input });

export const fetchRoutingRules = list<AdminRoutingRule>('/admin/routing-rules', adminRoutingRuleListSchema);
export const addRoutingRule = (input: RoutingRuleInput): Promise<AdminRoutingRule> =>
  apiRequest('/admin/routing-rules', adminRoutingRuleSchema, { method: 'POST', body: input });
export const removeRoutingRule = (id: number): Promise<unknown> =>
  apiRequest(`/admin/routing-rules/${id}`, ok, { method: 'DELETE' });

export const fetchDeadlinePolicies = list<AdminDeadlinePolicy>(
  '/admin/deadline-policies',
  adminDeadlinePolicyListSchema,
);
export const saveDeadlinePolicy = (id: number | null, input: DeadlinePolicyInput): Promise<AdminDeadlinePolicy> =>
  id === null
    ? apiRequest('/admin/deadline-policies', adminDeadlinePolicySchema, { method: 'POST', body: input })
    : apiRequest(`/admin/deadline-policies/${id}`, adminDeadlinePolicySchema, { method: 'PUT', body: input });
export const removeDeadlinePolicy = (id: number): Promise<unknown> =>
  apiRequest(`/admin/deadline-policies/${id}`, ok, { method: 'DELETE' });

export const fetchKeywordSets = list<AdminKeywordSet>('/admin/keyword-sets', adminKeywordSetListSchema);
export const saveKeywordSet = (block: string, input: KeywordSetInput): Promise<AdminKeywordSet> =>
  apiRequest(`/admin/keyword-sets/${encodeURIComponent(block)}`, adminKeywordSetSchema, { method: 'PUT', body: input });

export const fetchWorkloadNorms = list<AdminWorkloadNorms>('/admin/workload-norms', adminWorkloadNormsListSchema);
export const saveWorkloadNorms = (input: WorkloadNormsInput): Promise<unknown> => {
  const { block, ...body } = input;
  return apiRequest(`/admin/workload-norms/${encodeURIComponent(block)}`, adminWorkloadNormsListSchema, {
    method: 'PUT',
    body,
  });
};

export const fetchChannelStates = list<ChannelState>('/admin/channels', channelStateListSchema);
