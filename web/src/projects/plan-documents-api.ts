import type { z } from 'zod';
import {
  passportVersionsSchema,
  planDocumentDetailSchema,
  planListSchema,
  projectPlanDocumentsSchema,
  type ChangeRequestInput,
  type ConsolidatedPlanInput,
  type MeasureFactInput,
  type PassportVersions,
  type PlanDocumentDetail,
  type ProgressReportInput,
} from '../../../shared/api/po-plans';
import { apiRequest } from '../api/client';
import type { StepAction } from './projects-api';

export type ProjectPlanDocuments = z.infer<typeof projectPlanDocumentsSchema>;
export type PlanList = z.infer<typeof planListSchema>;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const fetchProjectPlanDocuments = (projectId: number, signal?: AbortSignal): Promise<ProjectPlanDocuments> =>
  apiRequest(`/projects/${projectId}/plan-documents`, projectPlanDocumentsSchema, opts(signal));
export const fetchPassportVersions = (projectId: number, signal?: AbortSignal): Promise<PassportVersions> =>
  apiRequest(`/projects/${projectId}/passport-versions`, passportVersionsSchema, opts(signal));
export const createProgressReport = (projectId: number, input: ProgressReportInput): Promise<PlanDocumentDetail> =>
  apiRequest(`/projects/${projectId}/progress-reports`, planDocumentDetailSchema, { method: 'POST', body: input });
export const createChangeRequest = (projectId: number, input: ChangeRequestInput): Promise<PlanDocumentDetail> =>
  apiRequest(`/projects/${projectId}/change-requests`, planDocumentDetailSchema, { method: 'POST', body: input });
export const fetchPlans = (signal?: AbortSignal): Promise<PlanList> =>
  apiRequest('/consolidated-plans', planListSchema, opts(signal));
export const createPlan = (input: ConsolidatedPlanInput): Promise<PlanDocumentDetail> =>
  apiRequest('/consolidated-plans', planDocumentDetailSchema, { method: 'POST', body: input });
export const fetchPlanDocument = (id: number, signal?: AbortSignal): Promise<PlanDocumentDetail> =>
  apiRequest(`/plan-documents/${id}`, planDocumentDetailSchema, opts(signal));
export const editPlanDocument = (
  id: number,
  content: ProgressReportInput | ChangeRequestInput | ConsolidatedPlanInput,
  comment: string,
): Promise<PlanDocumentDetail> =>
  apiRequest(`/plan-documents/${id}`, planDocumentDetailSchema, { method: 'PUT', body: { content, comment } });
export const stepPlanDocument = (id: number, action: StepAction, comment: string): Promise<PlanDocumentDetail> =>
  apiRequest(`/plan-documents/${id}/${action}`, planDocumentDetailSchema, { method: 'POST', body: { comment } });
export const markMeasureDone = (id: number, input: MeasureFactInput): Promise<PlanDocumentDetail> =>
  apiRequest(`/plan-documents/${id}/measures`, planDocumentDetailSchema, { method: 'POST', body: input });
