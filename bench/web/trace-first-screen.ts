// Where one first-screen load spends its time, request by request: for every resource the page loads, when the
// browser started it, when the server received it and finished answering it (the server's own clock, same
// machine), and when the browser had its last byte; beside it the renderer main thread's long tasks (Chrome trace),
// so a request that ends late can be told apart as waiting for the server's event loop or for the page's thread.
// Usage: npx tsx bench/web/trace-first-screen.ts [--cases 1000] [--page inbox|dashboard|all] [--runs 3]
//   [--trace out.json] writes the Chrome trace of the last load (chrome://tracing, Perfetto), [--profile out.cpuprofile]
//   its JavaScript CPU profile (DevTools' Performance panel).
// Beside each load: the server's main thread's time on a CPU and waiting for one (Linux schedstat) and Node's GC
// pauses; `otklik:boot` / `otklik:app` are the boot script's start and the app's code evaluated (user timing marks).
import { readFileSync, writeFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Browser, BrowserContext } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/features/demo/demo-users';
import { findChromium, launchChromium } from '../../web/e2e/browser';
import { startE2eServer } from '../../web/e2e/e2e-server';
import { synthesise } from './synthesise-cases';

const argValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const CASES = Number(argValue('cases') ?? 1000);
const RUNS = Math.max(1, Number(argValue('runs') ?? 3) || 3);
const TRACE_OUT = argValue('trace');
const PROFILE_OUT = argValue('profile');
const PAGES: Record<string, { path: string; ready: string }> = {
  inbox: { path: '/#/inbox', ready: 'table.cases tbody tr' },
  dashboard: { path: '/#/dashboard', ready: 'section[aria-labelledby="dash-blocks-title"] .chart svg path' },
  all: { path: '/#/dashboard?period=all', ready: 'section[aria-labelledby="dash-blocks-title"] .chart svg path' },
};
const PAGE = PAGES[argValue('page') ?? 'inbox'];
if (!PAGE) throw new Error('--page inbox|dashboard|all');
if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;

/** What the server saw of one request, in epoch ms. */
interface Served {
  url: string;
  received: number;
  finished: number;
  /** the server process's CPU time (user + system) between the two, ms */
  cpu: number;
}
/** The server's main thread: ms on a CPU and ms runnable but waiting for one (Linux /proc schedstat). */
const sched = (): [number, number] => {
  try {
    const [run = 0, wait = 0] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ').map(Number);
    return [run / 1e6, wait / 1e6];
  } catch {
    return [0, 0];
  }
};
const gcs: { at: number; ms: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ at: performance.timeOrigin + e.startTime, ms: e.duration });
}).observe({ entryTypes: ['gc'] });
const now = (): number => performance.timeOrigin + performance.now();

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; frame?: string } };
}

/** The page's renderer main thread's tasks longer than 8 ms, in ms from navigation start: the trace's clock is
 * anchored on the boot script's mark, whose time from navigation start the page reported (bootAt). */
function longTasks(trace: TraceEvent[], bootAt: number): string[] {
  const boot = trace.find((e) => e.name === 'otklik:boot');
  const main =
    boot && trace.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === boot.pid);
  if (!boot || !main) return ['  (нет отметки otklik:boot в трассе)'];
  const navStartTs = boot.ts - bootAt * 1000;
  const tasks = trace.filter(
    (e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'RunTask' && (e.dur ?? 0) > 8000,
  );
  return tasks.map((t) => {
    const inner = trace
      .filter(
        (e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.ts >= t.ts && e.ts < t.ts + (t.dur ?? 0),
      )
      .filter((e) => e.name !== 'RunTask' && (e.dur ?? 0) > 3000)
      .slice(0, 4)
      .map(
        (e) =>
          `${e.name}${e.args?.data?.url ? ` ${e.args.data.url.replace(/^.*\//, '')}` : ''} ${((e.dur ?? 0) / 1000).toFixed(0)}`,
      );
    return `  задача ${((t.ts - navStartTs) / 1000).toFixed(0).padStart(5)} +${((t.dur ?? 0) / 1000).toFixed(0).padStart(4)} мс: ${inner.join(', ')}`;
  });
}

async function load(
  browser: Browser,
  context: BrowserContext,
  url: string,
  served: Served[],
  trace: boolean,
): Promise<void> {
  const page = await context.newPage();
  served.length = 0;
  gcs.length = 0;
  const cpuStart = process.cpuUsage();
  const schedStart = sched();
  if (trace && TRACE_OUT)
    await browser.startTracing(page, {
      categories: (
        process.env.TRACE_CATEGORIES ??
        'devtools.timeline,blink.user_timing,loading,v8.execute,disabled-by-default-devtools.timeline,v8,disabled-by-default-v8.compile'
      ).split(','),
    });
  const profiler = trace && PROFILE_OUT ? await context.newCDPSession(page) : null;
  if (profiler) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
    await profiler.send('Profiler.start');
  }
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    (selector) => {
      const shown = [...document.querySelectorAll(selector)].some((el) => el.getBoundingClientRect().height > 0);
      return shown && document.querySelectorAll('[aria-busy="true"]').length === 0 ? performance.now() : false;
    },
    PAGE?.ready ?? '',
    { polling: 'raf', timeout: 60_000 },
  );
  const ready = (await handle.jsonValue()) as number;
  const entries = await page.evaluate(() => ({
    origin: performance.timeOrigin,
    marks: performance.getEntriesByType('mark').map((m) => `${m.name} ${m.startTime.toFixed(0)}`),
    bootAt: performance.getEntriesByName('otklik:boot')[0]?.startTime ?? 0,
    resources: [
      ...(performance.getEntriesByType('navigation') as PerformanceResourceTiming[]),
      ...(performance.getEntriesByType('resource') as PerformanceResourceTiming[]),
    ].map((e) => ({
      name: e.name,
      start: e.startTime,
      requestStart: e.requestStart,
      responseStart: e.responseStart,
      end: e.responseEnd,
      size: e.encodedBodySize,
    })),
  }));
  const raw = trace && TRACE_OUT ? await browser.stopTracing() : null;
  if (profiler && PROFILE_OUT) {
    const { profile } = await profiler.send('Profiler.stop');
    writeFileSync(PROFILE_OUT, JSON.stringify(profile));
  }
  const cpuLoad = process.cpuUsage(cpuStart);
  const schedEnd = sched();
  await page.close();
  console.log(
    `\nготово: ${ready.toFixed(0)} мс; процессор сервера и драйвера за загрузку: ${((cpuLoad.user + cpuLoad.system) / 1000).toFixed(0)} мс; основной поток сервера на CPU ${(schedEnd[0] - schedStart[0]).toFixed(0)} мс, ждал CPU ${(schedEnd[1] - schedStart[1]).toFixed(0)} мс; сборки мусора Node: ${gcs.map((g) => `${(g.at - entries.origin).toFixed(0)}+${g.ms.toFixed(0)}`).join(' ')}`,
  );
  console.log(`  отметки: ${entries.marks.join(', ')}`);
  console.log(
    '  ресурс                                            начат  запрос  сервер:принят  ответил  CPU  1-й байт  конец  КБ',
  );
  const at = (epoch: number) => (epoch - entries.origin).toFixed(0).padStart(6);
  const remaining = [...served];
  for (const r of entries.resources.sort((a, b) => a.start - b.start)) {
    const path = new URL(r.name).pathname + new URL(r.name).search;
    const i = remaining.findIndex(
      (s) => s.url === path || (path === '/' && s.url.startsWith('/?')) || (path === '/' && s.url === '/'),
    );
    const s = i >= 0 ? remaining.splice(i, 1)[0] : undefined;
    console.log(
      `  ${path.slice(0, 48).padEnd(48)} ${r.start.toFixed(0).padStart(6)} ${r.requestStart.toFixed(0).padStart(6)} ${s ? at(s.received) : '     —'} ${s ? at(s.finished) : '     —'} ${s ? s.cpu.toFixed(0).padStart(4) : '   —'}   ${r.responseStart.toFixed(0).padStart(6)} ${r.end.toFixed(0).padStart(6)} ${(r.size / 1024).toFixed(1).padStart(5)}`,
    );
  }
  if (raw) {
    const events = (JSON.parse(raw.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
    console.log('основной поток (задачи дольше 8 мс, от начала перехода):');
    for (const line of longTasks(events, entries.bootAt)) console.log(line);
    writeFileSync(TRACE_OUT ?? 'trace.json', raw);
  }
}

const chromiumPath = findChromium();
if (!chromiumPath) throw new Error('Chromium не найден');
const server = await startE2eServer({ prepare: (s) => synthesise(s, CASES) });
const served: Served[] = [];
server.app.server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
  const entry: Served = { url: req.url ?? '', received: now(), finished: 0, cpu: 0 };
  const cpu0 = process.cpuUsage();
  served.push(entry);
  res.on('finish', () => {
    entry.finished = now();
    const cpu = process.cpuUsage(cpu0);
    entry.cpu = (cpu.user + cpu.system) / 1000;
  });
});
const browser = await launchChromium(chromiumPath);
try {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1400, height: 900 } });
  const res = await context.request.post(`${server.url}/api/auth/login`, {
    data: { login: 'operator', password: DEMO_PASSWORD },
  });
  if (!res.ok()) throw new Error(`вход: ${res.status()}`);
  for (let i = 0; i <= RUNS; i++) await load(browser, context, `${server.url}${PAGE.path}`, served, i === RUNS);
} finally {
  await browser.close();
  await server.close();
}
