import { DOCUMENT_KINDS, type DocumentKind } from '../../../shared/api/documents';
import { toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { sha256 } from '../reports/render-report';
import { sealChain } from './chain';
import { insertDocument, listDocumentRows, nextSeq } from './documents.repository';

export interface ApprovedVersionInput {
  kind: DocumentKind;
  /** What the document is of: the month of a report, a project's id, the year of a roadmap… */
  entityId: string;
  title: string;
  /** The approved content as data (kept with the files, covered by the chain). */
  payload: Record<string, unknown>;
  pdf?: Uint8Array | undefined;
  docx?: Uint8Array | undefined;
}

export interface RegisteredVersion {
  id: string;
  number: string;
  registeredAt: Date;
  pdfSha256: string | null;
  docxSha256: string | null;
  chain: { position: string; hash: string };
}

/**
 * Registers an approved version of an official document: the next number of its kind in the year (Moscow time), the
 * date, the exact bytes with their SHA-256, sealed into the hash chain in the caller's transaction. The row can never
 * change afterwards (database triggers). The caller checks who may approve; this records what was approved.
 */
export async function registerApprovedVersion(ctx: Ctx, input: ApprovedVersionInput): Promise<RegisteredVersion> {
  if (!input.pdf && !input.docx)
    throw new AppError('validation_failed', 'Официальный документ регистрируется с файлом PDF или DOCX');
  const kind = DOCUMENT_KINDS[input.kind];
  return withTransaction(ctx, async (tx) => {
    const now = tx.services.clock.now();
    const year = Number(toMoscowIsoDate(now).slice(0, 4));
    const seq = await nextSeq(tx.db, input.kind, year);
    const number = `${kind.prefix}-${year}/${seq}`;
    const pdfSha256 = input.pdf ? sha256(input.pdf) : null;
    const docxSha256 = input.docx ? sha256(input.docx) : null;
    const id = await insertDocument(tx.db, {
      kind: input.kind,
      entity_id: input.entityId,
      year,
      seq,
      number,
      title: input.title,
      registered_at: now,
      registered_by: tx.actor.label,
      payload: input.payload,
      pdf: input.pdf ?? null,
      pdf_sha256: pdfSha256,
      docx: input.docx ?? null,
      docx_sha256: docxSha256,
    });
    await sealChain(tx.db);
    const [row] = await listDocumentRows(tx.db, { id });
    if (!row?.position || !row.hash) throw new Error(`official document ${id} was not sealed`);
    return { id, number, registeredAt: now, pdfSha256, docxSha256, chain: { position: row.position, hash: row.hash } };
  });
}
