// Analytics at scale: loads N synthetic messages (default 10,000,000) with their cases, answers and ratings into a
// fresh PostgreSQL database, builds the daily rollup, then measures the p95 latency of the dashboard and ratings
// queries with the rollup beside the same queries computed from the raw tables, in the same run. The build is set
// against COPY of its own output rows into tables like the rollup tables, with their indexes (the ratio is printed).
// Usage: BENCH_DATABASE_URL=postgres://user@host:port/postgres npx tsx bench/analytics/ten-million.ts [--messages N] [--runs R] [--raw-runs R] [--keep] [--shuffled]
//        --raw-runs: periods measured on the raw tables (default: --runs; each takes tens of seconds at 10 million)
//        --shuffled: dates drawn at random for sequential ids (default: ids in time order, as messages arrive)
//        … --database NAME   measures again on a database kept by an earlier run (no load)
//        … --database NAME --rebuild DAYS|all   empties the rollups and builds the first DAYS days again (timed, with
//          the COPY baseline of exactly the rows rebuilt): compares two versions of the build on the same data
// Data are generated on the server (INSERT … SELECT over generate_series, 500,000 rows a statement): no network
// transfer of rows, the same tables, indexes and triggers as production.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { createServices } from '../../server/boot';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { computeSeries, computeVolumes, type AggregateSource } from '../../server/features/analytics/aggregates';
import { computeRatings } from '../../server/features/analytics/ratings';
import { ratingsFromRollup } from '../../server/features/analytics/ratings-rollup';
import { refreshRollups } from '../../server/features/analytics/rollup';
import { ensureMonths, monthsBetween } from '../../server/features/partitions/partitions';
import { rootContext, SYSTEM_ACTOR, type Ctx } from '../../server/lib/context';
import { silentLogger } from '../../server/lib/logger';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const N = Number(arg('messages') ?? 10_000_000);
const RUNS = Number(arg('runs') ?? 20);
const RAW_RUNS = Math.min(RUNS, Number(arg('raw-runs') ?? RUNS));
const REUSE = arg('database'); // a database kept by an earlier run (--keep): skip the load
const KEEP = process.argv.includes('--keep') || !!REUSE;
const BATCH = 500_000;
const FIRST_DAY = '2024-01-01';
const DAYS = 1055; // 01.01.2024 … 20.11.2026
const SHUFFLED = process.argv.includes('--shuffled');
const REBUILD = arg('rebuild');
if (REBUILD && !REUSE) throw new Error('--rebuild needs --database NAME (a database kept by an earlier run)');
const rebuildDays = REBUILD === 'all' ? DAYS : Number(REBUILD);
if (REBUILD && !(Number.isInteger(rebuildDays) && rebuildDays > 0))
  throw new Error('--rebuild: a number of days or all');

const serverUrl = process.env.BENCH_DATABASE_URL;
if (!serverUrl) {
  console.log(
    'BENCH_DATABASE_URL is not set: this benchmark needs a PostgreSQL server (it creates and drops its own database).',
  );
  process.exit(0);
}
const admin = async (q: string) => {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
};
const name = REUSE ?? `otklik_bench_analytics_${randomBytes(3).toString('hex')}`;
if (!REUSE) await admin(`create database ${name}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const database = await openDatabase({ url: url.toString() });
const services = await createServices(loadConfig({ OTKLIK_DATA_DIR: 'bench-data-unused' }), {
  database,
  log: silentLogger,
});
const db = database.db;
const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

async function load(): Promise<void> {
  // Messages arrive in time order, as intake stores them and as a history export lists them: the n-th of N falls at
  // n/N of the period (plus up to one message's share of jitter), so case and message ids grow with the date. With
  // --shuffled each id gets a random date in the whole period (ids unrelated to time: the worst case for every
  // lookup by key, which then lands on a random page).
  const arrival = SHUFFLED ? sql`(random() * ${DAYS})` : sql`((i - 1 + random()) / ${N}::float8 * ${DAYS})`;
  // the months of the history get their partitions first (as an import does), ratings' answers come up to 60 days later
  const first = new Date(`${FIRST_DAY}T00:00:00+03:00`);
  await ensureMonths(db, monthsBetween(first, new Date(first.getTime() + (DAYS + 100) * 86_400_000)));
  await sql`select setseed(0.42)`.execute(db);
  for (let a = 1; a <= N; a += BATCH) {
    const b = Math.min(N, a + BATCH - 1);
    const t0 = performance.now();
    await database.transaction(async (trx) => {
      // Skewed choices (power of a uniform number) so that some categories, municipalities and organisations dominate.
      await sql`
        with ref as (
          select (select array_agg(block_code order by id) from categories where not is_other) as blocks,
                 (select array_agg(code order by id) from categories where not is_other) as cats,
                 (select array_agg(id order by id) from municipalities) as munis,
                 (select array_agg(id order by id) from organisations) as orgs,
                 array['portal','pos','phone','email','web','messenger_telegram','social_vk','letter'] as channels
        ), g as (
          select i, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7, random() r8,
                 timestamptz '${sql.raw(FIRST_DAY)} 00:00+03' + ${arrival} * interval '1 day' as created
          from generate_series(${a}::bigint, ${b}::bigint) i
        ), p as (
          select g.*, ref.*, 1 + floor(power(r1, 2) * array_length(ref.cats, 1))::int as ci,
                 case when r2 < 0.92 then created + r3 * interval '72 hours' end as first_at
          from g cross join ref
        )
        insert into cases (id, status, block_code, category_code, municipality_id, organisation_id, channel, summary, created_at,
                           first_response_due_at, final_answer_due_at, first_response_at, final_answer_at, rating, source)
        select 100000000 + i,
               case when first_at is null then 'assigned' when r4 < 0.9 then 'closed' else 'interim_answer' end,
               blocks[ci], cats[ci], munis[1 + floor(power(r5, 2) * array_length(munis, 1))::int],
               orgs[1 + floor(power(r6, 1.5) * array_length(orgs, 1))::int],
               channels[1 + floor(power(r7, 2) * 8)::int], 'Синтетическое обращение', created,
               created + interval '1 day', created + interval '30 days', first_at,
               case when first_at is not null and r4 < 0.9 then first_at + (case when r8 < 0.3 then r8 * interval '1500 hours' else interval '0' end) end,
               case when first_at is not null and r4 < 0.4 then 1 + floor(r8 * 5)::int end, 'bench'
        from p`.execute(trx);
      const lo = 100_000_000 + a;
      const hi = 100_000_000 + b;
      await sql`insert into messages (channel, external_id, case_id, text, created_at)
        select channel, 'bench-' || id, id, summary, created_at from cases where id between ${lo} and ${hi}`.execute(
        trx,
      );
      await sql`insert into answers (case_id, kind, body, organisation_id, created_at, review_status)
        select id, 'interim', 'Промежуточный ответ', organisation_id, first_response_at, 'accepted' from cases
        where id between ${lo} and ${hi} and first_response_at is not null and (final_answer_at is null or final_answer_at > first_response_at)
        union all
        select id, 'final', 'Окончательный ответ', organisation_id, final_answer_at, case when id % 10 = 0 then 'returned' else 'accepted' end from cases
        where id between ${lo} and ${hi} and final_answer_at is not null`.execute(trx);
      await sql`insert into ratings (case_id, score, created_at)
        select id, rating, final_answer_at + interval '1 day' from cases where id between ${lo} and ${hi} and rating is not null`.execute(
        trx,
      );
    });
    console.log(
      `  loaded ${b.toLocaleString('en')} messages (${seconds(t0)} s for the last ${(b - a + 1).toLocaleString('en')})`,
    );
  }
  await sql`analyze`.execute(db);
}

/**
 * The rollup build's baseline: its output rows, read out with COPY beforehand, written by COPY into empty tables
 * made like the rollup tables (columns, defaults, constraints, indexes). Only the writing is timed.
 */
async function copyBaseline(
  databaseUrl: string,
  tables: readonly string[],
): Promise<{ rows: number; seconds: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let rows = 0;
  let ms = 0;
  try {
    for (const table of tables) {
      const chunks: Buffer[] = [];
      const out = client.query(copyTo(`copy ${table} to stdout`));
      for await (const chunk of out) chunks.push(chunk as Buffer);
      const copyTable = `copy_baseline_${table}`;
      await client.query(`drop table if exists ${copyTable}`);
      await client.query(`create table ${copyTable} (like ${table} including all)`);
      const t0 = performance.now();
      const sink = client.query(copyFrom(`copy ${copyTable} from stdin`));
      await pipeline(Readable.from(chunks), sink);
      ms += performance.now() - t0;
      rows += Number(sink.rowCount ?? 0);
      await client.query(`drop table ${copyTable}`);
    }
  } finally {
    await client.end();
  }
  return { rows, seconds: ms / 1000 };
}

function p95(ms: number[]): number {
  const s = [...ms].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
}

const months = Array.from({ length: RUNS }, (_, i) => {
  const m = 1 + ((i * 7) % 34); // spread over January 2024 … October 2026
  const y = 2024 + Math.floor((m - 1) / 12);
  const mm = ((m - 1) % 12) + 1;
  const last = new Date(Date.UTC(y, mm, 0)).getUTCDate();
  return { from: `${y}-${String(mm).padStart(2, '0')}-01`, to: `${y}-${String(mm).padStart(2, '0')}-${last}` };
});

async function dashboard(ctx: Ctx, source: AggregateSource, p: { from: string; to: string }): Promise<void> {
  await Promise.all([
    computeVolumes(ctx, { by: 'block', ...p }, source),
    computeVolumes(ctx, { by: 'channel', ...p }, source),
    computeVolumes(ctx, { by: 'municipality', ...p }, source),
    computeSeries(ctx, { granularity: 'day', ...p }, source),
  ]);
}

async function measure(
  label: string,
  run: (p: { from: string; to: string }) => Promise<unknown>,
  runs = RUNS,
): Promise<number> {
  await run(months[0]!); // warm-up
  const times: number[] = [];
  for (const p of months.slice(0, runs)) {
    const t0 = performance.now();
    await run(p);
    times.push(performance.now() - t0);
  }
  const v = p95(times);
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
  console.log(`  ${label.padEnd(44)} p95 ${v.toFixed(0).padStart(7)} ms   median ${median.toFixed(0).padStart(7)} ms`);
  return v;
}

try {
  if (!REUSE) console.log(`Database ${name}: loading ${N.toLocaleString('en')} synthetic messages over ${DAYS} days`);
  let t0 = performance.now();
  if (!REUSE) await load();
  console.log(REUSE ? `Reusing the data loaded in ${name}` : `Load: ${seconds(t0)} s`);
  if (REBUILD) {
    await sql`truncate analytics_daily, analytics_daily_dim, analytics_message_facts, analytics_unit_days,
      analytics_unit_months, analytics_dirty_days`.execute(db);
    await sql`insert into analytics_dirty_days (day)
      select generate_series(${FIRST_DAY}::date, ${FIRST_DAY}::date + ${rebuildDays - 1}::int, interval '1 day')::date`.execute(
      db,
    );
    console.log(`Rollups emptied: the first ${rebuildDays} days are built again`);
  }
  t0 = performance.now();
  const days = await refreshRollups(db);
  const buildSeconds = (performance.now() - t0) / 1000;
  console.log(`Rollup build: ${days} days in ${buildSeconds.toFixed(1)} s`);
  const tables = [
    'analytics_daily',
    'analytics_daily_dim',
    'analytics_message_facts',
    'analytics_unit_days',
    'analytics_unit_months',
  ];
  const copy = await copyBaseline(url.toString(), tables);
  console.log(
    `COPY of the same rows (${copy.rows.toLocaleString('en')}) into tables like them, with their indexes: ` +
      `${copy.seconds.toFixed(1)} s; the build runs at ${(copy.seconds / buildSeconds).toFixed(2)} of COPY speed ` +
      `(it also reads and groups the source rows)`,
  );
  // what autovacuum does after a bulk load: statistics, and the visibility map that lets index-only scans skip the heap
  for (const t of tables) await sql`vacuum analyze ${sql.raw(t)}`.execute(db);
  const rows = await sql<{ n: string }>`select count(*)::text as n from analytics_daily`.execute(db);
  console.log(`Rollup rows: ${rows.rows[0]!.n}`);
  const ctx = rootContext(services, SYSTEM_ACTOR);
  console.log(
    `Latency over ${RUNS} one-month periods, the raw tables over the first ${RAW_RUNS} (dashboard = volumes by block, channel, municipality + daily series):`,
  );
  const dr = await measure('dashboard, rollup', (p) => dashboard(ctx, 'rollup', p));
  const rr = await measure('ratings of organisations, rollups', (p) =>
    computeRatings(ctx, { level: 'organisation', ...p }),
  );
  await measure('ratings of municipalities, rollups', (p) => computeRatings(ctx, { level: 'municipality', ...p }));
  const dw = await measure(`dashboard, raw tables (${RAW_RUNS} periods)`, (p) => dashboard(ctx, 'raw', p), RAW_RUNS);
  const rw = await measure(
    `ratings of organisations, raw tables (${RAW_RUNS} periods)`,
    (p) => computeRatings(ctx, { level: 'organisation', ...p }, 'raw'),
    RAW_RUNS,
  );
  await measure('quick ratings from day sums (no medians)', (p) =>
    ratingsFromRollup(ctx, { level: 'organisation', ...p }),
  );
  console.log(
    `Ratio raw/rollup: dashboard ${(dw / dr).toFixed(1)}×, ratings ${(rw / rr).toFixed(1)}×; target p95 < 200 ms with rollups: ` +
      `dashboard ${dr < 200 ? 'met' : 'NOT met'}, ratings ${rr < 200 ? 'met' : 'NOT met'}`,
  );
} finally {
  await database.close();
  if (!KEEP) await admin(`drop database ${name} with (force)`);
  else console.log(`Kept database ${name}`);
}
