import { sql } from 'kysely';
import { isCaseStatus, transition, type CaseAction, type CaseStatus } from '../../../shared/cases/case-status';
import type { Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { appendEvents } from './case-events';
import { assertCase, type CasePermissions } from './cases.policy';
import type { CaseRow } from './cases.repository';
import type { DB } from '../../db/schema';
import type { Updateable } from 'kysely';

/** Loads a case for change inside the transaction (row-locked), checking visibility and the permission. */
export async function loadCaseForUpdate(ctx: Ctx, id: string, permission: keyof CasePermissions): Promise<CaseRow> {
  if (!/^\d+$/.test(id)) throw new AppError('not_found', 'Обращение не найдено');
  const row = await ctx.db.selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  assertCase(ctx.actor, row, permission);
  return row;
}

export function nextStatus(row: CaseRow, action: CaseAction): CaseStatus {
  const from = isCaseStatus(row.status) ? row.status : 'new';
  const result = transition(from, action);
  if (!result.ok) throw new AppError('invalid_transition', result.message);
  return result.to;
}

/** Applies a status change with extra column updates and writes the status event; acting on the case clears «гражданин ответил». */
export async function changeCase(
  ctx: Ctx, row: CaseRow, action: CaseAction, patch: Updateable<DB['cases']> = {}, data: Record<string, unknown> = {},
): Promise<CaseStatus> {
  const to = nextStatus(row, action);
  await ctx.db.updateTable('cases').set({ citizen_replied_at: null, ...patch, status: to, updated_at: sql`now()` }).where('id', '=', row.id).execute();
  await appendEvents(ctx, [{ caseId: row.id, type: 'status', data: { action, from: row.status, to, ...data } }]);
  return to;
}
