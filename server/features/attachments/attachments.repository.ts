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

/** A case card's attachment with its place among its message's attachments. */
export interface PlacedAttachment {
  position: number;
  file: StoredAttachment;
}

/** Attachments grouped by their message (with their positions) and by their answer, ready for the case card. */
export function groupAttachments(rows: readonly AttachmentRow[]): {
  byMessage: Map<string, PlacedAttachment[]>;
  byAnswer: Map<string, StoredAttachment[]>;
} {
  const byMessage = new Map<string, PlacedAttachment[]>();
  const byAnswer = new Map<string, StoredAttachment[]>();
  for (const row of rows) {
    if (row.message_id !== null) {
      const key = String(row.message_id);
      byMessage.set(key, [...(byMessage.get(key) ?? []), { position: row.position, file: presentAttachment(row) }]);
    } else {
      const key = String(row.answer_id);
      byAnswer.set(key, [...(byAnswer.get(key) ?? []), presentAttachment(row)]);
    }
  }
  return { byMessage, byAnswer };
}

const EXTERNAL_URL = /^https?:\/\/[^\s]+$/i;

/**
 * A message's attachments as the case card lists them: its files (stored, being fetched, failed or erased) and, in
 * their places among them, the files a channel named only by an address (`url` without `fetch: true`): the platform
 * neither fetches nor keeps those, and the card lists each as an external link (status `external`, `url` the
 * address itself, http or https only). After the author's personal data is erased such a link is listed as erased,
 * without its address (the photo it points to may show the citizen).
 */
export function messageAttachments(
  message: { id: string | number; attachments: unknown; personal_data_erased_at: Date | null },
  files: readonly PlacedAttachment[],
): StoredAttachment[] {
  const placed = [...files];
  const taken = new Set(files.map((f) => f.position));
  const items: unknown[] = Array.isArray(message.attachments) ? message.attachments : [];
  items.forEach((item, position) => {
    if (taken.has(position) || !item || typeof item !== 'object') return;
    const { url, name, mimeType, size, refused } = item as Record<string, unknown>;
    const erased = message.personal_data_erased_at !== null;
    // the erasure clears the address itself (url: null): the link is still listed, as erased
    const link = typeof url === 'string' ? EXTERNAL_URL.test(url) : erased && url === null && 'url' in item;
    if (!link || refused !== undefined) return;
    placed.push({
      position,
      file: {
        id: `link-${message.id}-${position}`,
        name: erased ? '' : linkName(name, String(url)),
        mimeType: typeof mimeType === 'string' ? mimeType : null,
        size: typeof size === 'number' && Number.isFinite(size) ? size : null,
        sha256: null,
        url: erased ? '' : String(url),
        thumbnailUrl: null,
        status: erased ? 'erased' : 'external',
        error: null,
      },
    });
  });
  return placed.sort((a, b) => a.position - b.position).map((p) => p.file);
}

/** The name the channel gave, else the last part of the address's path («c.jpg»), else its host. */
function linkName(name: unknown, url: string): string {
  const clean = (s: string): string =>
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .trim()
      .slice(0, 200);
  if (typeof name === 'string' && clean(name)) return clean(name);
  try {
    const parsed = new URL(url);
    return clean(decodeURIComponent(parsed.pathname.split('/').pop() ?? '')) || parsed.host;
  } catch {
    return clean(url);
  }
}
