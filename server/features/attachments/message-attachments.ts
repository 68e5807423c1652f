import type { IntakeMessage } from '../../../shared/api/messages';
import type { Ctx, Services } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { enqueue } from '../../jobs/outbox';
import { fetchAttachmentJob } from './fetch-attachment.job';
import { safeFileName, storeFile, type StoredFile } from './store-file';

// What a message's attachments become: files with content (API `contentBase64`, e-mail parts, widget uploads) are
// checked and stored before the intake transaction; files a channel only names (a Telegram file id, a VK photo URL,
// an Open311 media_url) become 'pending' rows that the fetch job fills in the background.

type IncomingAttachment = NonNullable<IntakeMessage['attachments']>[number];

/** Where the fetch job gets the bytes of a pending attachment. */
export type AttachmentSource = { kind: 'telegram'; fileId: string } | { kind: 'url'; url: string };

export interface PendingFile {
  name: string;
  mimeType: string | null;
  source: AttachmentSource;
}

export interface PreparedAttachments {
  files: { position: number; file: StoredFile }[];
  pending: { position: number; file: PendingFile }[];
  /** The message's `attachments` column: what the channel said about each file, without the content. */
  metadata: Record<string, unknown>[] | null;
}

const approxDecodedBytes = (b64: string): number => Math.floor((b64.length * 3) / 4);

/**
 * Decodes, checks and stores the files of one message or answer. Strict (the API): 413 above the per-file or
 * per-request limit, 415 for a refused type, nothing kept. Lenient (a channel's message must never be lost for a
 * file): a refused file is left out and its metadata says why (`refused`).
 */
export async function prepareAttachments(
  services: Pick<Services, 'blobs' | 'config' | 'log'>,
  items: readonly IncomingAttachment[] | null | undefined,
  channel: string | null,
  mode: 'strict' | 'lenient' = 'lenient',
): Promise<PreparedAttachments> {
  if (!items?.length) return { files: [], pending: [], metadata: items ? [] : null };
  const { maxFileBytes, maxRequestBytes } = services.config.attachments;
  if (mode === 'strict') {
    let total = 0;
    for (const item of items) {
      const content = contentOf(item);
      if (content === null) continue;
      const size = approxDecodedBytes(content);
      if (size > maxFileBytes + 2)
        throw new AppError(
          'payload_too_large',
          `Файл «${safeFileName(item.name, 'без имени')}» больше ${mb(maxFileBytes)} МБ`,
        );
      total += size;
    }
    if (total > maxRequestBytes + 2 * items.length)
      throw new AppError('payload_too_large', `Файлы сообщения вместе больше ${mb(maxRequestBytes)} МБ`);
  }
  let kept = 0;
  const files: PreparedAttachments['files'] = [];
  const pending: PreparedAttachments['pending'] = [];
  const metadata: Record<string, unknown>[] = [];
  for (const [position, item] of items.entries()) {
    const { contentBase64: _content, ...rest } = item as IncomingAttachment & { contentBase64?: unknown };
    const content = contentOf(item);
    if (content !== null) {
      const bytes = Buffer.from(content, 'base64');
      let file: StoredFile;
      try {
        if (kept + bytes.length > maxRequestBytes)
          throw new AppError('payload_too_large', `Файлы сообщения вместе больше ${mb(maxRequestBytes)} МБ`);
        file = await storeFile(services, { name: item.name, declaredType: item.mimeType, bytes });
      } catch (error) {
        if (mode === 'strict' || !(error instanceof AppError)) throw error;
        metadata.push({ ...rest, size: bytes.length, refused: error.message });
        continue;
      }
      kept += file.size;
      files.push({ position, file });
      metadata.push({ ...rest, name: file.name, mimeType: file.mimeType, size: file.size, sha256: file.sha256 });
      continue;
    }
    metadata.push(rest);
    const source = sourceOf(item, channel);
    if (source)
      pending.push({
        position,
        file: { name: safeFileName(item.name, `file-${position + 1}`), mimeType: item.mimeType ?? null, source },
      });
  }
  return { files, pending, metadata };
}

const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);

function contentOf(item: IncomingAttachment): string | null {
  const value = (item as { contentBase64?: unknown }).contentBase64;
  return typeof value === 'string' ? value : null;
}

/** A Telegram file id from the Telegram adapter, or a URL a channel adapter marked `fetch: true`. */
function sourceOf(item: IncomingAttachment, channel: string | null): AttachmentSource | null {
  const fileId = (item as { telegramFileId?: unknown }).telegramFileId;
  if (channel === 'messenger_telegram' && typeof fileId === 'string' && fileId) return { kind: 'telegram', fileId };
  if ((item as { fetch?: unknown }).fetch === true && item.url && /^https?:\/\//i.test(item.url))
    return { kind: 'url', url: item.url };
  return null;
}

/** Inside the intake (or answer) transaction: the rows of stored files and pending ones, each pending with its job. */
export async function insertAttachmentRows(
  ctx: Ctx,
  owner: { messageId: string } | { answerId: string },
  prepared: Pick<PreparedAttachments, 'files' | 'pending'>,
): Promise<void> {
  const ownerColumns =
    'messageId' in owner
      ? { message_id: owner.messageId, answer_id: null }
      : { message_id: null, answer_id: owner.answerId };
  if (prepared.files.length) {
    await ctx.db
      .insertInto('attachments')
      .values(
        prepared.files.map(({ position, file }) => ({
          ...ownerColumns,
          position,
          name: file.name,
          mime_type: file.mimeType,
          size: file.size,
          sha256: file.sha256,
          storage_key: file.storageKey,
          thumbnail_key: file.thumbnailKey,
          status: 'stored' as const,
        })),
      )
      .execute();
  }
  for (const { position, file } of prepared.pending) {
    const row = await ctx.db
      .insertInto('attachments')
      .values({
        ...ownerColumns,
        position,
        name: file.name,
        mime_type: file.mimeType,
        status: 'pending',
        source: JSON.stringify(file.source),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueue(ctx, fetchAttachmentJob, { attachmentId: row.id }, `attachments.fetch:${row.id}`);
  }
}
