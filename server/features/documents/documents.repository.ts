import { sql } from 'kysely';
import type { Db } from '../../db/database';

export interface DocumentRow {
  id: string;
  kind: string;
  entity_id: string;
  number: string;
  title: string;
  registered_at: Date;
  registered_by: string;
  pdf_sha256: string | null;
  pdf_size: number | null;
  docx_sha256: string | null;
  docx_size: number | null;
  position: string | null;
  hash: string | null;
}
export interface SignatureRow {
  id: string;
  document_id: string;
  file_name: string;
  sha256: string;
  size: number;
  attached_at: Date;
  attached_by: string;
}

/** The next number of a kind in a year: one atomic upsert, so concurrent registrations never share a number. */
export async function nextSeq(db: Db, kind: string, year: number): Promise<number> {
  const row = await db
    .insertInto('official_document_counters')
    .values({ kind, year, last_seq: 1 })
    .onConflict((oc) =>
      oc.columns(['kind', 'year']).doUpdateSet({ last_seq: sql`official_document_counters.last_seq + 1` }),
    )
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return row.last_seq;
}

export async function insertDocument(
  db: Db,
  row: {
    kind: string;
    entity_id: string;
    year: number;
    seq: number;
    number: string;
    title: string;
    registered_at: Date;
    registered_by: string;
    payload: Record<string, unknown>;
    pdf: Uint8Array | null;
    pdf_sha256: string | null;
    docx: Uint8Array | null;
    docx_sha256: string | null;
  },
): Promise<string> {
  const inserted = await db
    .insertInto('official_documents')
    .values({ ...row, payload: JSON.stringify(row.payload) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(inserted.id);
}

export async function listDocumentRows(
  db: Db,
  filter: { kind?: string | undefined; entity?: string | undefined; id?: string },
): Promise<DocumentRow[]> {
  let q = db
    .selectFrom('official_documents as d')
    .leftJoin('chain_links as l', (j) =>
      j.onRef('l.source_id', '=', 'd.id').on('l.source_table', '=', 'official_documents'),
    )
    .select([
      'd.id',
      'd.kind',
      'd.entity_id',
      'd.number',
      'd.title',
      'd.registered_at',
      'd.registered_by',
      'd.pdf_sha256',
      'd.docx_sha256',
      sql<number | null>`octet_length(d.pdf)`.as('pdf_size'),
      sql<number | null>`octet_length(d.docx)`.as('docx_size'),
      sql<string | null>`l.position::text`.as('position'),
      'l.hash',
    ]);
  if (filter.kind) q = q.where('d.kind', '=', filter.kind);
  if (filter.entity) q = q.where('d.entity_id', '=', filter.entity);
  if (filter.id) q = q.where('d.id', '=', filter.id);
  return q.orderBy('d.registered_at', 'desc').orderBy('d.id', 'desc').limit(500).execute();
}

export async function listSignatureRows(db: Db, documentIds: string[]): Promise<SignatureRow[]> {
  if (!documentIds.length) return [];
  return db
    .selectFrom('official_document_signatures')
    .select([
      'id',
      'document_id',
      'file_name',
      'sha256',
      'attached_at',
      'attached_by',
      sql<number>`octet_length(bytes)`.as('size'),
    ])
    .where('document_id', 'in', documentIds)
    .orderBy('id')
    .execute();
}

export async function documentBytes(
  db: Db,
  id: string,
  format: 'pdf' | 'docx',
): Promise<{ number: string; bytes: Uint8Array | null; sha256: string | null } | undefined> {
  const q = db.selectFrom('official_documents').select('number').where('id', '=', id);
  return format === 'pdf'
    ? q.select(['pdf as bytes', 'pdf_sha256 as sha256']).executeTakeFirst()
    : q.select(['docx as bytes', 'docx_sha256 as sha256']).executeTakeFirst();
}

export async function signatureBytes(db: Db, documentId: string, id: string) {
  return db
    .selectFrom('official_document_signatures')
    .select(['file_name', 'content_type', 'bytes', 'sha256'])
    .where('document_id', '=', documentId)
    .where('id', '=', id)
    .executeTakeFirst();
}
