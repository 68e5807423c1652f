import { useMemo } from 'react';
import { formatNumber } from '../common/format';
import { navigate } from '../router/router';
import { toSearchParams } from '../api/case-query';
import type { Figure } from './analytics-source';
import { FigureTable } from './figure-table';

const BAR_COLOR = '#1d5fa8';

/**
 * Horizontal bars, largest first, drawn by the page itself (a row per figure: label, bar, number) — no chart library,
 * so the dashboard's first screen paints as soon as its data arrive; a click on a bar opens the inbox filtered to its
 * cases (the table below carries the same figures as links for the keyboard).
 */
export function BarFigure({
  figures,
  title,
  heading,
  total,
  hideZero = true,
}: {
  figures: readonly Figure[];
  title: string;
  /** The table's first column («Блок», «Канал», «Категория»). */
  heading: string;
  /** The whole the figures are a part of (the period's cases), for the table's shares. */
  total?: number;
  hideZero?: boolean;
}) {
  const rows = useMemo(
    () => [...figures].filter((f) => !hideZero || f.count > 0).sort((a, b) => b.count - a.count),
    [figures, hideZero],
  );
  if (rows.length === 0) return <p className="muted">За выбранный период обращений нет.</p>;
  const max = Math.max(1, ...rows.map((r) => r.count));
  const summary = `${title}: ${rows
    .slice(0, 3)
    .map((r) => `${r.label} — ${formatNumber(r.count)}`)
    .join(', ')}${rows.length > 3 ? ' и другие' : ''}`;
  return (
    <>
      <div className="chart bars" role="img" aria-label={summary}>
        {rows.map((r) => {
          const width = Math.max(0.5, (100 * r.count) / max);
          const open = () => navigate('/inbox', toSearchParams(r.query));
          return (
            <div className="bar-row" key={r.key} title={`${r.label}: ${formatNumber(r.count)}`}>
              <span className="bar-label">{r.label}</span>
              <svg className="bar-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                <path d={`M0 0H${width.toFixed(2)}V10H0Z`} fill={BAR_COLOR} onClick={open} />
              </svg>
              <span className="bar-value num">{formatNumber(r.count)}</span>
            </div>
          );
        })}
      </div>
      <FigureTable figures={rows} caption={title} heading={heading} {...(total === undefined ? {} : { total })} />
    </>
  );
}
