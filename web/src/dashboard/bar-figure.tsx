import { useMemo } from 'react';
import { formatNumber } from '../common/format';
import { navigate } from '../router/router';
import { toSearchParams } from '../api/case-query';
import type { Figure } from './analytics-source';
import { EChart, type ChartOption } from './echart';
import { FigureTable } from './figure-table';

const BAR_COLOR = '#1d5fa8';
const TEXT = '#2b3340';

/** Horizontal bars, largest first; a click on a bar opens the inbox filtered to its cases. */
export function BarFigure({ figures, title, hideZero = true }: { figures: readonly Figure[]; title: string; hideZero?: boolean }) {
  const rows = useMemo(() => [...figures].filter((f) => !hideZero || f.count > 0).sort((a, b) => b.count - a.count), [figures, hideZero]);
  const option = useMemo<ChartOption>(() => ({
    animation: false,
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item', formatter: (p) => `${(p as { name: string }).name}: ${formatNumber(Number((p as { value: unknown }).value))}` },
    xAxis: { type: 'value', axisLabel: { color: TEXT }, minInterval: 1 },
    yAxis: {
      type: 'category', inverse: true, data: rows.map((r) => r.label),
      axisLabel: { color: TEXT, width: 300, overflow: 'truncate' },
    },
    series: [{
      type: 'bar', data: rows.map((r) => r.count), itemStyle: { color: BAR_COLOR }, cursor: 'pointer',
      label: { show: true, position: 'right', color: TEXT, formatter: (p) => formatNumber(Number(p.value)) },
    }],
  }), [rows]);
  if (rows.length === 0) return <p className="muted">За выбранный период обращений нет.</p>;
  const summary = `${title}: ${rows.slice(0, 3).map((r) => `${r.label} — ${formatNumber(r.count)}`).join(', ')}${rows.length > 3 ? ' и другие' : ''}`;
  return (
    <>
      <EChart option={option} label={summary} height={Math.max(160, rows.length * 30 + 24)}
        onSelect={(i) => { const f = rows[i]; if (f) navigate('/inbox', toSearchParams(f.query)); }} />
      <FigureTable figures={rows} caption={title} />
    </>
  );
}
