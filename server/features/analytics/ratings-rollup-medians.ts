// Ratings from analytics_unit_days (migration 0008): the period's daily counts summed per unit, the messages still
// without a final answer counted at the moment of asking, and exact medians found through the hour histograms —
// the bucket holding the median rank is read value by value from analytics_message_facts, nothing else is. The
// result is the same as percentile_cont over all the period's messages (the raw path), at a cost that does not
// grow with the number of messages in the period.
import { sql } from 'kysely';
import type { RatingLevel } from '../../../shared/api/analytics';
import type { Db } from '../../db/database';
import type { Period } from './period';
import { FACT, UNIT_SUMS } from '../../db/functions/rating-figures';

export type MedianKind = 'first' | 'final';

export interface UnitSums {
  unit: number;
  messages: number;
  answered: number;
  finalAnswered: number;
  finalOnTime: number;
  finalLate: number;
  reviewed: number;
  acceptedFirst: number;
  returned: number;
  rated: number;
  ratingSum: number;
  open: number;
  overdueOpen: number;
  duePassedUnfinished: number;
  firstMedianHours: number | null;
  finalMedianHours: number | null;
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
export function locateRank(
  histogram: readonly { bucket: number; count: number }[],
  rank: number,
): { bucket: number; before: number } {
  let before = 0;
  for (const { bucket, count } of histogram) {
    if (rank < before + count) return { bucket, before };
    before += count;
  }
  throw new Error(`ранг ${rank} вне гистограммы из ${before} значений`);
}

const UNIT_COLUMN = { organisation: 'organisation_id', municipality: 'municipality_id' } as const;

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The first days of the calendar months lying wholly inside the period (read from analytics_unit_months). */
export function wholeMonths(p: Pick<Period, 'from' | 'to'>): string[] {
  const out: string[] = [];
  let [y, m] = p.from.split('-').map(Number) as [number, number];
  if (!p.from.endsWith('-01')) {
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  for (;;) {
    const first = `${y}-${String(m).padStart(2, '0')}-01`;
    const last = `${y}-${String(m).padStart(2, '0')}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
    if (last > p.to) return out;
    out.push(first);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

export async function unitSums(db: Db, level: RatingLevel, p: Period, now: Date): Promise<UnitSums[]> {
  const months = wholeMonths(p);
  // the period as whole months (a row per month and unit) and the days outside them (a row per day and unit)
  const sumColumns = sql.raw(UNIT_SUMS.map(([c]) => c).join(', '));
  const source = sql`(
      select unit, ${sumColumns}, first_buckets, first_counts, final_buckets, final_counts
      from analytics_unit_months where level = ${level} and month = any(${months}::date[])
      union all
      select unit, ${sumColumns}, first_buckets, first_counts, final_buckets, final_counts
      from analytics_unit_days
      where level = ${level} and day >= ${p.from}::date and day <= ${p.to}::date and date_trunc('month', day)::date <> all(${months}::date[])
    )`;
  const [sums, timely, histograms] = await Promise.all([
    sql<Record<string, unknown>>`
      select unit, ${sql.raw(UNIT_SUMS.map(([c]) => `sum(${c}) as ${c}`).join(', '))}
      from ${source} s group by unit`.execute(db),
    // what depends on the moment of asking: from the day rows whose latest deadline has passed, the rest listed
    sql<{ unit: number; open: unknown; overdue_open: unknown; due_passed: unknown; live: string[] | null }>`
      select unit, sum(open) as open,
             coalesce(sum(open_due) filter (where open_max_due < ${now}), 0) as overdue_open,
             coalesce(sum(unfinished_due) filter (where unfinished_max_due < ${now}), 0) as due_passed,
             array_agg(day::text) filter (where open_max_due >= ${now} or unfinished_max_due >= ${now}) as live
      from analytics_unit_days where level = ${level} and day >= ${p.from}::date and day <= ${p.to}::date group by unit`.execute(
      db,
    ),
    sql<{ unit: number; kind: MedianKind; bucket: number; n: string }>`
      select s.unit, 'first' as kind, h.b as bucket, sum(h.n) as n from ${source} s, unnest(s.first_buckets, s.first_counts) as h(b, n) group by 1, 3
      union all
      select s.unit, 'final', h.b, sum(h.n) from ${source} s, unnest(s.final_buckets, s.final_counts) as h(b, n) group by 1, 3
      order by 1, 2, 3`.execute(db),
  ]);

  const histogramOf = new Map<string, { bucket: number; count: number }[]>();
  for (const r of histograms.rows)
    pushTo(histogramOf, `${r.unit}:${r.kind}`, { bucket: Number(r.bucket), count: Number(r.n) });
  const [medians, live] = await Promise.all([
    exactMedians(db, level, p, histogramOf),
    liveDayCounts(db, level, timely.rows, now),
  ]);
  const n = (v: unknown) => Number(v ?? 0);
  const byUnit = new Map(timely.rows.map((r) => [Number(r.unit), r]));
  return sums.rows.map((r) => {
    const unit = Number(r.unit);
    const t = byUnit.get(unit);
    const l = live.get(unit);
    return {
      unit,
      messages: n(r.messages),
      answered: n(r.answered),
      finalAnswered: n(r.final_answered),
      finalOnTime: n(r.final_on_time),
      finalLate: n(r.final_late),
      reviewed: n(r.reviewed),
      acceptedFirst: n(r.accepted_first),
      returned: n(r.returned),
      rated: n(r.rated),
      ratingSum: n(r.rating_sum),
      open: n(t?.open),
      overdueOpen: n(t?.overdue_open) + (l?.overdueOpen ?? 0),
      duePassedUnfinished: n(t?.due_passed) + (l?.duePassed ?? 0),
      firstMedianHours: medians.get(`${unit}:first`) ?? null,
      finalMedianHours: medians.get(`${unit}:final`) ?? null,
    };
  });
}

/** Overdue-now counts of the unit days whose deadlines are still partly ahead, from their messages without a final answer. */
async function liveDayCounts(
  db: Db,
  level: RatingLevel,
  rows: readonly { unit: number; live: string[] | null }[],
  now: Date,
) {
  const pairs = rows.flatMap((r) => (r.live ?? []).map((day) => ({ unit: Number(r.unit), day })));
  const out = new Map<number, { overdueOpen: number; duePassed: number }>();
  if (!pairs.length) return out;
  const unitCol = sql.raw(`f.${UNIT_COLUMN[level]}`);
  const res = await sql<{ unit: number; overdue_open: unknown; due_passed: unknown }>`
    select w.unit, count(*) filter (where ${sql.raw(FACT.open)} and due < ${now}) as overdue_open,
           count(*) filter (where due < ${now}) as due_passed
    from unnest(${pairs.map((x) => x.unit)}::int[], ${pairs.map((x) => x.day)}::date[]) as w(unit, day)
    join analytics_message_facts f on f.final_at is null and ${unitCol} = w.unit
      and f.created_at >= w.day::timestamp at time zone 'Europe/Moscow' and f.created_at < (w.day + 1)::timestamp at time zone 'Europe/Moscow'
    group by 1`.execute(db);
  for (const r of res.rows)
    out.set(Number(r.unit), { overdueOpen: Number(r.overdue_open), duePassed: Number(r.due_passed) });
  return out;
}

/** For every unit and kind: the buckets holding the median ranks, their exact values, the interpolated median. */
async function exactMedians(
  db: Db,
  level: RatingLevel,
  p: Period,
  histogramOf: Map<string, { bucket: number; count: number }[]>,
): Promise<Map<string, number>> {
  const wanted: {
    key: string;
    unit: number;
    kind: MedianKind;
    n: number;
    ranks: { bucket: number; offset: number }[];
  }[] = [];
  for (const [key, histogram] of histogramOf) {
    const [unit, kind] = key.split(':') as [string, MedianKind];
    const total = histogram.reduce((s, h) => s + h.count, 0);
    if (!total) continue;
    const ranks = medianRanks(total).map((rank) => {
      const at = locateRank(histogram, rank);
      return { bucket: at.bucket, offset: rank - at.before };
    });
    wanted.push({ key, unit: Number(unit), kind, n: total, ranks });
  }
  const out = new Map<string, number>();
  const values = new Map<string, number[]>();
  // both kinds at once (two connections on a server); each reads only the median buckets of each unit
  await Promise.all(
    (['first', 'final'] as const).map(async (kind) => {
      const pairs = new Map<string, { unit: number; bucket: number }>();
      for (const w of wanted.filter((x) => x.kind === kind))
        for (const r of w.ranks) pairs.set(`${w.unit}:${r.bucket}`, { unit: w.unit, bucket: r.bucket });
      if (!pairs.size) return;
      const list = [...pairs.values()];
      const unitCol = sql.raw(`f.${UNIT_COLUMN[level]}`);
      const bucketCol = sql.raw(`f.${kind}_bucket`);
      const hoursCol = sql.raw(`f.${kind}_hours`);
      const rows = await sql<{ unit: number; bucket: number; hours: number }>`
      select w.unit, w.bucket, ${hoursCol} as hours
      from unnest(${list.map((x) => x.unit)}::int[], ${list.map((x) => x.bucket)}::smallint[]) as w(unit, bucket)
      join analytics_message_facts f on ${unitCol} = w.unit and ${bucketCol} = w.bucket
                                     and f.created_at >= ${p.start} and f.created_at < ${p.end}`.execute(db);
      for (const r of rows.rows) pushTo(values, `${r.unit}:${kind}:${r.bucket}`, Number(r.hours));
    }),
  );
  for (const list of values.values()) list.sort((a, b) => a - b);
  for (const w of wanted) {
    const [lo, hi] = w.ranks.map((r) => {
      const v = values.get(`${w.unit}:${w.kind}:${r.bucket}`)?.[r.offset];
      if (v === undefined)
        throw new Error(`аналитика: в корзине ${r.bucket} нет значения №${r.offset} (${w.key}); пересчитайте сводки`);
      return v;
    }) as [number, number];
    out.set(w.key, interpolateMedian(w.n, lo, hi));
  }
  return out;
}
