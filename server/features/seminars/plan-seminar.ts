import {
  SEMINAR_FORMAT_LABELS,
  SEMINAR_STATUS_LABELS,
  type SeminarDetail,
  type SeminarInput,
} from '../../../shared/api/seminars';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { recordChange } from '../comms/comms-history';
import { getSeminar } from './get-seminar';

// A seminar of the plan, new or changed (comms.manage). The time is Moscow time; the targets must exist in the
// registries, otherwise 400 and nothing is saved.
export async function planSeminar(ctx: Ctx, id: number | null, input: SeminarInput): Promise<SeminarDetail> {
  requirePermission(ctx.actor, 'comms.manage');
  const columns = {
    topic: input.topic,
    description: input.description,
    starts_at: `${input.date}T${input.time}:00+03:00`,
    duration_minutes: input.durationMinutes,
    format: input.format,
    place: input.place,
    trainers: input.trainers,
    status: input.status,
    target_organisation_ids: [...new Set(input.targetOrganisationIds)],
    target_municipality_ids: [...new Set(input.targetMunicipalityIds)],
  };
  const saved = await withTransaction(ctx, async (tx) => {
    await requireExisting(tx, 'organisations', columns.target_organisation_ids, 'Организаций');
    await requireExisting(tx, 'municipalities', columns.target_municipality_ids, 'Муниципалитетов');
    const row =
      id === null
        ? await tx.db.insertInto('seminars').values(columns).returning('id').executeTakeFirstOrThrow()
        : await tx.db
            .updateTable('seminars')
            .set({ ...columns, updated_at: ctx.services.clock.now() })
            .where('id', '=', id)
            .returning('id')
            .executeTakeFirst();
    if (!row) throw notFound('Семинар');
    await recordChange(
      tx,
      'seminar',
      row.id,
      id === null ? 'created' : 'changed',
      `${input.topic} · ${input.date.split('-').reverse().join('.')} ${input.time} · ${SEMINAR_FORMAT_LABELS[input.format]} · ведущие: ${input.trainers} · ${SEMINAR_STATUS_LABELS[input.status]}`,
    );
    return row.id;
  });
  return getSeminar(ctx, saved);
}

async function requireExisting(
  ctx: Ctx,
  table: 'organisations' | 'municipalities',
  ids: number[],
  what: string,
): Promise<void> {
  if (ids.length === 0) return;
  const found = new Set(
    (await ctx.db.selectFrom(table).select('id').where('id', 'in', ids).execute()).map((r) => r.id),
  );
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length)
    throw new AppError('validation_failed', `${what} с номерами ${missing.join(', ')} нет в справочнике`);
}
