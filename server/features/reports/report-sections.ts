import type { AggregateDimension } from '../../../shared/api/analytics';
import type { CountRow, ReportData } from '../../../shared/api/reports';
import type { Ctx } from '../../lib/context';
import { computeVolumes } from '../analytics/aggregates';
import { formatRu } from '../analytics/period';
import { computeRatings, DEFAULT_MIN_VOLUME } from '../analytics/ratings';
import { detectSpikes } from '../analytics/spikes';
import { monthEnd, shiftMonth } from './report-period';

// The report's sections that come from the analytics feature: volumes (the daily rollup), ratings and spikes.

const RATING_ROWS = 5;

/** Volumes of the month beside the previous calendar month (not the previous 30 days), a key seen in either. */
export async function monthVolumes(
  ctx: Ctx,
  month: string,
  by: AggregateDimension,
  limit?: number,
): Promise<CountRow[]> {
  const previous = shiftMonth(month, -1);
  const [cur, prev] = [
    await computeVolumes(ctx, { by, from: `${month}-01`, to: monthEnd(month) }),
    await computeVolumes(ctx, { by, from: `${previous}-01`, to: monthEnd(previous) }),
  ];
  const rows = new Map<string, CountRow>();
  for (const r of cur.items) rows.set(r.key, { key: r.key, label: r.name, count: r.messages, previous: 0 });
  for (const r of prev.items) {
    const row = rows.get(r.key) ?? { key: r.key, label: r.name, count: 0, previous: 0 };
    rows.set(r.key, { ...row, previous: r.messages });
  }
  const sorted = [...rows.values()]
    .filter((r) => r.count || r.previous)
    .sort((a, b) => b.count - a.count || b.previous - a.previous || a.label.localeCompare(b.label, 'ru'));
  return limit ? sorted.slice(0, limit) : sorted;
}

/** Top problems: categories, labelled «блок — категория». */
export async function monthProblems(ctx: Ctx, month: string, limit: number): Promise<CountRow[]> {
  const ref = await ctx.services.reference.get(ctx.db);
  return (await monthVolumes(ctx, month, 'category', limit)).map((r) => {
    const block = ref.blocks.find((b) => b.code === r.key.split('.')[0])?.name;
    return { ...r, label: block && block !== r.label ? `${block} — ${r.label}` : r.label };
  });
}

/** Best and worst ranked organisations of the month (ranks only at the minimum volume and above). */
export async function monthRatings(ctx: Ctx, month: string): Promise<ReportData['ratings']> {
  const items = await computeRatings(ctx, {
    level: 'organisation',
    from: `${month}-01`,
    to: monthEnd(month),
    minVolume: DEFAULT_MIN_VOLUME,
  });
  const ranked = items.filter((i) => i.rank !== null).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  const pick = (i: (typeof items)[number]) => ({
    name: i.name,
    messages: i.messages,
    onTimeShare: i.onTimeShare,
    firstResponseMedianHours: i.firstResponseMedianHours,
    satisfaction: i.satisfaction,
    score: i.score,
    rank: i.rank,
  });
  const best = ranked.slice(0, RATING_ROWS);
  const worst = ranked.slice(Math.max(best.length, ranked.length - RATING_ROWS)).reverse();
  return { best: best.map(pick), worst: worst.map(pick), ranked: ranked.length, minVolume: DEFAULT_MIN_VOLUME };
}

/** Spikes of the month: the analytics' weekly windows ending on the 7th, 14th, 21st, 28th and the last day. */
export async function monthSpikes(ctx: Ctx, month: string): Promise<ReportData['spikes']> {
  const last = monthEnd(month);
  const ends = [7, 14, 21, 28]
    .map((d) => `${month}-${String(d).padStart(2, '0')}`)
    .filter((d) => d < last)
    .concat(last);
  const found = new Map<string, { label: string; count: number; baseline: number }>();
  for (const on of ends) {
    for (const s of (await detectSpikes(ctx, { on, window: 'week' })).items) {
      const key = `${s.block}.${s.category}.${s.municipality}`;
      if ((found.get(key)?.count ?? -1) >= s.count) continue;
      found.set(key, {
        label: `${s.categoryName ?? s.category ?? '—'} — ${s.municipalityName ?? '—'}, ${formatRu(s.from).slice(0, 5)}–${formatRu(s.to)}`,
        count: s.count,
        baseline: Math.round(s.baseline * 10) / 10,
      });
    }
  }
  return [...found.values()].sort((a, b) => b.count - a.count).slice(0, 10);
}
