import { sql } from 'kysely';
import type { RatingItem, RatingLevel } from '../../../shared/api/analytics';
import type { Db } from '../../db/database';
import type { Ctx } from '../../lib/context';
import { requirePermission } from '../auth/authorize';
import { messageFactsSelect } from './message-facts';
import { resolvePeriod, type Period } from './period';
import { refreshRollups } from './rollup';
import { unitSums, type UnitSums } from './ratings-rollup-medians';
import { nowDependentCounts, UNIT_SUMS } from '../../db/functions/rating-figures';
import { combinedScore, rankByScore, share } from './ratings-score';

export type { RatingItem } from '../../../shared/api/analytics';
export const DEFAULT_MIN_VOLUME = 2;
/** Where the per-message facts come from: analytics_message_facts (kept with the rollups) or the raw tables. */
export type RatingsSource = 'rollup' | 'raw';

export interface RatingsInput {
  level: RatingLevel;
  from: string;
  to: string;
  minVolume?: number;
}

/** Per-organisation (or per-municipality) counts and medians over the messages created in the period. */
export interface RatingCounts {
  key: string;
  name: string;
  population: number | null;
  messages: number;
  answered: number;
  finalAnswered: number;
  open: number;
  overdue: number;
  onTime: number;
  onTimeBase: number;
  reviewed: number;
  acceptedFirstTime: number;
  returned: number;
  rated: number;
  satisfaction: number | null;
  firstResponseMedianHours: number | null;
  finalAnswerMedianHours: number | null;
}

/**
 * Ratings of organisations or municipalities for a period of Moscow dates (inclusive), computed from case histories:
 * every message created in the period counts for the organisation (municipality) of its case.
 */
export async function computeRatings(
  ctx: Ctx,
  q: RatingsInput,
  source: RatingsSource = 'rollup',
): Promise<RatingItem[]> {
  requirePermission(ctx.actor, 'analytics.read');
  const period = resolvePeriod(q.from, q.to, ctx.services.clock.now());
  const fromRollups = source === 'rollup' && !ctx.inTransaction;
  if (fromRollups) await refreshRollups(ctx.db);
  const now = ctx.services.clock.now();
  const counts = await ratingCounts(ctx.db, q.level, period, now, fromRollups ? 'rollup' : 'raw');
  const unmatched = q.level === 'organisation' ? await unmatchedSourceCounts(ctx.db, period, now) : [];
  return rateCounts(
    [...counts, ...unmatched.map((c) => ({ ...c, unmatched: true }))],
    q.minVolume ?? DEFAULT_MIN_VOLUME,
  );
}

/** Shares, score and rank from the counts; rows of unmatched source names take no place. Pure. */
export function rateCounts(counts: (RatingCounts & { unmatched?: boolean })[], minVolume: number): RatingItem[] {
  const items = counts.map((c) => {
    const shares = {
      onTimeShare: share(c.onTime, c.onTimeBase),
      acceptedShare: share(c.acceptedFirstTime, c.reviewed),
      returnedShare: share(c.returned, c.answered),
      finalShare: share(c.finalAnswered, c.messages),
      openShare: share(c.open, c.messages),
      overdueShare: share(c.overdue, c.messages),
    };
    const satisfaction = c.satisfaction === null ? null : Math.round(c.satisfaction * 100) / 100;
    const score = combinedScore({ ...shares, satisfaction, firstResponseMedianHours: c.firstResponseMedianHours });
    const perThousandResidents = c.population ? Math.round((1_000_000 * c.messages) / c.population) / 1000 : null;
    return { ...c, ...shares, satisfaction, perThousandResidents, score, rank: null as number | null };
  });
  const ranks = rankByScore(
    items.map((it) => (it.unmatched ? { messages: 0, score: null } : it)),
    minVolume,
  );
  items.forEach((it, i) => {
    it.rank = ranks[i] ?? null;
  });
  return items.sort(
    (a, b) =>
      (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.messages - a.messages || a.name.localeCompare(b.name, 'ru'),
  );
}

const hours = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);
const num = (v: unknown): number => Number(v ?? 0);

/**
 * Counts and medians per organisation (municipality) over the period's messages: from the rollups (default; see
 * ratings-rollup-medians.ts) or in one pass over the raw tables (see messageFactsSelect) — the same numbers; the
 * benchmark compares the two.
 */
export async function ratingCounts(
  db: Db,
  level: RatingLevel,
  p: Period,
  now: Date,
  source: RatingsSource = 'rollup',
): Promise<RatingCounts[]> {
  const names =
    level === 'organisation'
      ? sql<{
          id: number;
          key: string;
          name: string;
          population: number | null;
        }>`select id, id::text as key, name, null::int as population from organisations`
      : sql<{
          id: number;
          key: string;
          name: string;
          population: number | null;
        }>`select id, code as key, name, population from municipalities`;
  if (source === 'rollup') {
    const [sums, units] = await Promise.all([unitSums(db, level, p, now), names.execute(db)]);
    const unitById = new Map(units.rows.map((u) => [Number(u.id), u]));
    return sums.flatMap((c) => {
      const u = unitById.get(c.unit);
      return u ? [countsOfSums(u, c)] : [];
    });
  }
  const key = sql.raw(level === 'organisation' ? 'organisation_id' : 'municipality_id');
  const res = await sql<Record<string, unknown>>`
    with msg as (
      ${messageFactsSelect(sql`messages m`, sql`m.created_at >= ${p.start} and m.created_at < ${p.end}`)}
    ), agg as (
      select ${key} as unit, ${aggregateColumns(now)} from msg where ${key} is not null group by 1
    )
    select n.key, n.name, n.population, agg.* from agg join (${names}) n on n.id = agg.unit`.execute(db);
  return res.rows.map((r) => countsOfSums(r, sumsOfRow(r)));
}

/**
 * Rows for the organisations an imported source named that match no organisation of the reference (their cases are
 * held without one, see import-batch.ts): counted in one pass over the raw tables, driven by the cases without an
 * organisation (an index keeps that cheap), keyed `source:<name>`.
 */
export async function unmatchedSourceCounts(db: Db, p: Period, now: Date): Promise<RatingCounts[]> {
  const res = await sql<Record<string, unknown>>`
    with msg as (
      select f.*, m.organisation_raw as source
      from (${messageFactsSelect(
        sql`cases h join messages m on m.case_id = h.id`,
        sql`h.organisation_id is null and m.organisation_raw is not null and m.created_at >= ${p.start} and m.created_at < ${p.end}`,
      )}) f
      join messages m on m.id = f.message_id
    )
    select 'source:' || source as key, source as name, null::int as population, ${aggregateColumns(now)}
    from msg group by source`.execute(db);
  return res.rows.map((r) => countsOfSums(r, sumsOfRow(r)));
}

/** The counts and medians of the ratings over a set of message facts `msg` (see messageFactsSelect), with the figures
 * the rollups keep (db/functions/rating-figures.ts). */
function aggregateColumns(now: Date) {
  const sums = UNIT_SUMS.map(([column, aggregate]) => `${aggregate} as ${column}`).join(',\n    ');
  return sql`${sql.raw(sums)}, ${sql.raw(nowDependentCounts(`'${now.toISOString()}'::timestamptz`))},
    percentile_cont(0.5) within group (order by extract(epoch from first_at - created_at)::float8 / 3600) as first_median,
    percentile_cont(0.5) within group (order by extract(epoch from final_at - created_at)::float8 / 3600) as final_median`;
}

function sumsOfRow(r: Record<string, unknown>): Omit<UnitSums, 'unit'> {
  return {
    messages: num(r.messages),
    answered: num(r.answered),
    finalAnswered: num(r.final_answered),
    finalOnTime: num(r.final_on_time),
    finalLate: num(r.final_late),
    reviewed: num(r.reviewed),
    acceptedFirst: num(r.accepted_first),
    returned: num(r.returned),
    rated: num(r.rated),
    ratingSum: num(r.rating_sum),
    open: num(r.open),
    overdueOpen: num(r.overdue_open),
    duePassedUnfinished: num(r.due_passed),
    firstMedianHours: r.first_median === null ? null : Number(r.first_median),
    finalMedianHours: r.final_median === null ? null : Number(r.final_median),
  };
}

/** The rating's counts from a unit's sums — one mapping for the rollup and the raw path. */
function countsOfSums(
  u: { key?: unknown; name?: unknown; population?: unknown },
  c: Omit<UnitSums, 'unit'>,
): RatingCounts {
  return {
    key: String(u.key),
    name: String(u.name),
    population: u.population === null || u.population === undefined ? null : num(u.population),
    messages: c.messages,
    answered: c.answered,
    finalAnswered: c.finalAnswered,
    open: c.open,
    overdue: c.finalLate + c.overdueOpen,
    onTime: c.finalOnTime,
    onTimeBase: c.finalAnswered + c.duePassedUnfinished,
    reviewed: c.reviewed,
    acceptedFirstTime: c.acceptedFirst,
    returned: c.returned,
    rated: c.rated,
    satisfaction: c.rated ? c.ratingSum / c.rated : null,
    firstResponseMedianHours: hours(c.firstMedianHours),
    finalAnswerMedianHours: hours(c.finalMedianHours),
  };
}
