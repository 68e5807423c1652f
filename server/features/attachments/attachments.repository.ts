import { sql } from 'kysely';
import type { StoredAttachment } from '../../../shared/api/messages';
import type { Db } from '../../db/database';

export type AttachmentRow = Awaited<ReturnType<typeof listCaseAttachments>>[number];

/** Files of the case's messages and answers (a merged case's messages bring theirs along). */
export function listCaseAttachments(db: Db, caseId: string) {
  return db
    .selectFrom('attachments')
    .select([
      'id',
      'message_id',
      'answer_id',
      'position',
      'name',
      'mime_type',
      'size',
      'sha256',
      'thumbnail_key',
      'status',
      'error',
    ])
    .where((eb) =>
      eb.or([
        eb('message_id', 'in', eb.selectFrom('messages').select('id').where('case_id', '=', caseId)),
        eb('answer_id', 'in', eb.selectFrom('answers').select('id').where('case_id', '=', caseId)),
      ]),
    )
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** One attachment with the case it belongs to now (through its message or answer), for the download's access check. */
export function findAttachmentWithCase(db: Db, id: string) {
  return db
    .selectFrom('attachments')
    .leftJoin('messages', 'messages.id', 'attachments.message_id')
    .leftJoin('answers', 'answers.id', 'attachments.answer_id')
    .innerJoin('cases', (join) => join.on(sql<boolean>`cases.id = coalesce(messages.case_id, answers.case_id)`))
    .select([
      'attachments.id',
      'attachments.name',
      'attachments.mime_type',
      'attachments.size',
      'attachments.sha256',
      'attachments.storage_key',
      'attachments.thumbnail_key',
      'attachments.status',
      'cases.id as case_id',
      'cases.organisation_id',
      'cases.block_code',
    ])
    .where('attachments.id', '=', id)
    .executeTakeFirst();
}

export function presentAttachment(a: AttachmentRow): StoredAttachment {
  const url = `/api/attachments/${a.id}`;
  return {
    id: String(a.id),
    name: a.name,
    mimeType: a.mime_type,
    size: a.size,
    sha256: a.sha256,
    url,
    thumbnailUrl: a.thumbnail_key ? `${url}/thumbnail` : null,
    status: a.status,
    error: a.error,
  };
}

/** Attachments grouped by their message and by their answer, ready for the case card. */
export function groupAttachments(rows: readonly AttachmentRow[]): {
  byMessage: Map<string, StoredAttachment[]>;
  byAnswer: Map<string, StoredAttachment[]>;
} {
  const byMessage = new Map<string, StoredAttachment[]>();
  const byAnswer = new Map<string, StoredAttachment[]>();
  for (const row of rows) {
    const [map, key] =
      row.message_id !== null ? [byMessage, String(row.message_id)] : [byAnswer, String(row.answer_id)];
    const list = map.get(key) ?? [];
    list.push(presentAttachment(row));
    map.set(key, list);
  }
  return { byMessage, byAnswer };
}
