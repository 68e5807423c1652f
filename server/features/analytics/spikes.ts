import { sql } from 'kysely';
import type { Spike, SpikesResponse } from '../../../shared/api/analytics';
import { dayNumberOf, isoDateOf, moscowDayOf } from '../../../shared/deadlines/moscow-time';
import type { Ctx } from '../../lib/context';
import { requirePermission } from '../auth/authorize';
import { periodOfDays } from './period';
import { refreshRollups } from './rollup';
import { judgeSpike, SPIKE_METHOD, SPIKE_RULES } from './spike-statistic';

const MAX_CASES = 200;

/**
 * Category × municipality counts of the day (or of the 7 days) ending on `on` that stand well above their own baseline,
 * with the cases behind each alert. Reads the daily rollup.
 */
export async function detectSpikes(
  ctx: Ctx,
  q: { on?: string | undefined; window: 'day' | 'week' },
): Promise<SpikesResponse> {
  requirePermission(ctx.actor, 'analytics.read');
  if (!ctx.inTransaction) await refreshRollups(ctx.db);
  const last = q.on ? dayNumberOf(q.on) : moscowDayOf(ctx.services.clock.now());
  const windowDays = q.window === 'day' ? 1 : 7;
  const win = periodOfDays(last - windowDays + 1, last);
  const baseFrom = isoDateOf(last - windowDays + 1 - SPIKE_RULES.baselineDays);
  const res = await sql<{
    block_code: string;
    category_code: string;
    municipality_id: number;
    cur: unknown;
    base: unknown;
  }>`
    select block_code, category_code, municipality_id,
           sum(messages) filter (where day >= ${win.from}::date) as cur,
           coalesce(sum(messages) filter (where day < ${win.from}::date), 0) as base
    from analytics_daily
    where day >= ${baseFrom}::date and day <= ${win.to}::date and municipality_id <> 0 and category_code <> ''
    group by 1, 2, 3
    having sum(messages) filter (where day >= ${win.from}::date) >= ${SPIKE_RULES.minCount[q.window]}`.execute(ctx.db);
  const ref = await ctx.services.reference.get(ctx.db);
  const items: Spike[] = [];
  for (const r of res.rows) {
    const count = Number(r.cur);
    const verdict = judgeSpike(count, Number(r.base), windowDays, q.window);
    if (!verdict.spike) continue;
    const cases = await ctx.db
      .selectFrom('cases')
      .select('id')
      .where('block_code', '=', r.block_code)
      .where('category_code', '=', r.category_code)
      .where('municipality_id', '=', r.municipality_id)
      .where('created_at', '>=', win.start)
      .where('created_at', '<', win.end)
      .orderBy('created_at')
      .limit(MAX_CASES)
      .execute();
    const muni = ref.municipalityById.get(r.municipality_id);
    items.push({
      block: r.block_code,
      category: r.category_code,
      categoryName:
        ref.categories.find((c) => c.blockCode === r.block_code && c.code === r.category_code)?.name ?? null,
      municipality: muni?.code ?? null,
      municipalityName: muni?.name ?? null,
      from: win.from,
      to: win.to,
      count,
      baseline: verdict.lambda,
      z: verdict.z,
      pValue: verdict.pValue,
      caseIds: cases.map((c) => String(c.id)),
    });
  }
  items.sort((a, b) => a.pValue - b.pValue || b.count - a.count);
  return { window: q.window, from: win.from, to: win.to, method: SPIKE_METHOD, items };
}
