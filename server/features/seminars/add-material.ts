import type { MaterialInput, SeminarDetail } from '../../../shared/api/seminars';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { storeFile } from '../attachments/store-file';
import { recordChange } from '../comms/comms-history';
import { getSeminar } from './get-seminar';
import { loadSummary, seminarScope, visibleTo } from './seminars.repository';

/**
 * A material of a seminar: a file (checked and kept by the attachments storage — type by content, size limit,
 * programs refused) or a link.
 */
export async function addMaterial(ctx: Ctx, seminarId: number, input: MaterialInput): Promise<SeminarDetail> {
  requirePermission(ctx.actor, 'comms.manage');
  await loadSummary(ctx, seminarId);
  const values =
    input.kind === 'file'
      ? await (async () => {
          const file = await storeFile(ctx.services, {
            name: input.fileName,
            bytes: Buffer.from(input.contentBase64, 'base64'),
          });
          return {
            kind: 'file',
            title: input.title || file.name,
            url: null,
            storage_key: file.storageKey,
            file_name: file.name,
            mime_type: file.mimeType,
            size: file.size,
            sha256: file.sha256,
          };
        })()
      : {
          kind: 'link',
          title: input.title,
          url: input.url,
          storage_key: null,
          file_name: null,
          mime_type: null,
          size: null,
          sha256: null,
        };
  await withTransaction(ctx, async (tx) => {
    const row = await tx.db
      .insertInto('seminar_materials')
      .values({ ...values, seminar_id: seminarId, author_label: ctx.actor.label })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(
      tx,
      'seminar',
      seminarId,
      'material',
      `${values.kind === 'file' ? 'Файл' : 'Ссылка'} «${values.title}» (материал № ${row.id})`,
    );
  });
  return getSeminar(ctx, seminarId);
}

/** A material file's bytes for someone who may see its seminar (otherwise 404, like the seminar). */
export async function materialFile(
  ctx: Ctx,
  id: number,
): Promise<{ name: string; mimeType: string; sha256: string; bytes: Buffer }> {
  const scope = seminarScope(ctx);
  let q = ctx.db
    .selectFrom('seminar_materials as m')
    .innerJoin('seminars as s', 's.id', 'm.seminar_id')
    .select(['m.title', 'm.file_name', 'm.mime_type', 'm.storage_key', 'm.sha256'])
    .where('m.id', '=', id)
    .where('m.kind', '=', 'file');
  if (scope !== null) q = q.where(visibleTo(scope));
  const row = await q.executeTakeFirst();
  if (!row?.storage_key) throw notFound('Файл');
  const bytes = await ctx.services.blobs.get(row.storage_key);
  if (!bytes) throw new AppError('not_found', 'Файл не найден в хранилище');
  return {
    name: row.file_name ?? row.title,
    mimeType: row.mime_type ?? 'application/octet-stream',
    sha256: row.sha256 ?? '',
    bytes,
  };
}
