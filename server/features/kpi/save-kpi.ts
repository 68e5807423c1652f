import type { KpiDetail, KpiInput, KpiValueInput } from '../../../shared/api/kpi';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { getKpi } from './kpi-queries';
import { codeTaken, insertKpi, loadKpis, updateKpi } from './kpi.repository';

function checkTargets(input: KpiInput): void {
  const years = input.targets.map((t) => t.year);
  if (new Set(years).size !== years.length) throw new AppError('validation_failed', 'Цель на один год указана дважды');
}

export async function createKpi(ctx: Ctx, input: KpiInput): Promise<KpiDetail> {
  requirePermission(ctx.actor, 'kpi.manage');
  checkTargets(input);
  const id = await withTransaction(ctx, async (tx) => {
    if (await codeTaken(tx.db, input.code)) throw new AppError('conflict', `Показатель с кодом ${input.code} уже есть`);
    return insertKpi(tx.db, input);
  });
  return getKpi(ctx, id);
}

/** Editing an example indicator makes it the centre's own (the «пример» mark goes away). */
export async function changeKpi(ctx: Ctx, id: number, input: KpiInput): Promise<KpiDetail> {
  requirePermission(ctx.actor, 'kpi.manage');
  checkTargets(input);
  await withTransaction(ctx, async (tx) => {
    if (await codeTaken(tx.db, input.code, id))
      throw new AppError('conflict', `Показатель с кодом ${input.code} уже есть`);
    if (!(await updateKpi(tx.db, id, input, ctx.services.clock.now()))) throw notFound('Показатель');
  });
  return getKpi(ctx, id);
}

/** A hand-entered value (with its date and author) for an indicator the data cannot compute. */
export async function recordKpiValue(ctx: Ctx, id: number, input: KpiValueInput): Promise<KpiDetail> {
  requirePermission(ctx.actor, 'kpi.manage');
  const [row] = await loadKpis(ctx.db, id);
  if (!row) throw notFound('Показатель');
  if (row.formula)
    throw new AppError('conflict', 'Значение этого показателя рассчитывается по данным: вручную его не вносят');
  await ctx.db
    .insertInto('kpi_values')
    .values({
      kpi_id: id,
      on_date: input.onDate,
      value: input.value,
      comment: input.comment ?? null,
      author_user_id: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      author_label: ctx.actor.label,
    })
    .execute();
  return getKpi(ctx, id, input.onDate);
}
