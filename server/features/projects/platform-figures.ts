import { sql } from 'kysely';
import type { IndicatorSource } from '../../../shared/api/projects';
import { isoDateOf, dayNumberOf, moscowInstant } from '../../../shared/deadlines/moscow-time';
import type { Db } from '../../db/database';
import { KPI_FORMULA_REGISTRY, type Period } from '../kpi/kpi-formulas';

// A passport indicator computed from the platform's own figures, for one calendar month (Moscow time): the
// indicator formulas of the KPI registry (on-time share, satisfaction, …) or the number of cases of a category in a
// municipality. Rejected and merged cases do not count, as in the KPI formulas.
export function monthPeriod(year: number, month: number): Period {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return { from: moscowInstant(first), to: moscowInstant(next) };
}

/** The last day of a month as ГГГГ-ММ-ДД. */
export function monthEnd(year: number, month: number): string {
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return isoDateOf(dayNumberOf(next) - 1);
}

export async function computeFigure(
  db: Db,
  source: Extract<IndicatorSource, { kind: 'platform' }>,
  period: Period,
): Promise<number | null> {
  if (source.figure !== 'case_volume') return KPI_FORMULA_REGISTRY[source.figure].compute(db, period);
  let q = db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(sql<boolean>`merged_into_id is null and status <> 'rejected'`)
    .where('created_at', '>=', period.from)
    .where('created_at', '<', period.to);
  if (source.categoryCode) q = q.where('category_code', '=', source.categoryCode);
  if (source.municipalityId) q = q.where('municipality_id', '=', source.municipalityId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
