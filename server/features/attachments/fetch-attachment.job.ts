import { z } from 'zod';
import { defineJob } from '../../jobs/outbox';
import { AppError } from '../../lib/errors';
import { enqueueBlobDeletion } from './delete-blobs.job';
import { fetchSource, PermanentFetchError } from './fetch-source';
import type { AttachmentSource } from './message-attachments';
import { storeFile } from './store-file';

/**
 * Fetches the bytes of a pending attachment (a Telegram file, a VK photo, an Open311 media_url), checks and stores
 * them like any upload. A failure a retry cannot fix (too large, refused type or address, 4xx) marks the attachment
 * failed at once; others are retried by the outbox and, when attempts run out, mark it failed too.
 */
export const fetchAttachmentJob = defineJob({
  kind: 'attachments.fetch',
  schema: z.object({ attachmentId: z.string() }),
  maxAttempts: 6,
  async handler(ctx, { attachmentId }) {
    const row = await ctx.db
      .selectFrom('attachments')
      .select(['id', 'name', 'mime_type', 'status', 'source'])
      .where('id', '=', attachmentId)
      .executeTakeFirst();
    if (!row || row.status !== 'pending' || !row.source) return;
    let stored;
    try {
      const fetched = await fetchSource(ctx.services.config, row.source as unknown as AttachmentSource);
      stored = await storeFile(ctx.services, {
        name: row.name,
        declaredType: fetched.contentType ?? row.mime_type,
        bytes: fetched.bytes,
      });
    } catch (error) {
      if (error instanceof PermanentFetchError || error instanceof AppError) {
        await markFailed(ctx, attachmentId, error.message);
        return;
      }
      throw error;
    }
    const updated = await ctx.db
      .updateTable('attachments')
      .set({
        status: 'stored',
        mime_type: stored.mimeType,
        size: stored.size,
        sha256: stored.sha256,
        storage_key: stored.storageKey,
        thumbnail_key: stored.thumbnailKey,
        error: null,
      })
      .where('id', '=', attachmentId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    // Erased (personal data) while the bytes were on their way: they are not kept.
    if (updated.numUpdatedRows === 0n) await enqueueBlobDeletion(ctx, [stored.storageKey, stored.thumbnailKey]);
  },
  async onDead(ctx, { attachmentId }, error) {
    await markFailed(ctx, attachmentId, `Источник недоступен: ${error.slice(0, 300)}`);
  },
});

function markFailed(ctx: Parameters<typeof fetchAttachmentJob.handler>[0], id: string, error: string) {
  return ctx.db
    .updateTable('attachments')
    .set({ status: 'failed', error: error.slice(0, 500) })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}
