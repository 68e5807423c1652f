// Organisations of the directory as the administrator keeps them: create, rename, deactivate or bring back. A
// deactivated organisation is no longer offered for routing or assignment (the reference snapshot reads active ones);
// its cases keep it. Each change is journalled with who and when.
import type {
  AdminOrganisation,
  ChangeOrganisationInput,
  CreateOrganisationInput,
} from '../../../shared/api/admin-settings';
import { withTransaction, type Ctx } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { OPEN_STATUSES } from '../../../shared/cases/case-status';
import { recordAdminChange } from './admin-journal';

export async function listOrganisations(ctx: Ctx): Promise<AdminOrganisation[]> {
  requirePermission(ctx.actor, 'reference.manage');
  const [rows, aliases, open] = await Promise.all([
    ctx.db
      .selectFrom('organisations as o')
      .leftJoin('municipalities as m', 'm.id', 'o.municipality_id')
      .select(['o.id', 'o.name', 'o.short_name', 'o.kind', 'o.active', 'm.code as municipality'])
      .orderBy('o.active', 'desc')
      .orderBy('o.name')
      .execute(),
    ctx.db.selectFrom('organisation_aliases').select(['organisation_id', 'alias']).orderBy('alias').execute(),
    ctx.db
      .selectFrom('cases')
      .select((eb) => ['organisation_id', eb.fn.countAll<string>().as('n')])
      .where('status', 'in', [...OPEN_STATUSES])
      .where('organisation_id', 'is not', null)
      .groupBy('organisation_id')
      .execute(),
  ]);
  const openBy = new Map(open.map((r) => [r.organisation_id, Number(r.n)]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    shortName: r.short_name,
    kind: r.kind,
    municipality: r.municipality,
    active: r.active,
    aliases: aliases.filter((a) => a.organisation_id === r.id).map((a) => a.alias),
    openCases: openBy.get(r.id) ?? 0,
  }));
}

async function findOrganisation(ctx: Ctx, id: number): Promise<AdminOrganisation> {
  return (await listOrganisations(ctx)).find((o) => o.id === id) ?? Promise.reject(notFound('Организация', 'f'));
}

export async function createOrganisation(ctx: Ctx, input: CreateOrganisationInput): Promise<AdminOrganisation> {
  requirePermission(ctx.actor, 'reference.manage');
  const id = await withTransaction(ctx, async (tx) => {
    let municipalityId: number | null = null;
    if (input.municipality) {
      const m = await tx.db
        .selectFrom('municipalities')
        .select('id')
        .where('code', '=', input.municipality)
        .executeTakeFirst();
      if (!m) throw new AppError('validation_failed', `Неизвестный муниципалитет «${input.municipality}»`);
      municipalityId = m.id;
    }
    const clash = await tx.db
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (clash) throw new AppError('conflict', `Организация «${input.name}» уже есть в справочнике`);
    const row = await tx.db
      .insertInto('organisations')
      .values({
        name: input.name,
        short_name: input.shortName || null,
        kind: input.kind,
        municipality_id: municipalityId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAdminChange(tx, {
      entity: 'organisation',
      key: input.name,
      action: 'created',
      details: { kind: input.kind, municipality: input.municipality ?? null },
    });
    return row.id;
  });
  ctx.services.reference.invalidate();
  return findOrganisation(ctx, id);
}

export async function changeOrganisation(
  ctx: Ctx,
  id: number,
  input: ChangeOrganisationInput,
): Promise<AdminOrganisation> {
  requirePermission(ctx.actor, 'reference.manage');
  await withTransaction(ctx, async (tx) => {
    const current = await tx.db
      .selectFrom('organisations')
      .select(['name', 'short_name', 'active'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('Организация', 'f');
    const next = {
      name: input.name ?? current.name,
      short_name: input.shortName === undefined ? current.short_name : input.shortName || null,
      active: input.active ?? current.active,
    };
    if (
      next.name !== current.name &&
      (await tx.db
        .selectFrom('organisations')
        .select('id')
        .where('name', '=', next.name)
        .where('id', '<>', id)
        .executeTakeFirst())
    ) {
      throw new AppError('conflict', `Организация «${next.name}» уже есть в справочнике`);
    }
    await tx.db.updateTable('organisations').set(next).where('id', '=', id).execute();
    const action = next.active === current.active ? 'changed' : next.active ? 'activated' : 'deactivated';
    await recordAdminChange(tx, {
      entity: 'organisation',
      key: current.name,
      action,
      details: {
        from: { name: current.name, shortName: current.short_name, active: current.active },
        to: { name: next.name, shortName: next.short_name, active: next.active },
      },
    });
  });
  ctx.services.reference.invalidate();
  return findOrganisation(ctx, id);
}
