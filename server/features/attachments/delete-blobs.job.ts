import { z } from 'zod';
import { defineJob, enqueue } from '../../jobs/outbox';
import type { Ctx } from '../../lib/context';

const DELETE_BLOBS_JOB = 'attachments.delete_blobs';

/**
 * Deletes stored bytes no attachment refers to any more (the files of erased messages, a fetch that finished after its
 * attachment was erased). Keys are content-addressed, so the same photo sent in two messages shares one key: a key
 * still named by another row is kept. Queued in the transaction that released the keys, so the deletion is not lost
 * when the storage is briefly unavailable (the outbox retries).
 */
export const deleteBlobsJob = defineJob({
  kind: DELETE_BLOBS_JOB,
  schema: z.object({ keys: z.array(z.string()).min(1) }),
  maxAttempts: 10,
  async handler(ctx, { keys }) {
    const used = await ctx.db
      .selectFrom('attachments')
      .select(['storage_key', 'thumbnail_key'])
      .where((eb) => eb.or([eb('storage_key', 'in', keys), eb('thumbnail_key', 'in', keys)]))
      .execute();
    const inUse = new Set(used.flatMap((r) => [r.storage_key, r.thumbnail_key]));
    for (const key of keys) if (!inUse.has(key)) await ctx.services.blobs.delete(key);
  },
});

/** Queues the deletion of the given keys' bytes (those still referenced elsewhere stay). */
export async function enqueueBlobDeletion(ctx: Ctx, keys: readonly (string | null)[]): Promise<void> {
  const unique = [...new Set(keys.filter((k): k is string => Boolean(k)))];
  if (unique.length) await enqueue(ctx, deleteBlobsJob, { keys: unique });
}
