import type { Ctx } from '../../lib/context';
import { enqueueBlobDeletion } from '../attachments/delete-blobs.job';

/**
 * The stored files of erased messages: each row becomes 'erased' (name, checksum, storage keys and channel source go;
 * the type and size stay for statistics) and its bytes and thumbnail are queued for deletion from the blob storage.
 * Downloads of an erased file answer 404 at once. A file still being fetched from its channel is erased too: the
 * fetch job stores nothing for a row that is no longer pending. Returns how many files were erased.
 */
export async function eraseMessageAttachments(tx: Ctx, messageIds: readonly string[]): Promise<number> {
  if (!messageIds.length) return 0;
  const files = await tx.db
    .selectFrom('attachments')
    .select(['id', 'storage_key', 'thumbnail_key'])
    .where('message_id', 'in', [...messageIds])
    .where('status', '!=', 'erased')
    .forUpdate()
    .execute();
  if (!files.length) return 0;
  await tx.db
    .updateTable('attachments')
    .set({
      status: 'erased',
      name: '',
      sha256: null,
      storage_key: null,
      thumbnail_key: null,
      source: null,
      error: null,
    })
    .where(
      'id',
      'in',
      files.map((f) => f.id),
    )
    .execute();
  await enqueueBlobDeletion(
    tx,
    files.flatMap((f) => [f.storage_key, f.thumbnail_key]),
  );
  return files.length;
}
