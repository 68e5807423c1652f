import { z } from 'zod';
import {
  publicationPolicyListSchema,
  publicationPolicySchema,
  type PublicationPolicy,
  type PublicationPolicyInput,
} from '../../../shared/api/publication';
import { apiRequest } from '../api/client';

export function fetchPublicationPolicies(signal?: AbortSignal): Promise<PublicationPolicy[]> {
  return apiRequest('/publication-policies', publicationPolicyListSchema, signal ? { signal } : {}).then(
    (r) => r.items,
  );
}

/** Creates or replaces the policy of its scope (channel × organisation). */
export function savePublicationPolicy(input: PublicationPolicyInput): Promise<PublicationPolicy> {
  return apiRequest('/publication-policies', publicationPolicySchema, { method: 'PUT', body: input });
}

export function deletePublicationPolicy(id: string): Promise<unknown> {
  return apiRequest(`/publication-policies/${encodeURIComponent(id)}`, z.object({ deleted: z.string() }), {
    method: 'DELETE',
  });
}
