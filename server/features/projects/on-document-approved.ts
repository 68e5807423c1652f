import type { DocumentKind } from '../../../shared/api/documents';
import type { PoDocumentType } from '../../../shared/projects/approval-chains';
import type { Ctx } from '../../lib/context';
import { registerApprovedVersion, type RegisteredVersion } from '../documents/register-document';
import { renderDocx } from '../reports/render-docx';
import { renderPdf } from '../reports/render-pdf';
import { officeDocument } from './office-document-render';

export interface ApprovedDocument {
  documentId: number;
  type: PoDocumentType;
  title: string;
  version: number;
  /** SHA-256 of the version's canonical JSON content as stored in po_document_versions. */
  sha256: string;
  /** The approved content, exactly as stored in the version row. */
  content: unknown;
  approvedAt: Date;
  approvedBy: string;
}

/** A change request is not registered itself: the passport version its approval creates is. */
const KIND_OF: Record<PoDocumentType, DocumentKind | null> = {
  passport: 'project_passport',
  group: 'group_composition',
  indicator: 'additional_indicator',
  progress_report: 'progress_report',
  consolidated_plan: 'consolidated_plan',
  change_request: null,
  protocol: 'group_protocol',
  roadmap: 'roadmap',
};

/**
 * Called once per approved version, inside the approving transaction, after the immutable version row is written:
 * the version becomes an official document (decree п. 15–16) — registered with a number and a date, rendered to PDF
 * and DOCX, hashed and sealed into the chain with the case history.
 */
export async function onDocumentApproved(ctx: Ctx, approved: ApprovedDocument): Promise<RegisteredVersion | null> {
  const kind = KIND_OF[approved.type];
  if (kind === null) return null;
  const doc = officeDocument(
    approved.title,
    approved.version,
    approved.approvedAt,
    approved.approvedBy,
    approved.content,
  );
  return registerApprovedVersion(ctx, {
    kind,
    entityId: `${approved.documentId}/${approved.version}`,
    title: approved.title,
    payload: {
      document: approved.documentId,
      version: approved.version,
      contentSha256: approved.sha256,
      content: approved.content,
    },
    pdf: await renderPdf(doc, approved.approvedAt),
    docx: await renderDocx(doc),
  });
}
