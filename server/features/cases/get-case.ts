import type { CaseDetail } from '../../../shared/api/cases';
import type { Ctx } from '../../lib/context';
import { listDeliveries } from '../deliveries';
import { AppError } from '../../lib/errors';
import { assertCase, casePermissions } from './cases.policy';
import { presentDetail } from './cases.presenter';
import { maskCaseDetail, viewOf } from '../personal-data/case-view';
import { getCaseChildren, getCaseRow } from './cases.repository';

export async function getCase(ctx: Ctx, id: string): Promise<CaseDetail> {
  if (!/^\d+$/.test(id)) throw new AppError('not_found', 'Обращение не найдено');
  const row = await getCaseRow(ctx.db, id);
  assertCase(ctx.actor, row);
  const c = row;
  const [children, ref] = await Promise.all([getCaseChildren(ctx.db, id), ctx.services.reference.get(ctx.db)]);
  const deliveries = await listDeliveries(ctx, id);
  return maskCaseDetail(
    { ...presentDetail(c, children, ref, ctx.services.clock.now(), casePermissions(ctx.actor, c)), deliveries },
    viewOf(ctx.actor),
  );
}
