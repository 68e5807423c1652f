import type { Kpi, KpiDetail } from '../../../shared/api/kpi';
import { toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import type { Ctx } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { evaluateKpi, kpiHistory } from './evaluate-kpi';
import { presentKpi } from './kpi.presenter';
import { loadKpis } from './kpi.repository';

const today = (ctx: Ctx): string => toMoscowIsoDate(ctx.services.clock.now());

/** Every active indicator with its value, target and status on a date (today by default). */
export async function listKpis(ctx: Ctx, on?: string): Promise<{ on: string; items: Kpi[] }> {
  requirePermission(ctx.actor, 'analytics.read');
  const date = on ?? today(ctx);
  const items: Kpi[] = [];
  for (const row of await loadKpis(ctx.db)) items.push(presentKpi(row, date, await evaluateKpi(ctx.db, row, date)));
  return { on: date, items };
}

export async function getKpi(ctx: Ctx, id: number, on?: string): Promise<KpiDetail> {
  requirePermission(ctx.actor, 'analytics.read');
  const date = on ?? today(ctx);
  const [row] = await loadKpis(ctx.db, id);
  if (!row) throw notFound('Показатель');
  return {
    kpi: presentKpi(row, date, await evaluateKpi(ctx.db, row, date)),
    history: await kpiHistory(ctx.db, row, date),
  };
}
