// Counts from the per-day rollup (table case_counts, migration 0040; by month too, 0044) instead of a scan of the
// cases, for the questions the first screens ask at every opening: the inbox without filters and the dashboard for a
// period, by a user who sees every organisation. Any other filter or an organisation scope is answered by the scan
// (case-facets.ts). The deadline state depends on the moment of asking, so only the cases whose final-answer deadline
// is still ahead are counted from the cases (the partial index on final_answer_due_at); the overdue ones are the rest
// of the cases awaiting a final answer, whose number is rolled up.
import { sql } from 'kysely';
import type { CaseFacet, CaseFacetsQuery, CaseListQuery } from '../../../shared/api/cases';
import type { Db } from '../../db/database';
import type { Services } from '../../lib/context';
import { startSingletonPoller } from '../../lib/node-lease';
import { deadlineAheadExpr } from './deadline-state-sql';

export interface RollupPeriod {
  from?: string | undefined;
  to?: string | undefined;
}

/** How often one app node folds the counters' new rows into one per day and value. */
export const CASE_COUNTS_COMPACT_INTERVAL_MS = 10_000;

// the period, and what only shapes the answer (the facets asked for, the page, its order, the reason for reading)
const PERIOD_KEYS = new Set(['from', 'to', 'facets', 'sort', 'page', 'pageSize', 'purpose']);

/** The period, when the rollup answers these filters for this scope exactly; null when the cases must be scanned. */
export function rollupPeriod(q: Partial<CaseFacetsQuery | CaseListQuery>, scope: number | null): RollupPeriod | null {
  if (scope !== null) return null;
  for (const [name, value] of Object.entries(q)) {
    if (PERIOD_KEYS.has(name) || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    if (name === 'q' && typeof value === 'string' && !value.trim()) continue;
    return null;
  }
  return { from: q.from, to: q.to };
}

const DAY_MS = 86_400_000;
const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
const shifted = (day: string, days: number): Date => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
const monthOf = (d: Date): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
const monthAfter = (d: Date): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));

/**
 * The whole months of the period as [first, end) (first days of months; undefined: unbounded), or null when it holds
 * no whole month: the first month starting on or after `from`, up to the month of the day after `to`. All time is
 * whole months only; 30 days ending today are none.
 */
export function wholeMonths(period: RollupPeriod): { first?: string; end?: string } | null {
  const first = period.from ? isoDay(monthAfter(shifted(period.from, -1))) : undefined;
  const end = period.to ? isoDay(monthOf(shifted(period.to, 1))) : undefined;
  return first !== undefined && end !== undefined && first >= end ? null : { first, end };
}

const dayRange = (from: string | undefined, toInclusive: string | undefined, toExclusive?: string) =>
  sql`${from ? sql`and day >= ${from}::date` : sql``} ${toInclusive ? sql`and day <= ${toInclusive}::date` : sql``}
    ${toExclusive ? sql`and day < ${toExclusive}::date` : sql``}`;

/** Per facet (and 'total', 'awaiting'), per value, the number of cases of the period: the whole months from their
 * monthly sums (with the days' rows not folded yet), the days of the months the period cuts from the days' rows. */
async function rolledUp(
  db: Db,
  period: RollupPeriod,
  facets: readonly string[],
): Promise<Map<string, Map<string, number>>> {
  const names = sql.join(facets);
  const months = wholeMonths(period);
  const parts = months
    ? [
        sql`select facet, key, n from case_counts_monthly where facet in (${names})
          ${months.first ? sql`and month >= ${months.first}::date` : sql``}
          ${months.end ? sql`and month < ${months.end}::date` : sql``}`,
        sql`select facet, key, n from case_counts where not compacted and facet in (${names})
          ${dayRange(months.first, undefined, months.end)}`,
        ...(months.first && period.from
          ? [
              sql`select facet, key, n from case_counts where facet in (${names}) ${dayRange(period.from, undefined, months.first)}`,
            ]
          : []),
        ...(months.end && period.to
          ? [sql`select facet, key, n from case_counts where facet in (${names}) ${dayRange(months.end, period.to)}`]
          : []),
      ]
    : [sql`select facet, key, n from case_counts where facet in (${names}) ${dayRange(period.from, period.to)}`];
  const rows = await sql<{ facet: string; key: string; n: string }>`
    select facet, key, sum(n) as n from (${sql.join(parts, sql` union all `)}) counted
    group by facet, key`.execute(db);
  const out = new Map<string, Map<string, number>>();
  for (const row of rows.rows) {
    const n = Number(row.n);
    if (n === 0) continue;
    const byKey = out.get(row.facet) ?? new Map<string, number>();
    byKey.set(row.key, n);
    out.set(row.facet, byKey);
  }
  return out;
}

/** The deadline states of the cases awaiting a final answer whose deadline has not passed yet. */
async function deadlineAhead(db: Db, period: RollupPeriod, now: Date): Promise<Map<string, number>> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const msk = sql.raw(`'Europe/Moscow'`);
  const rows = await sql<{ k: string; n: string }>`
    select ${deadlineAheadExpr(now)} as k, count(*) as n
    from cases
    where final_answer_at is null and final_answer_due_at >= ${at} and status not in ('closed', 'rejected')
      and merged_into_id is null
      ${period.from ? sql`and created_at >= (${period.from}::date)::timestamp at time zone ${msk}` : sql``}
      ${period.to ? sql`and created_at < (${period.to}::date + 1)::timestamp at time zone ${msk}` : sql``}
    group by 1`.execute(db);
  return new Map(rows.rows.map((r) => [r.k, Number(r.n)]));
}

/** The total and the counts per value of each facet, as the scan would give them (keys as the database has them). */
export async function countFromRollup(
  db: Db,
  period: RollupPeriod,
  facets: readonly CaseFacet[],
  now: Date,
): Promise<{ total: number; out: Map<CaseFacet, { key: string; count: number }[]> }> {
  const wantsDeadline = facets.includes('deadline');
  const names = [...facets.filter((f) => f !== 'deadline'), 'total', ...(wantsDeadline ? ['awaiting'] : [])];
  const [counts, ahead] = await Promise.all([
    rolledUp(db, period, names),
    wantsDeadline ? deadlineAhead(db, period, now) : Promise.resolve(new Map<string, number>()),
  ]);
  const out = new Map<CaseFacet, { key: string; count: number }[]>();
  for (const facet of facets) {
    if (facet !== 'deadline') {
      out.set(
        facet,
        [...(counts.get(facet) ?? new Map<string, number>())].map(([key, count]) => ({ key, count })),
      );
      continue;
    }
    const awaiting = counts.get('awaiting')?.get('true') ?? 0;
    const atRisk = ahead.get('at_risk') ?? 0;
    const onTime = ahead.get('on_time') ?? 0;
    const states = { overdue: awaiting - atRisk - onTime, at_risk: atRisk, on_time: onTime };
    out.set(
      facet,
      Object.entries(states)
        .filter(([, count]) => count > 0)
        .map(([key, count]) => ({ key, count })),
    );
  }
  return { total: counts.get('total')?.get('') ?? 0, out };
}

/** The number of cases of the period (not merged into another). */
export async function rolledUpTotal(db: Db, period: RollupPeriod): Promise<number> {
  return (await rolledUp(db, period, ['total'])).get('total')?.get('') ?? 0;
}

/** Folds the rows the triggers wrote into one per day, facet and value (the sums stay the same), adding them to
 * their months. */
export async function compactCaseCounts(db: Db): Promise<void> {
  await sql`select case_counts_compact()`.execute(db);
}

/** The background pass on one app node at a time; returns a stop function. */
export function startCaseCountsCompactor(
  services: Services,
  intervalMs = CASE_COUNTS_COMPACT_INTERVAL_MS,
): () => Promise<void> {
  return startSingletonPoller(services.database.db, services.clock, {
    name: 'cases:counts-compactor',
    intervalMs,
    run: () => compactCaseCounts(services.database.db),
    onError: (e) => services.log.error({ err: String(e) }, 'case counts compaction failed'),
  });
}
