// Ratings from analytics_unit_days (migration 0008): the period's daily counts summed per unit, the messages still
// without a final answer counted at the moment of asking, and exact medians found through the hour histograms —
// the bucket holding the median rank is read value by value from analytics_message_facts, nothing else is. The
// result is the same as percentile_cont over all the period's messages (the raw path), at a cost that does not
// grow with the number of messages in the period.
import { sql } from 'kysely';
import type { RatingLevel } from '../../../shared/api/analytics';
import type { Db } from '../../db/database';
import type { Period } from './period';

export type MedianKind = 'first' | 'final';

export interface UnitSums {
  unit: number; messages: number; answered: number; finalAnswered: number; finalOnTime: number; finalLate: number;
  reviewed: number; acceptedFirst: number; returned: number; rated: number; ratingSum: number;
  open: number; overdueOpen: number; duePassedUnfinished: number;
  firstMedianHours: number | null; finalMedianHours: number | null;
}

/** The 0-based ranks percentile_cont(0.5) interpolates between: one rank for an odd count, two for an even one. */
export function medianRanks(n: number): [number, number] {
  const pos = (n - 1) / 2;
  return [Math.floor(pos), Math.ceil(pos)];
}

/** percentile_cont(0.5) from the values at the two median ranks (the same arithmetic as PostgreSQL). */
export function interpolateMedian(n: number, lo: number, hi: number): number {
  const pos = (n - 1) / 2;
  return lo + (hi - lo) * (pos - Math.floor(pos));
}

/** Where a rank falls in a histogram sorted by bucket: the bucket and how many values lie in the buckets before it. */
export function locateRank(histogram: readonly { bucket: number; count: number }[], rank: number): { bucket: number; before: number } {
  let before = 0;
  for (const { bucket, count } of histogram) {
    if (rank < before + count) return { bucket, before };
    before += count;
  }
  throw new Error(`ранг ${rank} вне гистограммы из ${before} значений`);
}

const UNIT_COLUMN = { organisation: 'organisation_id', municipality: 'municipality_id' } as const;

export async function unitSums(db: Db, level: RatingLevel, p: Period, now: Date): Promise<UnitSums[]> {
  const unitCol = sql.raw(UNIT_COLUMN[level]);
  const [sums, unfinished, histograms] = await Promise.all([
    sql<Record<string, unknown>>`
      select unit, sum(messages) as messages, sum(answered) as answered, sum(final_answered) as final_answered,
             sum(final_on_time) as final_on_time, sum(final_late) as final_late, sum(reviewed) as reviewed,
             sum(accepted_first) as accepted_first, sum(returned) as returned, sum(rated) as rated, sum(rating_sum) as rating_sum
      from analytics_unit_days where level = ${level} and day >= ${p.from}::date and day <= ${p.to}::date group by unit`.execute(db),
    sql<Record<string, unknown>>`
      select ${unitCol} as unit,
             count(*) filter (where status not in ('closed', 'rejected')) as open,
             count(*) filter (where status not in ('closed', 'rejected') and due < ${now}) as overdue_open,
             count(*) filter (where due < ${now}) as due_passed
      from analytics_message_facts
      where final_at is null and created_at >= ${p.start} and created_at < ${p.end} and ${unitCol} is not null group by 1`.execute(db),
    sql<{ unit: number; kind: MedianKind; bucket: number; n: string }>`
      select d.unit, h.kind, h.bucket, sum(h.n) as n
      from analytics_unit_days d
      cross join lateral (
        select 'first' as kind, b as bucket, n from unnest(d.first_buckets, d.first_counts) as f(b, n)
        union all
        select 'final', b, n from unnest(d.final_buckets, d.final_counts) as g(b, n)
      ) h
      where d.level = ${level} and d.day >= ${p.from}::date and d.day <= ${p.to}::date
      group by 1, 2, 3 order by 1, 2, 3`.execute(db),
  ]);

  const histogramOf = new Map<string, { bucket: number; count: number }[]>();
  for (const r of histograms.rows) {
    const key = `${r.unit}:${r.kind}`;
    const list = histogramOf.get(key) ?? [];
    list.push({ bucket: Number(r.bucket), count: Number(r.n) });
    histogramOf.set(key, list);
  }
  const medians = await exactMedians(db, level, p, histogramOf);
  const open = new Map(unfinished.rows.map((r) => [Number(r.unit), r]));
  const n = (v: unknown) => Number(v ?? 0);
  return sums.rows.map((r) => {
    const unit = Number(r.unit);
    const u = open.get(unit);
    return {
      unit, messages: n(r.messages), answered: n(r.answered), finalAnswered: n(r.final_answered), finalOnTime: n(r.final_on_time),
      finalLate: n(r.final_late), reviewed: n(r.reviewed), acceptedFirst: n(r.accepted_first), returned: n(r.returned),
      rated: n(r.rated), ratingSum: n(r.rating_sum), open: n(u?.open), overdueOpen: n(u?.overdue_open), duePassedUnfinished: n(u?.due_passed),
      firstMedianHours: medians.get(`${unit}:first`) ?? null, finalMedianHours: medians.get(`${unit}:final`) ?? null,
    };
  });
}

/** For every unit and kind: the buckets holding the median ranks, their exact values, the interpolated median. */
async function exactMedians(db: Db, level: RatingLevel, p: Period, histogramOf: Map<string, { bucket: number; count: number }[]>): Promise<Map<string, number>> {
  const wanted: { key: string; unit: number; kind: MedianKind; n: number; ranks: { bucket: number; offset: number }[] }[] = [];
  for (const [key, histogram] of histogramOf) {
    const [unit, kind] = key.split(':') as [string, MedianKind];
    const total = histogram.reduce((s, h) => s + h.count, 0);
    if (!total) continue;
    const ranks = medianRanks(total).map((rank) => { const at = locateRank(histogram, rank); return { bucket: at.bucket, offset: rank - at.before }; });
    wanted.push({ key, unit: Number(unit), kind, n: total, ranks });
  }
  const out = new Map<string, number>();
  const values = new Map<string, number[]>();
  for (const kind of ['first', 'final'] as const) {
    const pairs = new Map<string, { unit: number; bucket: number }>();
    for (const w of wanted.filter((x) => x.kind === kind)) for (const r of w.ranks) pairs.set(`${w.unit}:${r.bucket}`, { unit: w.unit, bucket: r.bucket });
    if (!pairs.size) continue;
    const list = [...pairs.values()];
    const unitCol = sql.raw(`f.${UNIT_COLUMN[level]}`);
    const bucketCol = sql.raw(`f.${kind}_bucket`);
    const hoursCol = sql.raw(`f.${kind}_hours`);
    const rows = await sql<{ unit: number; bucket: number; hours: number }>`
      select w.unit, w.bucket, ${hoursCol} as hours
      from unnest(${list.map((x) => x.unit)}::int[], ${list.map((x) => x.bucket)}::smallint[]) as w(unit, bucket)
      join analytics_message_facts f on ${unitCol} = w.unit and ${bucketCol} = w.bucket
                                     and f.created_at >= ${p.start} and f.created_at < ${p.end}`.execute(db);
    for (const r of rows.rows) {
      const key = `${r.unit}:${kind}:${r.bucket}`;
      const list2 = values.get(key) ?? [];
      list2.push(Number(r.hours));
      values.set(key, list2);
    }
  }
  for (const list of values.values()) list.sort((a, b) => a - b);
  for (const w of wanted) {
    const [lo, hi] = w.ranks.map((r) => {
      const v = values.get(`${w.unit}:${w.kind}:${r.bucket}`)?.[r.offset];
      if (v === undefined) throw new Error(`аналитика: в корзине ${r.bucket} нет значения №${r.offset} (${w.key}); пересчитайте сводки`);
      return v;
    }) as [number, number];
    out.set(w.key, interpolateMedian(w.n, lo, hi));
  }
  return out;
}
