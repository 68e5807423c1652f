import { CASE_POINTS_LIMIT, type CasePoints } from '../../../shared/api/analytics';
import type { Ctx } from '../../lib/context';
import { listScope } from '../cases/cases.policy';
import { applyCaseFilters } from '../cases/cases.repository';

/** The points of the cases the user may see (same scope and period filter as the case list), for the map. */
export async function casePoints(
  ctx: Ctx,
  q: { from?: string | undefined; to?: string | undefined },
): Promise<CasePoints> {
  const filters = { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) };
  const rows = await applyCaseFilters(
    ctx.db.selectFrom('cases'),
    filters,
    ctx.services.clock.now(),
    listScope(ctx.actor),
  )
    .where('cases.lat', 'is not', null)
    .where('cases.lon', 'is not', null)
    .select(['cases.id', 'cases.lat', 'cases.lon'])
    .orderBy('cases.created_at', 'desc')
    .orderBy('cases.id', 'desc')
    .limit(CASE_POINTS_LIMIT + 1)
    .execute();
  const points = rows
    .slice(0, CASE_POINTS_LIMIT)
    .map((r) => ({ id: String(r.id), lat: Number(r.lat), lon: Number(r.lon) }));
  return { points, truncated: rows.length > CASE_POINTS_LIMIT };
}
