// How fast the web workspace opens with 100,000 cases: the inbox's first page and the dashboard, from navigation to
// the table rows / the charts on screen, in Debian's Chromium (playwright-core), median of several runs. Printed
// beside two baselines measured in the same run: the same pages over 1,000 cases, and the bare API calls behind
// them. Target: under 1 s each with 100,000 cases.
// Usage: npx tsx bench/web/hundred-thousand.ts [--cases 100000] [--runs 5]
//   BENCH_DATABASE_URL=postgres://…/postgres runs on a PostgreSQL server (a fresh database) instead of PGlite.
// The cases are synthesised in the database (INSERT … SELECT over generate_series): invented short texts made of
// a fixed vocabulary, spread over blocks, categories, municipalities, organisations, channels, statuses and
// four months, so every filter and figure has work to do.
import { sql } from 'kysely';
import type { BrowserContext } from 'playwright-core';
import { CASE_STATUSES } from '../../shared/cases/case-status';
import { CHANNELS } from '../../shared/deadlines/channels';
import { DEMO_PASSWORD } from '../../server/features/demo/demo-users';
import type { TestServices } from '../../server/test/test-services';
import { findChromium, launchChromium } from '../../web/e2e/browser';
import { startE2eServer, type E2eServer } from '../../web/e2e/e2e-server';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const CASES = arg('cases', 100_000);
const BASELINE_CASES = 1_000;
const RUNS = arg('runs', 5);
const TARGET_MS = 1000;
const BARS = ['#1d5fa8', 'rgb(29,95,168)'].map((c) => `section[aria-labelledby="dash-blocks-title"] .chart svg path[fill="${c}"]`).join(', ');
if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;

const PROBLEMS = [
  'нет отопления в квартире', 'яма на дороге у остановки', 'не вывозят мусор с контейнерной площадки', 'протекает крыша',
  'не горит уличное освещение', 'нет горячей воды', 'сломана детская площадка', 'не убран снег во дворе',
  'автобус не ходит по расписанию', 'очередь в поликлинике', 'не работает лифт', 'стихийная свалка у леса',
  'завышены начисления за отопление', 'аварийное дерево во дворе', 'нет аптеки в посёлке', 'шум от стройки ночью',
];
const STREETS = ['улица Свободы', 'проспект Ленина', 'улица Кирова', 'Московский проспект', 'улица Чкалова', 'улица Победы',
  'Красноперекопская улица', 'улица Некрасова', 'улица Гагарина', 'Школьная улица'];

/** n invented cases (and one message each), by SQL in the database, in chunks of 20,000 rows. */
async function synthesise(services: TestServices, n: number): Promise<void> {
  const db = services.database.db;
  const channels = sql.raw(`array[${CHANNELS.map((c) => `'${c}'`).join(',')}]`);
  const statuses = sql.raw(`array[${CASE_STATUSES.filter((s) => s !== 'new').map((s) => `'${s}'`).join(',')}]`);
  const problems = sql.raw(`array[${PROBLEMS.map((p) => `'${p}'`).join(',')}]`);
  const streets = sql.raw(`array[${STREETS.map((p) => `'${p}'`).join(',')}]`);
  const now = sql.lit(services.clock.now().toISOString());
  for (let from = 1; from <= n; from += 20_000) {
    const to = Math.min(n, from + 19_999);
    await sql`
      with ref as (
        select (select array_agg(block_code || '.' || code order by id) from categories) as cats,
               (select array_agg(id order by id) from municipalities) as munis,
               (select array_agg(id order by id) from organisations) as orgs
      ), g as (
        select i, ref.*, ${now}::timestamptz - make_interval(mins => (i * 7919) % (120 * 24 * 60)) as created,
               (${statuses})[1 + (i * 31) % ${sql.lit(CASE_STATUSES.length - 1)}] as status
        from generate_series(${sql.lit(from)}::int, ${sql.lit(to)}::int) as i, ref
      )
      insert into cases (status, priority, block_code, category_code, municipality_id, organisation_id, channel, summary,
        created_at, updated_at, first_response_due_at, final_answer_due_at, first_response_at, final_answer_at, closed_at, source)
      select status,
        case when i % 97 = 0 then 'critical' when i % 13 = 0 then 'high' else 'normal' end,
        split_part(cats[1 + (i * 17) % array_length(cats, 1)], '.', 1),
        split_part(cats[1 + (i * 17) % array_length(cats, 1)], '.', 2),
        munis[1 + (i * 13) % array_length(munis, 1)],
        case when status = 'triage' then null else orgs[1 + (i * 11) % array_length(orgs, 1)] end,
        (${channels})[1 + (i * 7) % ${sql.lit(CHANNELS.length)}],
        (${problems})[1 + (i * 3) % ${sql.lit(PROBLEMS.length)}] || ', ' || (${streets})[1 + (i * 5) % ${sql.lit(STREETS.length)}]
          || ', дом ' || (1 + i % 120),
        created, created, created + interval '1 day', created + interval '10 days',
        case when status not in ('triage', 'assigned') then created + interval '6 hours' end,
        case when status in ('answered', 'accepted', 'closed') then created + interval '5 days' end,
        case when status = 'closed' then created + interval '7 days' end,
        'bench'
      from g`.execute(db);
  }
  await sql`insert into messages (channel, external_id, case_id, text, created_at)
    select channel, 'bench-' || id, id, summary, created_at from cases where source = 'bench'`.execute(db);
  await sql`analyze`.execute(db);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] ?? 0 : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

interface Figures { inbox: number; dashboard: number; dashboardAll: number; apiList: number; apiFacets: number }

async function signedInContext(context: BrowserContext, server: E2eServer): Promise<void> {
  const res = await context.request.post(`${server.url}/api/auth/login`, { data: { login: 'operator', password: DEMO_PASSWORD } });
  if (!res.ok()) throw new Error(`вход не удался: ${res.status()}`);
}

/** Navigation → selector visible and nothing busy, in a new tab of a warm browser (the app's files cached). */
async function timePage(context: BrowserContext, url: string, ready: string): Promise<number> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    const t0 = performance.now();
    await page.goto(url);
    await page.locator(ready).first().waitFor({ state: 'visible', timeout: 60_000 });
    await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, { timeout: 60_000 });
    const ms = performance.now() - t0;
    if (errors.length) throw new Error(`ошибки на странице: ${errors.join('; ')}`);
    return ms;
  } finally {
    await page.close();
  }
}

async function timeApi(context: BrowserContext, url: string): Promise<number> {
  const t0 = performance.now();
  const res = await context.request.get(url);
  if (!res.ok()) throw new Error(`${url}: ${res.status()}`);
  await res.body();
  return performance.now() - t0;
}

async function measure(n: number, chromiumPath: string): Promise<Figures> {
  const t0 = performance.now();
  const server = await startE2eServer({ prepare: (s) => synthesise(s, n) });
  process.stdout.write(`  ${n.toLocaleString('ru-RU')} обращений: база готова за ${((performance.now() - t0) / 1000).toFixed(1)} с\n`);
  const browser = await launchChromium(chromiumPath);
  try {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1400, height: 900 } });
    await signedInContext(context, server);
    const runs = async (fn: () => Promise<number>) => {
      await fn(); // warm-up: caches, query plans
      const xs: number[] = [];
      for (let i = 0; i < RUNS; i++) xs.push(await fn());
      return median(xs);
    };
    return {
      inbox: await runs(() => timePage(context, `${server.url}/#/inbox`, 'table.cases tbody tr')),
      dashboard: await runs(() => timePage(context, `${server.url}/#/dashboard`, BARS)),
      dashboardAll: await runs(() => timePage(context, `${server.url}/#/dashboard?period=all`, BARS)),
      apiList: await runs(() => timeApi(context, `${server.url}/api/cases?pageSize=50`)),
      apiFacets: await runs(() => timeApi(context, `${server.url}/api/cases/facets?facets=block,category,municipality,channel,deadline`)),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

const chromiumPath = findChromium();
if (!chromiumPath) {
  console.error('Chromium не найден (пакет chromium или OTKLIK_CHROMIUM): бенчмарк не запущен');
  process.exit(1);
}
console.log(`Веб-интерфейс на ${CASES.toLocaleString('ru-RU')} обращений (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}), медиана ${RUNS} прогонов`);
const base = await measure(BASELINE_CASES, chromiumPath);
const big = await measure(CASES, chromiumPath);
const row = (label: string, a: number, b: number, target: boolean) =>
  `${label.padEnd(44)} ${a.toFixed(0).padStart(8)} ${b.toFixed(0).padStart(10)} ${(b / a).toFixed(2).padStart(7)}${target ? `  ${b < TARGET_MS ? 'ok' : 'МЕДЛЕННО'} (цель < ${TARGET_MS} мс)` : ''}`;
console.log(`\n${'мс'.padEnd(44)} ${BASELINE_CASES.toLocaleString('ru-RU').padStart(8)} ${CASES.toLocaleString('ru-RU').padStart(10)}  ratio`);
console.log(row('«Входящие», первая страница (браузер)', base.inbox, big.inbox, true));
console.log(row('Комплексная картина, 30 дней (браузер)', base.dashboard, big.dashboard, true));
console.log(row('Комплексная картина, всё время (браузер)', base.dashboardAll, big.dashboardAll, true));
console.log(row('GET /api/cases?pageSize=50', base.apiList, big.apiList, false));
console.log(row('GET /api/cases/facets (5 разрезов)', base.apiFacets, big.apiFacets, false));
const slow = [big.inbox, big.dashboard, big.dashboardAll].some((ms) => ms >= TARGET_MS);
process.exit(slow ? 2 : 0);
