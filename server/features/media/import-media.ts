import type { FileUpload, ImportResult } from '../../../shared/api/public-pages';
import { MEDIA_KIND_LABELS, MEDIA_KINDS, mediaInputSchema } from '../../../shared/api/media';
import type { Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { recordChange } from '../comms/comms-history';
import { municipalityCell, municipalityIdOf, pickLabelled } from '../comms/reference-cells';
import { cell, countCell, importRowByRow } from '../comms/uploaded-table';
import { contactColumns } from './media.repository';
import { describeContact } from './save-media';

// The registry of outlets and opinion leaders from a CSV/XLSX table; a row is matched by name, so a repeated file
// changes only what changed.
export const MEDIA_COLUMNS = {
  kind: ['Тип', 'Вид'],
  name: ['Название', 'Имя', 'СМИ'],
  channels: ['Каналы'],
  audience: ['Аудитория'],
  topics: ['Темы'],
  municipality: ['Муниципалитет', 'Территория'],
  contactPerson: ['Контактное лицо'],
  contact: ['Контакт', 'Телефон, e-mail'],
  ownerName: ['Ответственный'],
} as const;

export async function importMediaFile(ctx: Ctx, upload: FileUpload): Promise<ImportResult> {
  requirePermission(ctx.actor, 'comms.manage');
  const ref = await ctx.services.reference.get(ctx.db);
  return importRowByRow(ctx, upload, async (tx, row) => {
    const str = (key: keyof typeof MEDIA_COLUMNS): string => String(cell(row, MEDIA_COLUMNS[key]) ?? '').trim();
    const parsed = mediaInputSchema.safeParse({
      kind: pickLabelled(str('kind') || 'outlet', MEDIA_KINDS, MEDIA_KIND_LABELS, 'Тип'),
      name: str('name'),
      channels: str('channels'),
      audience: countCell(cell(row, MEDIA_COLUMNS.audience), 'Аудитория'),
      topics: str('topics'),
      municipalityCode: municipalityCell(ref, str('municipality')),
      contactPerson: str('contactPerson'),
      contact: str('contact'),
      ownerName: str('ownerName'),
    });
    if (!parsed.success)
      throw new AppError(
        'validation_failed',
        `${parsed.error.issues[0]?.path.join('.') === 'name' ? 'Название' : 'Строка'}: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    const input = parsed.data;
    const columns = contactColumns(input, municipalityIdOf(ref, input.municipalityCode));
    const existing = await tx.db
      .selectFrom('media_contacts')
      .selectAll()
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (!existing) {
      const created = await tx.db
        .insertInto('media_contacts')
        .values(columns)
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordChange(tx, 'media', created.id, 'imported', `${describeContact(input)} (файл ${upload.fileName})`);
      return 'imported';
    }
    if ((Object.keys(columns) as (keyof typeof columns)[]).every((k) => existing[k] === columns[k])) return 'unchanged';
    await tx.db
      .updateTable('media_contacts')
      .set({ ...columns, updated_at: ctx.services.clock.now() })
      .where('id', '=', existing.id)
      .execute();
    await recordChange(tx, 'media', existing.id, 'imported', `${describeContact(input)} (файл ${upload.fileName})`);
    return 'updated';
  });
}
