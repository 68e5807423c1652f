// The queries behind the first screens, EXPLAIN ANALYZE'd over many invented cases: the inbox's first page and its
// count, the inbox's filter counts, the dashboard's counts for 30 days and for all time — the very statements the
// routes run (captured from listCases/countFacets by a Kysely plugin, then explained), for the operator (no
// organisation scope). Prints each plan's execution time and, with --plans, the plans themselves.
// Usage: npx tsx bench/web/explain-first-screens.ts [--cases 1000000] [--plans]
//   BENCH_DATABASE_URL=postgres://…/postgres on a PostgreSQL server (a fresh database, dropped after) instead of PGlite.
import { CompiledQuery, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { caseFacetsQuerySchema, caseListQuerySchema } from '../../shared/api/cases';
import { countFacets } from '../../server/features/cases/case-facets';
import { listCases } from '../../server/features/cases/cases.repository';
import { createTestServices } from '../../server/test/test-services';
import { DASHBOARD_FACETS, periodQuery, readPeriod } from '../../web/src/dashboard/period';
import { FILTER_FACETS } from '../../web/src/inbox/filter-facets';
import { synthesise } from './synthesise-cases';

const argValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const N = Number(argValue('cases') ?? 1_000_000);
const PLANS = process.argv.includes('--plans');
if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;

/** Records every statement's tree; nothing is changed. */
class Capture implements KyselyPlugin {
  nodes: RootOperationNode[] = [];
  transformQuery(args: { node: RootOperationNode }): RootOperationNode {
    this.nodes.push(args.node);
    return args.node;
  }
  transformResult<T>(args: { result: T }): Promise<T> {
    return Promise.resolve(args.result);
  }
}

const services = await createTestServices({ now: new Date().toISOString() });
try {
  const t0 = performance.now();
  await synthesise(services, N);
  console.log(`${N.toLocaleString('ru-RU')} обращений за ${((performance.now() - t0) / 1000).toFixed(1)} с`);
  const db = services.database.db;
  const now = services.clock.now();
  const ref = await services.reference.get(db);
  const period = (raw: string) => periodQuery(readPeriod(new URLSearchParams({ period: raw }), now).period);
  const steps: [string, (db: typeof services.database.db) => Promise<unknown>][] = [
    ['«Входящие»: страница и число', (d) => listCases(d, caseListQuerySchema.parse({}), now, null)],
    [
      '«Входящие»: счётчики фильтров',
      (d) => countFacets(d, caseFacetsQuerySchema.parse({ facets: FILTER_FACETS.join(',') }), now, null, ref),
    ],
    [
      'Картина, 30 дней',
      (d) =>
        countFacets(
          d,
          caseFacetsQuerySchema.parse({ ...period('30'), facets: DASHBOARD_FACETS.join(',') }),
          now,
          null,
          ref,
        ),
    ],
    [
      'Картина, всё время',
      (d) => countFacets(d, caseFacetsQuerySchema.parse({ facets: DASHBOARD_FACETS.join(',') }), now, null, ref),
    ],
  ];
  for (const [label, run] of steps) {
    const capture = new Capture();
    const t = performance.now();
    await run(db.withPlugin(capture));
    console.log(`\n== ${label}: ${(performance.now() - t).toFixed(0)} мс целиком`);
    for (const node of capture.nodes) {
      if (node.kind !== 'SelectQueryNode' && node.kind !== 'RawNode') continue;
      const q = db.getExecutor().compileQuery(node, { queryId: 'explain' });
      const plan = await db.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`explain (analyze, buffers) ${q.sql}`, [...q.parameters]),
      );
      const lines = plan.rows.map((r) => r['QUERY PLAN']);
      console.log(
        `  ${lines.find((l) => l.startsWith('Execution Time')) ?? '?'} — ${q.sql.slice(0, 90).replace(/\s+/g, ' ')}…`,
      );
      if (PLANS) console.log(lines.map((l) => `    ${l}`).join('\n'));
    }
  }
} finally {
  await services.close();
}
