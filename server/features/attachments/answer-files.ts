import type { Ctx } from '../../lib/context';
import type { OutboundFile } from '../channels/channel-adapter';

/** The stored files of an answer with their bytes, in the order they were attached (for delivery through channels). */
export async function loadAnswerFiles(ctx: Ctx, answerId: string): Promise<OutboundFile[]> {
  const rows = await ctx.db
    .selectFrom('attachments')
    .select(['name', 'mime_type', 'storage_key'])
    .where('answer_id', '=', answerId)
    .where('status', '=', 'stored')
    .orderBy('position')
    .orderBy('id')
    .execute();
  const files: OutboundFile[] = [];
  for (const row of rows) {
    const bytes = row.storage_key ? await ctx.services.blobs.get(row.storage_key) : null;
    if (!bytes) throw new Error(`файл ответа «${row.name}» не найден в хранилище`);
    files.push({ name: row.name, mimeType: row.mime_type ?? 'application/octet-stream', bytes });
  }
  return files;
}
