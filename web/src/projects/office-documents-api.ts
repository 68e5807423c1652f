import {
  poDocumentDetailSchema,
  poDocumentListSchema,
  type PoDocumentDetail,
  type PoDocumentInput,
} from '../../../shared/api/po-documents';
import type { z } from 'zod';
import { apiRequest } from '../api/client';
import type { StepAction } from './projects-api';

export type OfficeDocumentList = z.infer<typeof poDocumentListSchema>;
export const fetchOfficeDocuments = (signal?: AbortSignal): Promise<OfficeDocumentList> =>
  apiRequest('/po-documents', poDocumentListSchema, signal ? { signal } : {});
export const fetchOfficeDocument = (id: number, signal?: AbortSignal): Promise<PoDocumentDetail> =>
  apiRequest(`/po-documents/${id}`, poDocumentDetailSchema, signal ? { signal } : {});
export const createOfficeDocument = (input: PoDocumentInput): Promise<PoDocumentDetail> =>
  apiRequest('/po-documents', poDocumentDetailSchema, { method: 'POST', body: input });
export const stepOfficeDocument = (id: number, action: StepAction, comment: string): Promise<PoDocumentDetail> =>
  apiRequest(`/po-documents/${id}/${action}`, poDocumentDetailSchema, { method: 'POST', body: { comment } });
