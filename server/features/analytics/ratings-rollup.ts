import { sql } from 'kysely';
import type { RatingItem } from '../../../shared/api/analytics';
import type { Ctx } from '../../lib/context';
import { requirePermission } from '../auth/authorize';
import { resolvePeriod } from './period';
import { DEFAULT_MIN_VOLUME, rateCounts, type RatingsInput } from './ratings';
import { refreshRollups } from './rollup';

/**
 * A quick rating from the daily rollup, for overview screens at large volumes: messages, answered, with a final
 * answer, on time (among finally answered), citizen ratings. No medians (a median cannot be summed from days) and no
 * "overdue now" — the exact rating is computeRatings.
 */
export async function ratingsFromRollup(ctx: Ctx, q: RatingsInput): Promise<RatingItem[]> {
  requirePermission(ctx.actor, 'analytics.read');
  if (!ctx.inTransaction) await refreshRollups(ctx.db);
  const p = resolvePeriod(q.from, q.to, ctx.services.clock.now());
  const names =
    q.level === 'organisation'
      ? sql`select id, id::text as key, name, null::int as population from organisations`
      : sql`select id, code as key, name, population from municipalities`;
  const res = await sql<Record<string, unknown>>`
    with agg as (
      select key::int as unit, sum(messages) as messages, sum(answered) as answered, sum(final_answered) as final_answered,
             sum(answered_late) as late, sum(rated) as rated, sum(rating_sum) as rating_sum
      from analytics_daily_dim where dim = ${q.level} and day >= ${p.from}::date and day <= ${p.to}::date and key <> '0' group by 1
    )
    select n.key, n.name, n.population, agg.* from agg join (${names}) n on n.id = agg.unit`.execute(ctx.db);
  const num = (v: unknown) => Number(v ?? 0);
  return rateCounts(
    res.rows.map((r) => ({
      key: String(r.key),
      name: String(r.name),
      population: r.population === null ? null : num(r.population),
      messages: num(r.messages),
      answered: num(r.answered),
      finalAnswered: num(r.final_answered),
      open: num(r.messages) - num(r.final_answered),
      overdue: num(r.late),
      onTime: num(r.final_answered) - num(r.late),
      onTimeBase: num(r.final_answered),
      reviewed: 0,
      acceptedFirstTime: 0,
      returned: 0,
      rated: num(r.rated),
      satisfaction: num(r.rated) > 0 ? num(r.rating_sum) / num(r.rated) : null,
      firstResponseMedianHours: null,
      finalAnswerMedianHours: null,
    })),
    q.minVolume ?? DEFAULT_MIN_VOLUME,
  );
}
