import { KPI_STATUS_LABELS, type KpiStatus } from '../../../shared/api/kpi';
import { formatDecimal } from '../common/format';

export const STATUS_CLASS: Record<KpiStatus, string> = {
  on_track: 'badge deadline-on_time',
  at_risk: 'badge deadline-at_risk',
  missed: 'badge deadline-missed',
  no_data: 'badge',
};

export function statusLabel(status: KpiStatus): string {
  return KPI_STATUS_LABELS[status];
}

/** 53.8 '%' → '53,8 %'; null → '—'. */
export function formatValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  return `${formatDecimal(value)}${unit ? ` ${unit}` : ''}`;
}

/** «95,5», «1 200», «18» → a number; null when it is not one. */
export function parseDecimal(text: string): number | null {
  if (!text.trim()) return null;
  const n = Number(text.replace(',', '.').replace(/\s/g, ''));
  return Number.isFinite(n) ? n : null;
}
