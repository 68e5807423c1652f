// Routing rules as the administrator keeps them: which organisation (or the municipality's administration) gets the
// cases of a block, a category and a municipality. Rules are added and removed (a change is a removal and a new
// rule), each with who and when in the journal; the reference cache is refreshed so new cases follow at once.
import type { AdminRoutingRule, RoutingRuleInput } from '../../../shared/api/admin-settings';
import { withTransaction, type Ctx } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { recordAdminChange } from './admin-journal';

export async function listRoutingRules(ctx: Ctx): Promise<AdminRoutingRule[]> {
  requirePermission(ctx.actor, 'reference.manage');
  const rows = await ctx.db
    .selectFrom('routing_rules as r')
    .leftJoin('municipalities as m', 'm.id', 'r.municipality_id')
    .leftJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select([
      'r.id',
      'r.block_code',
      'r.category_code',
      'm.code as municipality',
      'r.target',
      'r.organisation_id',
      'o.name as organisation',
      'r.note',
    ])
    .orderBy('r.block_code')
    .orderBy('r.category_code')
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    block: r.block_code,
    category: r.category_code,
    municipality: r.municipality,
    target: r.target === 'municipal_admin' ? 'municipal_admin' : 'organisation',
    organisationId: r.organisation_id,
    organisation: r.organisation,
    note: r.note,
  }));
}

const describe = (r: { block: string | null; category: string | null; municipality: string | null }): string =>
  [r.block ?? 'любой блок', r.category ?? 'любая категория', r.municipality ?? 'любой муниципалитет'].join(' / ');

export async function addRoutingRule(ctx: Ctx, input: RoutingRuleInput): Promise<AdminRoutingRule> {
  requirePermission(ctx.actor, 'reference.manage');
  const id = await withTransaction(ctx, async (tx) => {
    const ref = await tx.services.reference.get(tx.db);
    if (input.block && !ref.blocks.some((b) => b.code === input.block))
      throw new AppError('validation_failed', `Неизвестный блок «${input.block}»`);
    if (
      input.category &&
      !ref.categories.some((c) => c.code === input.category && (!input.block || c.blockCode === input.block))
    ) {
      throw new AppError(
        'validation_failed',
        `Неизвестная категория «${input.category}»${input.block ? ` в блоке «${input.block}»` : ''}`,
      );
    }
    const municipality = input.municipality ? ref.municipalityByCode.get(input.municipality) : undefined;
    if (input.municipality && !municipality)
      throw new AppError('validation_failed', `Неизвестный муниципалитет «${input.municipality}»`);
    if (
      input.target === 'organisation' &&
      (input.organisationId === null || !ref.organisationById.has(input.organisationId))
    ) {
      throw new AppError('validation_failed', 'Укажите действующую организацию справочника');
    }
    const row = await tx.db
      .insertInto('routing_rules')
      .values({
        block_code: input.block,
        category_code: input.category,
        municipality_id: municipality?.id ?? null,
        target: input.target,
        organisation_id: input.target === 'organisation' ? input.organisationId : null,
        note: input.note ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const to =
      input.target === 'organisation'
        ? ref.organisationById.get(input.organisationId ?? 0)?.name
        : 'администрация муниципалитета';
    await recordAdminChange(tx, {
      entity: 'routing_rule',
      key: describe(input),
      action: 'created',
      details: { id: row.id, to },
    });
    return row.id;
  });
  ctx.services.reference.invalidate();
  return (await listRoutingRules(ctx)).find((r) => r.id === id) ?? Promise.reject(notFound('Правило', 'n'));
}

export async function removeRoutingRule(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'reference.manage');
  const rule = (await listRoutingRules(ctx)).find((r) => r.id === id);
  if (!rule) throw new AppError('not_found', 'Правило маршрутизации не найдено');
  await withTransaction(ctx, async (tx) => {
    await tx.db.deleteFrom('routing_rules').where('id', '=', id).execute();
    await recordAdminChange(tx, {
      entity: 'routing_rule',
      key: describe(rule),
      action: 'removed',
      details: { id, to: rule.organisation ?? 'администрация муниципалитета' },
    });
  });
  ctx.services.reference.invalidate();
}
