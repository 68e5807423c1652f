import { createHash } from 'node:crypto';
import type { ReportData, ReportFormat } from '../../../shared/api/reports';
import { buildReportDocument, type DocumentMeta } from './report-document';
import { renderDocx } from './render-docx';
import { renderPdf } from './render-pdf';
import { renderXlsx } from './render-xlsx';

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function renderReport(data: ReportData, meta: DocumentMeta, format: ReportFormat): Promise<Buffer> {
  const doc = buildReportDocument(data, meta);
  switch (format) {
    case 'pdf':
      return renderPdf(doc, meta.generatedAt);
    case 'docx':
      return renderDocx(doc);
    case 'xlsx':
      return renderXlsx(doc, meta.generatedAt);
  }
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export const reportFileName = (month: string, format: ReportFormat, version?: number): string =>
  `doklad-${month}${version ? `-v${version}` : '-chernovik'}.${format}`;
