import {
  DOCUMENT_KIND_CODES,
  DOCUMENT_KINDS,
  SIGNATURE_EXTENSIONS,
  SIGNATURE_MAX_BYTES,
  type DocumentFileFormat,
  type OfficialDocument,
} from '../../../shared/api/documents';
import { type Actor, type Ctx, withTransaction } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { can, requirePermission } from '../auth/authorize';
import { sha256 } from '../reports/render-report';
import {
  documentBytes,
  listDocumentRows,
  listSignatureRows,
  signatureBytes,
  type DocumentRow,
  type SignatureRow,
} from './documents.repository';

// The registry of official documents: who sees it (analytics.read — the centre's roles, the curator, the auditor),
// its files, and detached signatures added by the one who approves documents (the curator).
export const canAttachSignature = (actor: Actor): boolean => can(actor, 'reports.approve');

function present(actor: Actor, row: DocumentRow, signatures: SignatureRow[]): OfficialDocument {
  const kind = DOCUMENT_KIND_CODES.find((k) => k === row.kind) ?? 'monthly_report';
  const files: OfficialDocument['files'] = [];
  if (row.pdf_sha256) files.push({ format: 'pdf', sha256: row.pdf_sha256, size: Number(row.pdf_size) });
  if (row.docx_sha256) files.push({ format: 'docx', sha256: row.docx_sha256, size: Number(row.docx_size) });
  return {
    id: row.id,
    kind,
    kindLabel: DOCUMENT_KINDS[kind].label,
    entityId: row.entity_id,
    number: row.number,
    title: row.title,
    registeredAt: row.registered_at.toISOString(),
    registeredBy: row.registered_by,
    files,
    signatures: signatures
      .filter((s) => s.document_id === row.id)
      .map((s) => ({
        id: s.id,
        fileName: s.file_name,
        size: Number(s.size),
        sha256: s.sha256,
        attachedAt: s.attached_at.toISOString(),
        attachedBy: s.attached_by,
      })),
    chain: row.position && row.hash ? { position: row.position, hash: row.hash } : null,
    canAttachSignature: canAttachSignature(actor),
  };
}

export async function listDocuments(
  ctx: Ctx,
  filter: { kind?: string | undefined; entity?: string | undefined } = {},
): Promise<OfficialDocument[]> {
  requirePermission(ctx.actor, 'analytics.read');
  const rows = await listDocumentRows(ctx.db, filter);
  const signatures = await listSignatureRows(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => present(ctx.actor, r, signatures));
}

export async function getDocument(ctx: Ctx, id: string): Promise<OfficialDocument> {
  requirePermission(ctx.actor, 'analytics.read');
  const [row] = await listDocumentRows(ctx.db, { id });
  if (!row) throw notFound('Документ');
  return present(ctx.actor, row, await listSignatureRows(ctx.db, [id]));
}

export async function documentFile(
  ctx: Ctx,
  id: string,
  format: DocumentFileFormat,
): Promise<{ bytes: Uint8Array; sha256: string; fileName: string }> {
  requirePermission(ctx.actor, 'analytics.read');
  const row = await documentBytes(ctx.db, id, format);
  if (!row) throw notFound('Документ');
  if (!row.bytes || !row.sha256)
    throw new AppError('not_found', `Документ ${row.number} зарегистрирован без файла ${format.toUpperCase()}`);
  return {
    bytes: row.bytes,
    sha256: row.sha256,
    fileName: `${row.number.replace(/[^\p{L}\p{N}-]+/gu, '_')}.${format}`,
  };
}

/** Keeps a detached signature file with a registered version (the signature itself is checked by the signer's tools). */
export async function attachSignature(
  ctx: Ctx,
  id: string,
  input: { fileName: string; contentBase64: string },
): Promise<OfficialDocument> {
  if (!canAttachSignature(ctx.actor))
    throw new AppError('forbidden', 'Подпись к утверждённой версии прикладывает куратор');
  const name = input.fileName.trim();
  if (!SIGNATURE_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext))) {
    throw new AppError(
      'validation_failed',
      `Файл подписи: ожидается отсоединённая подпись ${SIGNATURE_EXTENSIONS.join(', ')}`,
    );
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.contentBase64))
    throw new AppError('validation_failed', 'Файл подписи: содержимое не в base64');
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (!bytes.length) throw new AppError('validation_failed', 'Файл подписи пуст');
  if (bytes.length > SIGNATURE_MAX_BYTES)
    throw new AppError('payload_too_large', `Файл подписи больше ${SIGNATURE_MAX_BYTES / 1024} КБ`);
  await withTransaction(ctx, async (tx) => {
    const exists = await tx.db.selectFrom('official_documents').select('id').where('id', '=', id).executeTakeFirst();
    if (!exists) throw notFound('Документ');
    await tx.db
      .insertInto('official_document_signatures')
      .values({
        document_id: id,
        file_name: name,
        content_type: 'application/octet-stream',
        bytes,
        sha256: sha256(bytes),
        attached_at: tx.services.clock.now(),
        attached_by: tx.actor.label,
      })
      .execute();
  });
  return getDocument(ctx, id);
}

export async function signatureFile(ctx: Ctx, id: string, signatureId: string) {
  requirePermission(ctx.actor, 'analytics.read');
  const row = await signatureBytes(ctx.db, id, signatureId);
  if (!row) throw notFound('Файл подписи');
  return row;
}
