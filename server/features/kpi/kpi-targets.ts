import type { ScopeTargetInput, ScopeValueInput } from '../../../shared/api/kpi-targets';
import type { Ctx } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { loadKpis, type KpiRow } from './kpi.repository';

// Targets per block / category / year and hand-entered values per block / category: both tables only grow — the
// latest target row of a key counts (a null target removes it), the latest value on or before a date counts — so
// the history of who set what and when is the tables themselves. Roles with kpi.manage change them.
const authorOf = (ctx: Ctx): { id: number | null; label: string } => ({
  id: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
  label: ctx.actor.label,
});

export async function activeKpi(ctx: Ctx, id: number): Promise<KpiRow> {
  const [row] = await loadKpis(ctx.db, id);
  if (!row) throw notFound('Показатель');
  return row;
}

async function checkScope(ctx: Ctx, blockCode: string, categoryCode: string | null): Promise<void> {
  if (!(await ctx.db.selectFrom('blocks').select('code').where('code', '=', blockCode).executeTakeFirst())) {
    throw new AppError('validation_failed', `Блок ${blockCode} не найден`);
  }
  if (
    categoryCode !== null &&
    !(await ctx.db
      .selectFrom('categories')
      .select('id')
      .where('block_code', '=', blockCode)
      .where('code', '=', categoryCode)
      .executeTakeFirst())
  ) {
    throw new AppError('validation_failed', `Категория ${categoryCode} не относится к блоку ${blockCode}`);
  }
}

export async function setScopeTarget(ctx: Ctx, kpiId: number, input: ScopeTargetInput): Promise<void> {
  requirePermission(ctx.actor, 'kpi.manage');
  await activeKpi(ctx, kpiId);
  await checkScope(ctx, input.blockCode, input.categoryCode);
  const author = authorOf(ctx);
  await ctx.db
    .insertInto('kpi_scope_targets')
    .values({
      kpi_id: kpiId,
      block_code: input.blockCode,
      category_code: input.categoryCode,
      year: input.year,
      target: input.target,
      comment: input.comment,
      set_by_user_id: author.id,
      set_by: author.label,
      set_at: ctx.services.clock.now(),
    })
    .execute();
}

export async function recordScopeValue(ctx: Ctx, kpiId: number, input: ScopeValueInput): Promise<void> {
  requirePermission(ctx.actor, 'kpi.manage');
  const kpi = await activeKpi(ctx, kpiId);
  if (kpi.formula)
    throw new AppError(
      'conflict',
      'Значение этого показателя рассчитывается по данным по расписанию: вручную его не вносят',
    );
  await checkScope(ctx, input.blockCode, input.categoryCode);
  const author = authorOf(ctx);
  await ctx.db
    .insertInto('kpi_scope_values')
    .values({
      kpi_id: kpiId,
      block_code: input.blockCode,
      category_code: input.categoryCode,
      on_date: input.onDate,
      value: input.value,
      source: 'manual',
      comment: input.comment,
      author_user_id: author.id,
      author_label: author.label,
      created_at: ctx.services.clock.now(),
    })
    .execute();
}

/** Links an indicator to the project and the passport result it serves (decree п. 22). */
export async function addEvidence(ctx: Ctx, kpiId: number, projectId: number, result: string): Promise<void> {
  requirePermission(ctx.actor, 'kpi.manage');
  await activeKpi(ctx, kpiId);
  if (!(await ctx.db.selectFrom('projects').select('id').where('id', '=', projectId).executeTakeFirst()))
    throw new AppError('validation_failed', `Проект №${projectId} не найден`);
  await ctx.db
    .insertInto('kpi_evidence')
    .values({
      kpi_id: kpiId,
      project_id: projectId,
      result,
      created_by: ctx.actor.label,
      created_at: ctx.services.clock.now(),
    })
    .execute();
}

/** A removed link keeps its row, stamped with who removed it and when. */
export async function removeEvidence(ctx: Ctx, kpiId: number, evidenceId: number): Promise<void> {
  requirePermission(ctx.actor, 'kpi.manage');
  const r = await ctx.db
    .updateTable('kpi_evidence')
    .set({ removed_by: ctx.actor.label, removed_at: ctx.services.clock.now() })
    .where('id', '=', evidenceId)
    .where('kpi_id', '=', kpiId)
    .where('removed_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!r) throw notFound('Связь с проектом', 'f');
}
