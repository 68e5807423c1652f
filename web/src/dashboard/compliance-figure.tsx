import { useMemo } from 'react';
import { toSearchParams } from '../api/case-query';
import { formatNumber, formatPercent } from '../common/format';
import { navigate } from '../router/router';
import type { Figure } from './analytics-source';
import { EChart, type ChartOption } from './lazy-echart';
import { FigureTable, inboxHref } from './figure-table';

const COLORS: Record<string, string> = { on_time: '#2e7d32', at_risk: '#b26a00', overdue: '#c62828' };

/** Open cases by their final-answer clock: on time, at risk (under a quarter of the time left), overdue. */
export function ComplianceFigure({ figures }: { figures: readonly Figure[] }) {
  const total = figures.reduce((s, f) => s + f.count, 0);
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (p) => `${(p as { name: string }).name}: ${formatNumber(Number((p as { value: unknown }).value))}`,
      },
      series: [
        {
          type: 'pie',
          radius: ['45%', '75%'],
          cursor: 'pointer',
          label: { show: false },
          data: figures.map((f) => ({ name: f.label, value: f.count, itemStyle: { color: COLORS[f.key] ?? '#555' } })),
        },
      ],
    }),
    [figures],
  );
  if (total === 0) return <p className="muted">Открытых обращений со сроком нет.</p>;
  const onTime = figures.find((f) => f.key === 'on_time')?.count ?? 0;
  const atRisk = figures.find((f) => f.key === 'at_risk')?.count ?? 0;
  return (
    <div className="compliance">
      <p className="kpi-line">
        <span className="kpi-big">{formatPercent((onTime + atRisk) / total)}</span> открытых обращений в пределах срока
      </p>
      <div className="compliance-body">
        <EChart
          option={option}
          height={200}
          label={`Соблюдение сроков: ${figures.map((f) => `${f.label} — ${f.count}`).join(', ')}`}
          onSelect={(i) => {
            const f = figures[i];
            if (f) navigate('/inbox', toSearchParams(f.query));
          }}
        />
        <ul className="legend">
          {figures.map((f) => (
            <li key={f.key}>
              <span className="swatch" style={{ background: COLORS[f.key] }} aria-hidden="true" />
              <a href={inboxHref(f)}>{f.label}</a>: <strong>{formatNumber(f.count)}</strong>
              <span className="muted"> ({formatPercent(f.count / total)})</span>
            </li>
          ))}
        </ul>
      </div>
      <FigureTable figures={figures} caption="Соблюдение сроков" heading="Срок ответа" />
    </div>
  );
}
