// How fast the workspace's first screens open — «Входящие» (first page) and «Комплексная картина» (30 days, all
// time) — at several numbers of cases, and where the time goes. Each figure runs from the start of navigation to the
// list rows / the chart bars on screen with nothing still loading (by the page's clock, checked every frame), in
// Debian's Chromium (playwright-core), in a new tab of a warm browser, median of several runs. Beside it, from the
// browser's own entries: the first byte of the page, the start of the first data request and the end of the last one
// before the screen was ready, when the app's code had been evaluated (main.tsx's mark), the main thread's script
// and layout/style time (Chrome's Performance.getMetrics during the load), and, as the machine may be shared, the CPU
// time actually used: the page's renderer processes, this process (server and driver) and the renderer's main thread.
// The bare API calls behind the pages are timed as well. Target: under 500 ms at every size.
// Where one load's time goes request by request and task by task: trace-first-screen.ts.
// Each page is loaded both ways: in a new tab (a renderer process started for every load: 0.4–0.5 s of CPU on the
// machine's cores beside the page's own work) and in a tab kept open (what an operator does with the browser open:
// types the address or reloads); --tab new or --tab same measures one way only.
// Usage: npx tsx bench/web/first-screens.ts [--cases 1000,100000,1000000] [--runs 5] [--tab new|same|both]
//   BENCH_DATABASE_URL=postgres://…/postgres runs on a PostgreSQL server (a fresh database per size) instead of PGlite.
// The cases are synthesised in the database (synthesise-cases.ts).
import os from 'node:os';
import type { BrowserContext, Page } from 'playwright-core';
import { findChromium, launchChromium } from '../../web/e2e/browser';
import { startE2eServer } from '../../web/e2e/e2e-server';
import { BARS, median, medianLoad, signedInContext, timePage, type Load } from './page-load';
import { synthesise } from './synthesise-cases';

const argValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SIZES = (argValue('cases') ?? '1000,100000,1000000')
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const RUNS = Math.max(1, Number(argValue('runs') ?? 5) || 5);
const TARGET_MS = 500;
const TABS = (['new', 'same'] as const).filter((t) => [t, 'both', undefined].includes(argValue('tab')));
type Tab = (typeof TABS)[number];
if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;

interface Figures {
  loads: Record<Tab, { inbox: Load; dashboard: Load; dashboardAll: Load } | undefined>;
  apiList: number;
  apiFacets: number;
}

async function timeApi(context: BrowserContext, url: string): Promise<number> {
  const t0 = performance.now();
  const res = await context.request.get(url);
  if (!res.ok()) throw new Error(`${url}: ${res.status()}`);
  await res.body();
  return performance.now() - t0;
}

async function repeat<T>(fn: () => Promise<T>): Promise<T[]> {
  await fn(); // warm-up: caches, query plans
  const out: T[] = [];
  for (let i = 0; i < RUNS; i++) out.push(await fn());
  return out;
}

async function measure(n: number, chromiumPath: string): Promise<Figures> {
  const t0 = performance.now();
  const server = await startE2eServer({ prepare: (s) => synthesise(s, n) });
  process.stdout.write(
    `  ${n.toLocaleString('ru-RU')} обращений: база готова за ${((performance.now() - t0) / 1000).toFixed(1)} с\n`,
  );
  const browser = await launchChromium(chromiumPath);
  try {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1400, height: 900 } });
    await signedInContext(context, server);
    const browserCdp = await browser.newBrowserCDPSession();
    const page = async (path: string, ready: string, tab?: Page) =>
      medianLoad(await repeat(() => timePage(context, browserCdp, `${server.url}${path}`, ready, 0, tab)));
    const api = async (path: string) => median(await repeat(() => timeApi(context, `${server.url}${path}`)));
    const loads: Figures['loads'] = { new: undefined, same: undefined };
    for (const kind of TABS) {
      const tab = kind === 'same' ? await context.newPage() : undefined;
      loads[kind] = {
        inbox: await page('/#/inbox', 'table.cases tbody tr', tab),
        dashboard: await page('/#/dashboard', BARS, tab),
        dashboardAll: await page('/#/dashboard?period=all', BARS, tab),
      };
      await tab?.close();
    }
    return {
      loads,
      apiList: await api('/api/cases?pageSize=50'),
      apiFacets: await api('/api/cases/facets?facets=block,category,municipality,channel,deadline'),
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
if (!SIZES.length) {
  console.error('--cases: список чисел через запятую, например 1000,100000');
  process.exit(1);
}
console.log(
  `Первые экраны (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}), медиана ${RUNS} прогонов, мс от начала перехода`,
);
const results: [number, Figures][] = [];

const TAB_LABELS: Record<Tab, string> = { new: 'новая вкладка', same: 'открытая вкладка' };
const PAGES: [string, (f: Figures) => Load | undefined][] = TABS.flatMap(
  (tab): [string, (f: Figures) => Load | undefined][] => [
    [`«Входящие», 1-я стр. (${TAB_LABELS[tab]})`, (f) => f.loads[tab]?.inbox],
    [`Картина, 30 дней (${TAB_LABELS[tab]})`, (f) => f.loads[tab]?.dashboard],
    [`Картина, всё время (${TAB_LABELS[tab]})`, (f) => f.loads[tab]?.dashboardAll],
  ],
);
/** The table of the sizes measured so far (printed after each size, so a long run shows its figures as it goes). */
function printTable(): void {
  const ms = (x: number) => x.toFixed(0).padStart(7);
  console.log(
    `\n${'экран'.padEnd(40)} ${'обращений'.padStart(10)} ${'готово'.padStart(7)} ${'1-й байт'.padStart(8)} ${'данные с'.padStart(8)} ${'данные по'.padStart(9)} ${'код'.padStart(5)} ${'скрипты'.padStart(7)} ${'вёрстка'.padStart(7)} ${'ЦП стр.'.padStart(7)} ${'ЦП серв.'.padStart(8)} ${'ЦП осн.'.padStart(7)} ${'ЦП бр.'.padStart(6)} ${'ЦП GPU'.padStart(6)}`,
  );
  for (const [label, pick] of PAGES) {
    for (const [n, f] of results) {
      const l = pick(f);
      if (!l) continue;
      console.log(
        `${label.padEnd(40)} ${n.toLocaleString('ru-RU').padStart(10)} ${ms(l.ready)} ${ms(l.firstByte).padStart(8)} ${ms(l.dataStart).padStart(8)} ${ms(l.dataEnd).padStart(9)} ${ms(l.app).padStart(5)} ${ms(l.script)} ${ms(l.layout)} ${ms(l.pageCpu)} ${ms(l.serverCpu).padStart(8)} ${ms(l.mainCpu)} ${ms(l.browserCpu).slice(1)} ${ms(l.gpuCpu).slice(1)}  ${l.ready < TARGET_MS ? 'ok' : 'МЕДЛЕННО'}`,
      );
    }
  }
  console.log(`\n${'API'.padEnd(32)} ${'обращений'.padStart(10)} ${'мс'.padStart(7)}`);
  for (const [n, f] of results) {
    console.log(
      `${'GET /api/cases?pageSize=50'.padEnd(32)} ${n.toLocaleString('ru-RU').padStart(10)} ${ms(f.apiList)}`,
    );
    console.log(
      `${'GET /api/cases/facets (5 разрезов)'.padEnd(32)} ${n.toLocaleString('ru-RU').padStart(10)} ${ms(f.apiFacets)}`,
    );
  }
}

for (const n of SIZES) {
  results.push([n, await measure(n, chromiumPath)]);
  printTable();
  // the machine may be shared: its load is part of the figures
  console.log(
    `load average после замера: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' / ')} (1 / 5 / 15 мин), ядер: ${os.cpus().length}`,
  );
}
const slow = results.some(([, f]) => PAGES.some(([, pick]) => (pick(f)?.ready ?? 0) >= TARGET_MS));
console.log(
  `\nЦель: каждый экран готов быстрее ${TARGET_MS} мс при каждом числе обращений (на спокойной машине, медиана 5).`,
);
process.exit(slow ? 2 : 0);
