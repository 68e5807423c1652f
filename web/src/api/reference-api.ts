import { apiRequest } from './client';
import { referenceSchema, type Reference } from './contract';

export function fetchReference(signal?: AbortSignal): Promise<Reference> {
  return apiRequest('/reference', referenceSchema, signal ? { signal } : {});
}
