// Counts per filter value for the inbox and the dashboard («ЖКХ (1 204)»): each facet is counted with every
// other filter applied but not its own, so an option shows how many cases choosing it would list. Facets whose
// own filter is not set share one scan (GROUP BY GROUPING SETS); a facet with its own filter set gets its own query.
import { sql, type RawBuilder } from 'kysely';
import {
  CASE_FACETS,
  type CaseFacet,
  type CaseFacets,
  type CaseFacetsQuery,
  type CaseListQuery,
} from '../../../shared/api/cases';
import type { Db } from '../../db/database';
import type { ReferenceSnapshot } from '../reference/reference.repository';
import { applyCaseFilters, type CaseSearchOptions } from './cases.repository';
import { countFromRollup, rollupPeriod } from './case-counts';
import { deadlineExpr } from './deadline-state-sql';

function facetExpr(facet: CaseFacet, now: Date): RawBuilder<unknown> {
  switch (facet) {
    case 'block':
      return sql`cases.block_code`;
    case 'category':
      return sql`cases.block_code || '.' || cases.category_code`;
    case 'municipality':
      return sql`cases.municipality_id`;
    case 'organisation':
      return sql`cases.organisation_id`;
    case 'channel':
      return sql`cases.channel`;
    case 'status':
      return sql`cases.status`;
    case 'priority':
      return sql`cases.priority`;
    case 'deadline':
      return deadlineExpr(now);
    case 'citizenReplied':
      return sql`case when cases.citizen_replied_at is not null then 'true' end`;
  }
}

/** The filters of the facet itself, dropped when that facet is counted. */
function withoutOwnFilter(q: CaseFacetsQuery, facet: CaseFacet): Partial<CaseListQuery> {
  const { facets: _facets, ...filters } = q;
  const copy: Partial<CaseListQuery> = { ...filters };
  if (facet === 'deadline') {
    delete copy.deadline;
    delete copy.overdue;
  } else delete copy[facet];
  return copy;
}

function ownFilterSet(q: CaseFacetsQuery, facet: CaseFacet): boolean {
  if (facet === 'deadline') return q.deadline !== undefined || q.overdue !== undefined;
  if (facet === 'citizenReplied') return q.citizenReplied !== undefined;
  const v = q[facet];
  return Array.isArray(v) && v.length > 0;
}

type Row = { g: number; n: string } & Record<string, unknown>;

async function groupCounts(
  db: Db,
  filters: Partial<CaseListQuery>,
  facets: readonly CaseFacet[],
  now: Date,
  scope: number | null,
  options: CaseSearchOptions,
) {
  const exprs = facets.map((f) => facetExpr(f, now));
  const sets = sql.join([...exprs.map((e) => sql`(${e})`), sql`()`]);
  const grouping = exprs.length ? sql<number>`grouping(${sql.join(exprs)})` : sql<number>`0`;
  const rows = (await applyCaseFilters(db.selectFrom('cases'), filters, now, scope, options)
    .select([grouping.as('g'), sql<string>`count(*)`.as('n'), ...exprs.map((e, i) => e.as(`k${i}`))])
    .groupBy(sql`grouping sets (${sets})`)
    .execute()) as Row[];
  const all = (1 << facets.length) - 1;
  const out = new Map<CaseFacet, { key: unknown; count: number }[]>(facets.map((f) => [f, []]));
  let total = 0;
  for (const row of rows) {
    const g = Number(row.g);
    if (g === all) {
      total = Number(row.n);
      continue;
    }
    // grouping(): bit set = column not grouped; the first expression is the most significant bit
    const i = facets.findIndex((_, j) => (g & (1 << (facets.length - 1 - j))) === 0);
    const facet = facets[i];
    const key = row[`k${i}`];
    if (facet && key !== null && key !== undefined) out.get(facet)?.push({ key, count: Number(row.n) });
  }
  return { total, out };
}

export async function countFacets(
  db: Db,
  q: CaseFacetsQuery,
  now: Date,
  scope: number | null,
  ref: ReferenceSnapshot,
  options: CaseSearchOptions = {},
): Promise<CaseFacets> {
  const wanted = q.facets?.length ? q.facets : [...CASE_FACETS];
  // the first screens' questions (no filter but the period, every organisation) from the per-day rollup
  const period = options.scan ? null : rollupPeriod(q, scope);
  const { total, counts } = period
    ? await countFromRollup(db, period, wanted, now).then(({ total, out }) => ({ total, counts: out }))
    : await scanCounts(db, q, wanted, now, scope, options);
  const facets: CaseFacets['facets'] = {};
  for (const facet of wanted) {
    facets[facet] = (counts.get(facet) ?? [])
      .map(({ key, count }) => ({
        key: facet === 'municipality' ? (ref.municipalityById.get(Number(key))?.code ?? String(key)) : String(key),
        count,
      }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  }
  return { total, facets };
}

/** Counts by scanning the cases the filters select: one scan for the facets without their own filter, one per other. */
async function scanCounts(
  db: Db,
  q: CaseFacetsQuery,
  wanted: readonly CaseFacet[],
  now: Date,
  scope: number | null,
  options: CaseSearchOptions,
) {
  const shared = wanted.filter((f) => !ownFilterSet(q, f));
  const { facets: _facets, ...filters } = q;
  return db.transaction().execute(async (trx) => {
    // The planner multiplies the distinct values of the four timestamps in the deadline expression, expects a group
    // per row and sorts the table on disk instead of hashing; the real hash tables hold a few hundred groups.
    await sql`set local work_mem = '32MB'`.execute(trx);
    const main = await groupCounts(trx, filters, shared, now, scope, options);
    const counts = new Map(main.out);
    for (const facet of wanted.filter((f) => ownFilterSet(q, f))) {
      const own = await groupCounts(trx, withoutOwnFilter(q, facet), [facet], now, scope, options);
      counts.set(facet, own.out.get(facet) ?? []);
    }
    return { total: main.total, counts };
  });
}
