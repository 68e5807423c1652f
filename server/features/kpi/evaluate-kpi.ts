import type { Kpi, KpiFormula, KpiPoint } from '../../../shared/api/kpi';
import { dayNumberOf, isoDateOf, moscowInstant } from '../../../shared/deadlines/moscow-time';
import type { Db } from '../../db/database';
import { KPI_FORMULA_REGISTRY } from './kpi-formulas';
import { kpiStatus } from './kpi-status';
import { manualValues, type KpiRow } from './kpi.repository';

/** A computed indicator's value on a date covers the year to date: from 1 January through that date (Moscow). */
export function yearToDate(on: string): { from: Date; to: Date } {
  return { from: moscowInstant(`${on.slice(0, 4)}-01-01`), to: moscowInstant(isoDateOf(dayNumberOf(on) + 1)) };
}

export interface Evaluation {
  value: number | null;
  target: number | null;
  status: Kpi['status'];
  statusReason: string;
}

export async function valueOn(db: Db, kpi: KpiRow, on: string): Promise<KpiPoint | null> {
  if (kpi.formula) {
    const value = await KPI_FORMULA_REGISTRY[kpi.formula as KpiFormula].compute(db, yearToDate(on));
    return { onDate: on, value, source: 'computed', author: null, comment: null, enteredAt: null };
  }
  const latest = (await manualValues(db, kpi.id, on))[0];
  return latest ? manualPoint(latest) : null;
}

export async function evaluateKpi(db: Db, kpi: KpiRow, on: string): Promise<Evaluation> {
  const point = await valueOn(db, kpi, on);
  const target = kpi.targets.find((t) => t.year === Number(on.slice(0, 4)))?.target ?? null;
  const value = point?.value ?? null;
  const { status, reason } = kpiStatus({
    value,
    target,
    direction: kpi.direction === 'down' ? 'down' : 'up',
    deadline: kpi.deadline,
    on,
  });
  return { value: value === null ? null : Math.round(value * 10) / 10, target, status, statusReason: reason };
}

/** History: hand-entered values with date and author, or a computed value at the end of each month of the year. */
export async function kpiHistory(db: Db, kpi: KpiRow, on: string): Promise<KpiPoint[]> {
  if (!kpi.formula) return (await manualValues(db, kpi.id)).map(manualPoint);
  const points: KpiPoint[] = [];
  const year = Number(on.slice(0, 4));
  for (let month = 1; month <= 12; month++) {
    const monthEnd = isoDateOf(
      dayNumberOf(`${month === 12 ? year + 1 : year}-${String(month === 12 ? 1 : month + 1).padStart(2, '0')}-01`) - 1,
    );
    const date = monthEnd < on ? monthEnd : on;
    const point = await valueOn(db, kpi, date);
    if (point) points.push(point);
    if (date === on) break;
  }
  return points.reverse();
}

function manualPoint(v: {
  on_date: string;
  value: number;
  comment: string | null;
  author_label: string;
  created_at: Date;
}): KpiPoint {
  return {
    onDate: v.on_date,
    value: v.value,
    source: 'manual',
    author: v.author_label,
    comment: v.comment,
    enteredAt: v.created_at.toISOString(),
  };
}
