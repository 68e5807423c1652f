import type { KpiStatus } from '../../../shared/api/kpi';

/** Shortfall from the target (as a share of it) that still counts as «под угрозой» rather than «не достигнут». */
export const AT_RISK_TOLERANCE = 0.2;

export const KPI_STATUS_RULE =
  'Значение сравнивается с целью на год даты: цель достигнута — «В графике»; ' +
  `срок показателя прошёл, а цель не достигнута, или отставание больше ${AT_RISK_TOLERANCE * 100} % цели — «Не достигнут»; ` +
  'меньшее отставание до срока — «Под угрозой»; нет значения или цели на год — «Нет данных». ' +
  'Для показателей «чем меньше, тем лучше» (например, часы до ответа) отставание — превышение цели.';

export interface StatusInput {
  value: number | null;
  target: number | null;
  direction: 'up' | 'down';
  /** YYYY-MM-DD */
  deadline: string;
  /** YYYY-MM-DD: the date the status is asked for. */
  on: string;
}

/** Status of an indicator on a date (pure; see KPI_STATUS_RULE). */
export function kpiStatus(input: StatusInput): { status: KpiStatus; reason: string } {
  const { value, target, direction, deadline, on } = input;
  if (target === null) return { status: 'no_data', reason: 'Не задана цель на этот год' };
  if (value === null) return { status: 'no_data', reason: 'Нет значения на дату' };
  const met = direction === 'up' ? value >= target : value <= target;
  if (met) return { status: 'on_track', reason: 'Цель достигнута' };
  const gap = direction === 'up' ? target - value : value - target;
  const shortfall = target === 0 ? Number.POSITIVE_INFINITY : gap / Math.abs(target);
  if (on > deadline) return { status: 'missed', reason: 'Срок прошёл, цель не достигнута' };
  if (shortfall > AT_RISK_TOLERANCE)
    return { status: 'missed', reason: `Отставание от цели больше ${AT_RISK_TOLERANCE * 100} %` };
  return { status: 'at_risk', reason: `Отставание от цели до ${AT_RISK_TOLERANCE * 100} %` };
}
