import { classifierDriftSchema, classifierModelListSchema, type ClassifierDrift } from '../../../shared/api/classifier';
import type { z } from 'zod';
import { apiRequest } from '../api/client';

export type ClassifierModels = z.infer<typeof classifierModelListSchema>;

export function fetchDrift(months: number, signal?: AbortSignal): Promise<ClassifierDrift> {
  return apiRequest('/classifier/drift', classifierDriftSchema, {
    query: new URLSearchParams({ months: String(months) }),
    ...(signal ? { signal } : {}),
  });
}

export function fetchModels(signal?: AbortSignal): Promise<ClassifierModels> {
  return apiRequest('/classifier/models', classifierModelListSchema, signal ? { signal } : {});
}

export function activateVersion(version: number): Promise<ClassifierModels> {
  return apiRequest(`/classifier/models/${version}/activate`, classifierModelListSchema, { method: 'POST' });
}
