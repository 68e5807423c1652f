// The frame of the analytics pages: tabs between them and a period of Moscow dates kept in the address.
import { RuDateInput } from '../common/ru-date-input';
import type { ReactNode } from 'react';
import { isoToRuDate, moscowIsoDate } from '../common/format';
import { href, navigate, useLocation } from '../router/router';
import type { DateRange } from './analytics-api';
import { lastFullMonth } from './default-period';

export const ANALYTICS_TABS = [
  { path: '/analytics/ratings', label: 'Рейтинги' },
  { path: '/analytics/spikes', label: 'Всплески' },
  { path: '/analytics/problems', label: 'Проблемные категории' },
  { path: '/analytics/workload', label: 'Нагрузка' },
] as const;

const ISO = /^\d{4}-\d\d-\d\d$/;

/** The period in the address (?from&to), by default the last full month. */
export function useRange(): {
  range: DateRange;
  params: URLSearchParams;
  set: (patch: Record<string, string>) => void;
} {
  const { path, search } = useLocation();
  const params = new URLSearchParams(search);
  const fallback = lastFullMonth(moscowIsoDate(new Date()));
  const from = params.get('from');
  const to = params.get('to');
  const range = { from: from && ISO.test(from) ? from : fallback.from, to: to && ISO.test(to) ? to : fallback.to };
  const set = (patch: Record<string, string>) =>
    navigate(path, { ...Object.fromEntries(params), ...range, ...patch }, { replace: true });
  return { range, params, set };
}

/** DD.MM.YYYY — DD.MM.YYYY. */
export const rangeText = (r: DateRange) => `${isoToRuDate(r.from)} — ${isoToRuDate(r.to)}`;

export function AnalyticsShell({ title, children, tools }: { title: string; children: ReactNode; tools?: ReactNode }) {
  const { path } = useLocation();
  const { range, set } = useRange();
  return (
    <section className="page page-wide" aria-labelledby="an-title">
      <div className="page-head">
        <h1 id="an-title">{title}</h1>
        <p className="muted">{rangeText(range)} · даты по московскому времени, включительно</p>
      </div>
      <nav aria-label="Разделы аналитики" className="tabs">
        {ANALYTICS_TABS.map((t) => (
          <a
            key={t.path}
            href={href(t.path, { from: range.from, to: range.to })}
            aria-current={t.path === path ? 'page' : undefined}
            className="btn btn-ghost"
          >
            {t.label}
          </a>
        ))}
      </nav>
      <form className="filters filters-compact" aria-label="Период" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <RuDateInput id="an-from" label="С" value={range.from} onCommit={(d) => d && set({ from: d })} />
        </div>
        <div className="field">
          <RuDateInput id="an-to" label="По" value={range.to} onCommit={(d) => d && set({ to: d })} />
        </div>
        {tools}
      </form>
      {children}
    </section>
  );
}
