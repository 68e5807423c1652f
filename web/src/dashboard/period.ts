import { isoToRuDate, moscowIsoDate } from '../common/format';
import type { CaseFacet } from '../../../shared/api/cases';
import type { CaseQuery } from '../api/case-params';
import type { Period } from './analytics-source';

export const PERIODS = [
  { value: '7', label: 'Последние 7 дней' },
  { value: '30', label: 'Последние 30 дней' },
  { value: '90', label: 'Последние 90 дней' },
  { value: '365', label: 'Последний год' },
  { value: 'all', label: 'За всё время' },
  { value: 'custom', label: 'Свой период' },
] as const;
export type PeriodChoice = (typeof PERIODS)[number]['value'];

/** What the dashboard counts, in one GET /api/cases/facets per period (see analytics-source.ts). */
export const DASHBOARD_FACETS: readonly CaseFacet[] = ['block', 'category', 'municipality', 'channel', 'deadline'];

export const periodQuery = (p: Period): CaseQuery => ({
  ...(p.from ? { from: p.from } : {}),
  ...(p.to ? { to: p.to } : {}),
});

const ISO = /^\d{4}-\d\d-\d\d$/;

export function readPeriod(params: URLSearchParams, now: Date): { choice: PeriodChoice; period: Period } {
  const from = params.get('from');
  const to = params.get('to');
  if ((from && ISO.test(from)) || (to && ISO.test(to))) {
    return {
      choice: 'custom',
      period: { from: from && ISO.test(from) ? from : undefined, to: to && ISO.test(to) ? to : undefined },
    };
  }
  const raw = params.get('period') ?? '30';
  const choice = PERIODS.find((p) => p.value === raw)?.value ?? '30';
  if (choice === 'all' || choice === 'custom') return { choice, period: {} };
  return { choice, period: { from: moscowIsoDate(now, -(Number(choice) - 1)), to: moscowIsoDate(now) } };
}

export function describePeriod(period: Period): string {
  if (period.from && period.to) return `с ${isoToRuDate(period.from)} по ${isoToRuDate(period.to)}`;
  if (period.from) return `с ${isoToRuDate(period.from)}`;
  if (period.to) return `по ${isoToRuDate(period.to)}`;
  return 'за всё время';
}
