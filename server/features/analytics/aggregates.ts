import { sql } from 'kysely';
import type {
  AggregateDimension,
  Granularity,
  SeriesResponse,
  VolumeRow,
  VolumesResponse,
} from '../../../shared/api/analytics';
import { CHANNEL_LABELS, type Channel } from '../../../shared/deadlines/channels';
import type { Db } from '../../db/database';
import type { Ctx } from '../../lib/context';
import { requirePermission } from '../auth/authorize';
import type { ReferenceSnapshot } from '../reference/reference.repository';
import { previousPeriod, resolvePeriod, yearAgoPeriod, type Period } from './period';
import { refreshRollups } from './rollup';

export type {
  AggregateDimension,
  Granularity,
  VolumeRow,
  VolumesResponse,
  SeriesResponse,
} from '../../../shared/api/analytics';

/** Where the counts come from: the daily rollup (default) or the raw tables (same numbers; the benchmark's baseline). */
export type AggregateSource = 'rollup' | 'raw';

// The rollup stores "unknown" as 0 / '' so that its primary key holds; keys are written the same way from raw rows.
// Rollup reads use analytics_daily_dim (one row per day and dimension value) with the dimension's name.
const RAW_KEY: Record<AggregateDimension, string> = {
  block: "coalesce(c.block_code, '')",
  category: "coalesce(c.block_code, '') || '.' || coalesce(c.category_code, '')",
  municipality: 'coalesce(c.municipality_id, 0)::text',
  organisation: 'coalesce(c.organisation_id, 0)::text',
  channel: 'm.channel',
};

interface Counts {
  key: string;
  messages: number;
  answered: number;
}

/** Messages (and answered ones) per dimension value in each of the given periods, in one pass. */
async function countByPeriods(
  db: Db,
  by: AggregateDimension,
  periods: Period[],
  source: AggregateSource,
): Promise<Map<string, number[]>[]> {
  const out: Map<string, number[]>[] = periods.map(() => new Map());
  const rows = await Promise.all(periods.map((p) => countPeriod(db, by, p, source)));
  rows.forEach((list, i) => {
    for (const r of list) out[i]!.set(r.key, [r.messages, r.answered]);
  });
  return out;
}

async function countPeriod(db: Db, by: AggregateDimension, p: Period, source: AggregateSource): Promise<Counts[]> {
  const res =
    source === 'rollup'
      ? await sql<{ key: string; messages: unknown; answered: unknown }>`
        select key, sum(messages) as messages, sum(answered) as answered from analytics_daily_dim
        where dim = ${by} and day >= ${p.from}::date and day <= ${p.to}::date group by 1`.execute(db)
      : await sql<{ key: string; messages: unknown; answered: unknown }>`
        select ${sql.raw(RAW_KEY[by])} as key, count(*) as messages, count(c.first_response_at) as answered
        from messages m join cases c on c.id = m.case_id
        where m.created_at >= ${p.start} and m.created_at < ${p.end} group by 1`.execute(db);
  return res.rows.map((r) => ({ key: r.key, messages: Number(r.messages), answered: Number(r.answered) }));
}

/** Percent change, one decimal; null when the base is zero. */
export function percentChange(current: number, base: number): number | null {
  return base > 0 ? Math.round((1000 * (current - base)) / base) / 10 : null;
}

/** A readable name of a dimension value (rollup keys: '' and '0' mean unknown). */
export function dimensionName(ref: ReferenceSnapshot, by: AggregateDimension, key: string): string {
  const unknown = 'Не определено';
  switch (by) {
    case 'block':
      return ref.blocks.find((b) => b.code === key)?.name ?? (key || unknown);
    case 'category': {
      const [block, code] = key.split('.');
      return ref.categories.find((c) => c.blockCode === block && c.code === code)?.name ?? (code || unknown);
    }
    case 'municipality':
      return ref.municipalityById.get(Number(key))?.name ?? unknown;
    case 'organisation':
      return ref.organisationById.get(Number(key))?.name ?? unknown;
    case 'channel':
      return CHANNEL_LABELS[key as Channel] ?? key;
  }
}

/**
 * Volumes by channel, block, category, municipality or organisation for a period of Moscow dates, with the change
 * against the previous period of the same length and against the same dates a year earlier.
 */
export async function computeVolumes(
  ctx: Ctx,
  q: { by: AggregateDimension; from?: string; to?: string },
  source: AggregateSource = 'rollup',
): Promise<VolumesResponse> {
  requirePermission(ctx.actor, 'analytics.read');
  const period = resolvePeriod(q.from, q.to, ctx.services.clock.now());
  const prev = previousPeriod(period);
  const yearAgo = yearAgoPeriod(period);
  if (source === 'rollup' && !ctx.inTransaction) await refreshRollups(ctx.db);
  const [cur, before, lastYear] = await countByPeriods(ctx.db, q.by, [period, prev, yearAgo], source);
  const ref = await ctx.services.reference.get(ctx.db);
  const row = (key: string, name: string, c: number[], p: number, y: number): VolumeRow => ({
    key,
    name,
    messages: c[0] ?? 0,
    answered: c[1] ?? 0,
    previous: p,
    yearAgo: y,
    change: percentChange(c[0] ?? 0, p),
    yearChange: percentChange(c[0] ?? 0, y),
  });
  const keys = new Set([...cur!.keys(), ...before!.keys()]);
  const items = [...keys]
    .map((k) =>
      row(k, dimensionName(ref, q.by, k), cur!.get(k) ?? [0, 0], before!.get(k)?.[0] ?? 0, lastYear!.get(k)?.[0] ?? 0),
    )
    .sort((a, b) => b.messages - a.messages || a.name.localeCompare(b.name, 'ru'));
  const sum = (m: Map<string, number[]>, i: number) => [...m.values()].reduce((s, v) => s + (v[i] ?? 0), 0);
  const total = row('', 'Всего', [sum(cur!, 0), sum(cur!, 1)], sum(before!, 0), sum(lastYear!, 0));
  return {
    by: q.by,
    from: period.from,
    to: period.to,
    previousFrom: prev.from,
    previousTo: prev.to,
    yearAgoFrom: yearAgo.from,
    yearAgoTo: yearAgo.to,
    total,
    items,
  };
}

const TRUNC: Record<Granularity, string> = { day: 'day', week: 'week', month: 'month' };

/** Message counts per day, ISO week (Monday) or month, optionally split by a dimension. */
export async function computeSeries(
  ctx: Ctx,
  q: { granularity: Granularity; by?: AggregateDimension | undefined; from?: string; to?: string },
  source: AggregateSource = 'rollup',
): Promise<SeriesResponse> {
  requirePermission(ctx.actor, 'analytics.read');
  const period = resolvePeriod(q.from, q.to, ctx.services.clock.now());
  if (source === 'rollup' && !ctx.inTransaction) await refreshRollups(ctx.db);
  const unit = sql.lit(TRUNC[q.granularity]);
  const res =
    source === 'rollup'
      ? await sql<{ period: string; key: string; messages: unknown }>`
        select date_trunc(${unit}, day)::date::text as period, ${q.by ? sql.raw('key') : sql.lit('')} as key, sum(messages) as messages
        from analytics_daily_dim where dim = ${q.by ?? 'channel'} and day >= ${period.from}::date and day <= ${period.to}::date
        group by 1, 2 order by 1, 2`.execute(ctx.db)
      : await sql<{ period: string; key: string; messages: unknown }>`
        select date_trunc(${unit}, (m.created_at at time zone 'Europe/Moscow')::date)::date::text as period,
               ${q.by ? sql.raw(RAW_KEY[q.by]) : sql.lit('')} as key, count(*) as messages
        from messages m join cases c on c.id = m.case_id
        where m.created_at >= ${period.start} and m.created_at < ${period.end} group by 1, 2 order by 1, 2`.execute(
          ctx.db,
        );
  const ref = await ctx.services.reference.get(ctx.db);
  return {
    granularity: q.granularity,
    from: period.from,
    to: period.to,
    points: res.rows.map((r) => ({
      period: r.period,
      key: r.key,
      name: q.by ? dimensionName(ref, q.by, r.key) : 'Всего',
      messages: Number(r.messages),
    })),
  };
}
