// Names under which import sources write an organisation. An imported name is matched to an organisation by its
// name, its short name or an alias, all compared normalised; a name that matches nothing is never turned into a new
// organisation (see import-batch.ts: the case is held for review).
import { z } from 'zod';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { recordAdminChange } from '../admin/admin-journal';

/** A name compared without case, ё, quotes, dots and repeated spaces: «МУ "Администрация  Угличского МР"» = «му администрация угличского мр». */
export function organisationKey(name: string): string {
  return name
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/["'«»„“”`.]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export const aliasInput = z.object({
  alias: z.string().trim().min(2).max(500),
  organisationId: z.number().int().positive(),
});
export type AliasInput = z.infer<typeof aliasInput>;

export interface OrganisationAlias {
  id: number;
  alias: string;
  organisationId: number;
  organisation: string;
  createdAt: string;
}

/** Organisation ids by normalised name: names and short names of organisations, then aliases. */
export async function organisationDirectory(ctx: Ctx): Promise<Map<string, number>> {
  const directory = new Map<string, number>();
  const organisations = await ctx.db
    .selectFrom('organisations')
    .select(['id', 'name', 'short_name'])
    .orderBy('id')
    .execute();
  for (const o of organisations) {
    for (const name of [o.name, o.short_name])
      if (name && !directory.has(organisationKey(name))) directory.set(organisationKey(name), o.id);
  }
  const aliases = await ctx.db.selectFrom('organisation_aliases').select(['alias_key', 'organisation_id']).execute();
  for (const a of aliases) if (!directory.has(a.alias_key)) directory.set(a.alias_key, a.organisation_id);
  return directory;
}

export async function listAliases(ctx: Ctx): Promise<OrganisationAlias[]> {
  requirePermission(ctx.actor, 'reference.manage');
  const rows = await ctx.db
    .selectFrom('organisation_aliases as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.id', 'a.alias', 'a.organisation_id', 'o.name', 'a.created_at'])
    .orderBy('a.alias')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    alias: r.alias,
    organisationId: r.organisation_id,
    organisation: r.name,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** Adds an alias; a name that already means an organisation (its name, short name or another alias) is a conflict. */
export async function addAlias(ctx: Ctx, input: AliasInput): Promise<OrganisationAlias> {
  requirePermission(ctx.actor, 'reference.manage');
  const key = organisationKey(input.alias);
  if (!key) throw new AppError('validation_failed', 'Пустое название');
  return withTransaction(ctx, async (tx) => {
    const organisation = await tx.db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('id', '=', input.organisationId)
      .executeTakeFirst();
    if (!organisation) throw new AppError('validation_failed', `Нет организации с id ${input.organisationId}`);
    const taken = (await organisationDirectory(tx)).get(key);
    if (taken !== undefined)
      throw new AppError('conflict', `Название «${input.alias}» уже означает организацию с id ${taken}`);
    const row = await tx.db
      .insertInto('organisation_aliases')
      .values({ alias: input.alias, alias_key: key, organisation_id: organisation.id })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordAdminChange(tx, {
      entity: 'organisation',
      key: organisation.name,
      action: 'alias_added',
      details: { alias: input.alias },
    });
    return {
      id: row.id,
      alias: input.alias,
      organisationId: organisation.id,
      organisation: organisation.name,
      createdAt: new Date(row.created_at).toISOString(),
    };
  });
}

export async function removeAlias(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'reference.manage');
  await withTransaction(ctx, async (tx) => {
    const removed = await tx.db
      .deleteFrom('organisation_aliases')
      .where('id', '=', id)
      .returning(['alias', 'organisation_id'])
      .executeTakeFirst();
    if (!removed) throw new AppError('not_found', 'Нет такого псевдонима');
    const organisation = await tx.db
      .selectFrom('organisations')
      .select('name')
      .where('id', '=', removed.organisation_id)
      .executeTakeFirst();
    await recordAdminChange(tx, {
      entity: 'organisation',
      key: organisation?.name ?? String(removed.organisation_id),
      action: 'alias_removed',
      details: { alias: removed.alias },
    });
  });
}

/** The CLI's form: the organisation by its id or its name (or short name, or an alias). */
export async function addAliasByName(
  ctx: Ctx,
  input: { alias: string; organisation: string },
): Promise<OrganisationAlias> {
  const id = /^\d+$/.test(input.organisation.trim())
    ? Number(input.organisation)
    : (await organisationDirectory(ctx)).get(organisationKey(input.organisation));
  if (id === undefined) throw new AppError('validation_failed', `Нет организации «${input.organisation}»`);
  return addAlias(ctx, aliasInput.parse({ alias: input.alias, organisationId: id }));
}

export async function describeAliases(ctx: Ctx): Promise<string[]> {
  const aliases = await listAliases(ctx);
  if (!aliases.length) return ['Псевдонимов нет'];
  return aliases.map((a) => `${a.id}\t${a.alias}\t→ ${a.organisation} (id ${a.organisationId})`);
}
