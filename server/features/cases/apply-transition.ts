import { sql, type Updateable } from 'kysely';
import { isCaseStatus, transition, type CaseAction, type CaseStatus } from '../../../shared/cases/case-status';
import type { DB } from '../../db/schema';
import type { Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { appendEvents } from './case-events';
import type { CaseRow } from './cases.repository';

export function nextStatus(row: CaseRow, action: CaseAction): CaseStatus {
  const from = isCaseStatus(row.status) ? row.status : 'new';
  const result = transition(from, action);
  if (!result.ok) throw new AppError('invalid_transition', result.message);
  return result.to;
}

/** Applies a status change with extra column updates and writes the status event; acting on the case clears «гражданин ответил». */
export async function applyTransition(
  ctx: Ctx,
  row: CaseRow,
  action: CaseAction,
  patch: Updateable<DB['cases']> = {},
  data: Record<string, unknown> = {},
): Promise<CaseStatus> {
  const to = nextStatus(row, action);
  await ctx.db
    .updateTable('cases')
    .set({ citizen_replied_at: null, ...patch, status: to, updated_at: sql`now()` })
    .where('id', '=', row.id)
    .execute();
  await appendEvents(ctx, [{ caseId: row.id, type: 'status', data: { action, from: row.status, to, ...data } }]);
  return to;
}
