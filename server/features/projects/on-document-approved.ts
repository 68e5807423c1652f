import type { PoDocumentType } from '../../../shared/projects/approval-chains';
import type { Ctx } from '../../lib/context';

export interface ApprovedDocument {
  documentId: number;
  type: PoDocumentType;
  title: string;
  version: number;
  /** SHA-256 of the version's canonical JSON content as stored in po_document_versions. */
  sha256: string;
  approvedAt: Date;
  approvedBy: string;
}

/**
 * Called once per approved version, inside the approving transaction, after the immutable version row is written.
 * This is where the official-document register (number and date, rendering, the hash chain) takes the version;
 * until it exists the version row with its SHA-256 is the record, and the approval is logged.
 */
export async function onDocumentApproved(ctx: Ctx, approved: ApprovedDocument): Promise<void> {
  ctx.services.log.info({ document: approved.documentId, type: approved.type, version: approved.version, sha256: approved.sha256 }, 'project office document approved');
  await Promise.resolve();
}
