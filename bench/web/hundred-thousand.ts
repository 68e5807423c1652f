// How fast the web workspace opens with 100,000 cases: the inbox's first page and the dashboard, from navigation to
// the table rows / the charts on screen with nothing still loading (by the page's clock, checked every frame), in
// Debian's Chromium (playwright-core), median of several runs. Printed
// beside two baselines measured in the same run: the same pages over 1,000 cases, and the bare API calls behind
// them. Target: under 1 s each with 100,000 cases.
// Usage: npx tsx bench/web/hundred-thousand.ts [--cases 100000] [--runs 5]
//   BENCH_DATABASE_URL=postgres://…/postgres runs on a PostgreSQL server (a fresh database) instead of PGlite.
// The cases are synthesised in the database (synthesise-cases.ts).
import type { BrowserContext } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/features/demo/demo-users';
import { findChromium, launchChromium } from '../../web/e2e/browser';
import { startE2eServer, type E2eServer } from '../../web/e2e/e2e-server';
import { synthesise } from './synthesise-cases';

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

/**
 * Navigation → selector visible and nothing busy, in a new tab of a warm browser (the app's files cached). Checked in
 * the page on every animation frame and timed by the page's own clock from the start of navigation, so the figure is
 * what a person sees, not the polling interval of the test driver.
 */
async function timePage(context: BrowserContext, url: string, ready: string): Promise<number> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(url, { waitUntil: 'commit' });
    const done = await page.waitForFunction((selector) => {
      const shown = [...document.querySelectorAll(selector)].some((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
      return shown && document.querySelectorAll('[aria-busy="true"]').length === 0 ? performance.now() : false;
    }, ready, { polling: 'raf', timeout: 60_000 });
    const ms = await done.jsonValue() as number;
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
