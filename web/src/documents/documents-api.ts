import {
  documentListSchema,
  officialDocumentSchema,
  registeredVersionSchema,
  type DocumentFileFormat,
  type DocumentKind,
  type OfficialDocument,
} from '../../../shared/api/documents';
import { apiRequest } from '../api/client';

export function fetchDocuments(kind: DocumentKind | '', signal?: AbortSignal): Promise<OfficialDocument[]> {
  const query = new URLSearchParams(kind ? { kind } : {});
  return apiRequest('/documents', documentListSchema, { query, ...(signal ? { signal } : {}) }).then((r) => r.items);
}

export const fileHref = (id: string, format: DocumentFileFormat): string => `/api/documents/${id}/files/${format}`;
export const signatureHref = (id: string, signatureId: string): string =>
  `/api/documents/${id}/signatures/${signatureId}`;

/** Reads a chosen file and sends it as a detached signature of the version. */
export async function attachSignature(id: string, file: File): Promise<OfficialDocument> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return apiRequest(`/documents/${id}/signatures`, officialDocumentSchema, {
    method: 'POST',
    body: { fileName: file.name, contentBase64: btoa(binary) },
  });
}

/** The curator approves the year's indicator set: the server registers it as an official document. */
export function approveIndicatorSet(year: number) {
  return apiRequest('/documents/indicator-set', registeredVersionSchema, { method: 'POST', body: { year } });
}
