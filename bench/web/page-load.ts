// One first-screen load measured in the browser: from the start of navigation to the selector on screen with nothing
// still loading (by the page's clock, checked every frame), with its breakdown (see first-screens.ts), shared by the
// benchmark and the comparison of two builds (compare-builds.ts).
import { readFileSync } from 'node:fs';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/features/demo/demo-users';
import type { E2eServer } from '../../web/e2e/e2e-server';

/** The bars of the dashboard's blocks chart: the dashboard is ready when they are drawn. */
export const BARS = ['#1d5fa8', 'rgb(29,95,168)']
  .map((c) => `section[aria-labelledby="dash-blocks-title"] .chart svg path[fill="${c}"]`)
  .join(', ');

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/** One page load, in ms from the start of navigation. */
export interface Load {
  ready: number;
  firstByte: number;
  dataStart: number;
  dataEnd: number;
  /** the app's code evaluated (main.tsx's mark `otklik:app`) */
  app: number;
  script: number;
  layout: number;
  /** CPU time of the page's renderer processes (all their threads) and of this process (server and driver) during
   * the load: on a shared machine, the work done, whatever the wait for a core. */
  pageCpu: number;
  serverCpu: number;
  /** CPU time of the page's renderer main thread during the load (Linux schedstat; 0 elsewhere):
   * the script, style, layout and paint work on the critical path, without the wait for a core. */
  mainCpu: number;
  /** CPU time of the browser's other processes during the load, by process type (SystemInfo.getProcessInfo):
   * the browser process itself, the GPU process (in software mode it composites and rasterises the frames), the
   * utility processes (the network service, storage). */
  browserCpu: number;
  gpuCpu: number;
  utilityCpu: number;
}
export const LOAD_KEYS: (keyof Load)[] = [
  'ready',
  'firstByte',
  'dataStart',
  'dataEnd',
  'app',
  'script',
  'layout',
  'pageCpu',
  'serverCpu',
  'mainCpu',
  'browserCpu',
  'gpuCpu',
  'utilityCpu',
];
export const medianLoad = (loads: Load[]): Load =>
  Object.fromEntries(LOAD_KEYS.map((k) => [k, median(loads.map((l) => l[k]))])) as unknown as Load;

export async function signedInContext(context: BrowserContext, server: E2eServer): Promise<void> {
  const res = await context.request.post(`${server.url}/api/auth/login`, {
    data: { login: 'operator', password: DEMO_PASSWORD },
  });
  if (!res.ok()) throw new Error(`вход не удался: ${res.status()}`);
}

const metricSeconds = (metrics: { name: string; value: number }[], ...names: string[]): number =>
  metrics.filter((m) => names.includes(m.name)).reduce((s, m) => s + m.value, 0);

/** CPU seconds so far of each of the browser's processes with its type (SystemInfo.getProcessInfo of the browser's
 * CDP session: 'browser', 'renderer', 'GPU', 'utility'…). */
async function processCpu(browserCdp: CDPSession): Promise<Map<number, { type: string; cpu: number }>> {
  const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
  return new Map(processInfo.map((p) => [p.id, { type: p.type, cpu: p.cpuTime }]));
}
const rendererCpu = (all: Map<number, { type: string; cpu: number }>): Map<number, number> =>
  new Map([...all].filter(([, p]) => p.type === 'renderer').map(([id, p]) => [id, p.cpu]));
/** ms of CPU between two snapshots of the processes whose type `pick` accepts. */
const cpuDelta = (
  before: Map<number, { type: string; cpu: number }>,
  after: Map<number, { type: string; cpu: number }>,
  pick: (type: string) => boolean,
): number =>
  1000 *
  [...after].filter(([, p]) => pick(p.type)).reduce((sum, [id, p]) => sum + p.cpu - (before.get(id)?.cpu ?? 0), 0);

/** ms on a CPU so far of a process's main thread (Linux /proc schedstat), 0 where there is none. */
function mainThreadCpu(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return 0;
  }
}

/** Navigation → selector visible and nothing busy, with the breakdown of that load. */
export async function timePage(
  context: BrowserContext,
  browserCdp: CDPSession,
  url: string,
  ready: string,
  /** round-trip time added to every request (Chrome's network emulation), as over a real network; 0: none */
  latencyMs = 0,
  /** a tab already open to navigate in (what an operator does with the browser open: the renderer process is
   * there already), instead of a new tab, which starts a renderer process of its own on every load */
  tab?: Page,
): Promise<Load> {
  const page = tab ?? (await context.newPage());
  // the page left before the clock starts: its unload is not this load's
  if (tab) await tab.goto('about:blank');
  const errors: string[] = [];
  const onError = (e: Error): number => errors.push(e.message);
  page.on('pageerror', onError);
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('Performance.enable');
    if (latencyMs > 0) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: latencyMs,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
    }
    const before = (await cdp.send('Performance.getMetrics')).metrics;
    const allBefore = await processCpu(browserCdp);
    const cpuBefore = rendererCpu(allBefore);
    // a renderer may be reused from an earlier load: its main thread's time so far is not this load's
    const mainBefore = new Map([...cpuBefore.keys()].map((id) => [id, mainThreadCpu(id)]));
    const serverBefore = process.cpuUsage();
    await page.goto(url, { waitUntil: 'commit' });
    const done = await page.waitForFunction(
      (selector) => {
        const shown = [...document.querySelectorAll(selector)].some((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.height > 0;
        });
        return shown && document.querySelectorAll('[aria-busy="true"]').length === 0 ? performance.now() : false;
      },
      ready,
      { polling: 'raf', timeout: 120_000 },
    );
    const readyAt = (await done.jsonValue()) as number;
    const server = process.cpuUsage(serverBefore);
    const allAfter = await processCpu(browserCdp);
    const cpuAfter = rendererCpu(allAfter);
    // the page's renderer: the one that worked the most during the load (a new tab's, or the one it navigated in)
    const busiest = [...cpuAfter].sort(
      (a, b) => b[1] - (cpuBefore.get(b[0]) ?? 0) - (a[1] - (cpuBefore.get(a[0]) ?? 0)),
    )[0];
    const mainCpu = busiest ? mainThreadCpu(busiest[0]) - (mainBefore.get(busiest[0]) ?? 0) : 0;
    const after = (await cdp.send('Performance.getMetrics')).metrics;
    const entries = await page.evaluate((until) => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const api = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
        (e) => new URL(e.name).pathname.startsWith('/api/') && e.startTime <= until,
      );
      return {
        firstByte: nav?.responseStart ?? 0,
        dataStart: api.length ? Math.min(...api.map((e) => e.startTime)) : 0,
        dataEnd: api.length ? Math.max(...api.map((e) => e.responseEnd)) : 0,
        app: performance.getEntriesByName('otklik:app')[0]?.startTime ?? 0,
      };
    }, readyAt);
    if (errors.length) throw new Error(`ошибки на странице: ${errors.join('; ')}`);
    const delta = (...names: string[]) => 1000 * (metricSeconds(after, ...names) - metricSeconds(before, ...names));
    return {
      ready: readyAt,
      ...entries,
      script: delta('ScriptDuration'),
      layout: delta('LayoutDuration', 'RecalcStyleDuration'),
      pageCpu: 1000 * [...cpuAfter].reduce((sum, [id, cpu]) => sum + cpu - (cpuBefore.get(id) ?? 0), 0),
      serverCpu: (server.user + server.system) / 1000,
      mainCpu,
      browserCpu: cpuDelta(allBefore, allAfter, (type) => type === 'browser'),
      gpuCpu: cpuDelta(allBefore, allAfter, (type) => type.toLowerCase() === 'gpu'),
      utilityCpu: cpuDelta(
        allBefore,
        allAfter,
        (type) => !['browser', 'renderer'].includes(type) && type.toLowerCase() !== 'gpu',
      ),
    };
  } finally {
    await cdp.detach().catch(() => undefined);
    page.off('pageerror', onError);
    if (!tab) await page.close();
  }
}
