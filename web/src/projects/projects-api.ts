import {
  progressSchema,
  projectDetailSchema,
  projectListSchema,
  type FactInput,
  type Passport,
  type Progress,
  type ProjectCreate,
  type ProjectDetail,
} from '../../../shared/api/projects';
import type { z } from 'zod';
import { apiRequest } from '../api/client';

export type ProjectList = z.infer<typeof projectListSchema>;
export type StepAction = 'submit' | 'agree' | 'approve' | 'return';

export function fetchProjects(signal?: AbortSignal): Promise<ProjectList> {
  return apiRequest('/projects', projectListSchema, signal ? { signal } : {});
}

export function fetchProject(id: number, signal?: AbortSignal): Promise<ProjectDetail> {
  return apiRequest(`/projects/${id}`, projectDetailSchema, signal ? { signal } : {});
}

export function createProject(input: ProjectCreate): Promise<ProjectDetail> {
  return apiRequest('/projects', projectDetailSchema, { method: 'POST', body: input });
}

export function savePassport(id: number, passport: Passport, comment: string): Promise<ProjectDetail> {
  return apiRequest(`/projects/${id}/passport`, projectDetailSchema, { method: 'PUT', body: { passport, comment } });
}

export function stepPassport(id: number, action: StepAction, comment: string): Promise<ProjectDetail> {
  return apiRequest(`/projects/${id}/passport/${action}`, projectDetailSchema, { method: 'POST', body: { comment } });
}

export function fetchProgress(id: number, year: number, signal?: AbortSignal): Promise<Progress> {
  return apiRequest(`/projects/${id}/progress`, progressSchema, {
    query: new URLSearchParams({ year: String(year) }),
    ...(signal ? { signal } : {}),
  });
}

export function recordFact(id: number, input: FactInput): Promise<Progress> {
  return apiRequest(`/projects/${id}/facts`, progressSchema, { method: 'POST', body: input });
}
