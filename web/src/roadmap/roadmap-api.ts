import {
  roadmapDetailSchema,
  roadmapListSchema,
  type RoadmapDetail,
  type RoadmapEdit,
} from '../../../shared/api/roadmap';
import type { z } from 'zod';
import { apiRequest } from '../api/client';
import type { StepAction } from '../projects/projects-api';

export type RoadmapList = z.infer<typeof roadmapListSchema>;
export const fetchRoadmaps = (signal?: AbortSignal): Promise<RoadmapList> =>
  apiRequest('/roadmap', roadmapListSchema, signal ? { signal } : {});
export const fetchRoadmap = (id: number, signal?: AbortSignal): Promise<RoadmapDetail> =>
  apiRequest(`/roadmap/${id}`, roadmapDetailSchema, signal ? { signal } : {});
export const createRoadmap = (year: number): Promise<RoadmapDetail> =>
  apiRequest('/roadmap', roadmapDetailSchema, { method: 'POST', body: { year } });
export const saveRoadmap = (id: number, edit: RoadmapEdit): Promise<RoadmapDetail> =>
  apiRequest(`/roadmap/${id}`, roadmapDetailSchema, { method: 'PUT', body: edit });
export const stepRoadmap = (id: number, action: StepAction, comment: string): Promise<RoadmapDetail> =>
  apiRequest(`/roadmap/${id}/${action}`, roadmapDetailSchema, { method: 'POST', body: { comment } });
