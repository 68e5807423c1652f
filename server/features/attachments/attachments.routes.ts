import type { AppInstance } from '../../http/app-instance';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Ctx, type Services } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { canSeeCase } from '../cases/cases.policy';
import { findAttachmentWithCase } from './attachments.repository';
import { contentDisposition, downloadType, sendFile as send } from './file-response';
import { INLINE_IMAGE_TYPES } from './store-file';

const UNAVAILABLE: Record<string, string> = {
  pending: 'Файл ещё загружается из канала',
  failed: 'Файл не удалось получить из канала',
  erased: 'Файл уничтожен вместе с персональными данными обратившегося',
};
const errors = { 401: errorBody, 403: errorBody, 404: errorBody };
const description =
  'Права — как у обращения: без входа 401, обращение чужой организации — 404; файл, уничтоженный вместе с персональными данными, — 404. Изображения JPEG, PNG, WebP и GIF ' +
  'показываются в браузере, любые другие файлы скачиваются (`Content-Disposition: attachment`), с `X-Content-Type-Options: nosniff`.';

/** Downloads of stored files: the same rights as the case the file's message or answer belongs to. */
export function registerAttachmentRoutes(api: AppInstance, services: Services): void {
  api.get(
    '/attachments/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'Файл вложения (ровно сохранённые байты)',
        description,
        params: idParams,
        response: errors,
      },
    },
    async (request, reply) => {
      const ctx = rootContext(services, requireUser(request));
      const file = await loadVisible(ctx, request.params.id);
      if (file.status !== 'stored' || !file.storage_key) {
        throw new AppError('not_found', UNAVAILABLE[file.status] ?? 'Файл не найден в хранилище');
      }
      const bytes = await services.blobs.get(file.storage_key);
      if (!bytes) throw new AppError('not_found', 'Файл не найден в хранилище');
      const mime = file.mime_type ?? 'application/octet-stream';
      const inline = INLINE_IMAGE_TYPES.has(mime);
      return send(
        reply,
        bytes,
        inline ? mime : downloadType(mime),
        file.sha256 ?? '',
        contentDisposition(inline ? 'inline' : 'attachment', file.name),
      );
    },
  );

  api.get(
    '/attachments/:id/thumbnail',
    {
      schema: { tags: ['cases'], summary: 'Уменьшенная копия изображения (WebP)', params: idParams, response: errors },
    },
    async (request, reply) => {
      const ctx = rootContext(services, requireUser(request));
      const file = await loadVisible(ctx, request.params.id);
      const bytes = file.thumbnail_key ? await services.blobs.get(file.thumbnail_key) : null;
      if (!bytes) throw new AppError('not_found', 'У этого файла нет уменьшенной копии');
      return send(reply, bytes, 'image/webp', `${file.sha256 ?? ''}-thumbnail`, 'inline');
    },
  );
}

async function loadVisible(ctx: Ctx, id: string) {
  const file = await findAttachmentWithCase(ctx.db, id);
  // A file of a case the user may not see does not exist for them, exactly like the case.
  if (!file || !canSeeCase(ctx.actor, file)) throw new AppError('not_found', 'Файл не найден');
  return file;
}
