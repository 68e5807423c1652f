import type { Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { assertCase, type CasePermissions } from './cases.policy';
import type { CaseRow } from './cases.repository';

/** Loads a case for change inside the transaction (row-locked), checking visibility and the permission. */
export async function loadCaseForUpdate(ctx: Ctx, id: string, permission: keyof CasePermissions): Promise<CaseRow> {
  if (!/^\d+$/.test(id)) throw new AppError('not_found', 'Обращение не найдено');
  const row = await ctx.db.selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  assertCase(ctx.actor, row, permission);
  return row;
}
