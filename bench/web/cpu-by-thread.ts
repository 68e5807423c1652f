// Where the browser's CPU goes during one first-screen load, by process type and thread name (Linux /proc: every
// thread of every Chromium process, before and after the load), for a load in a new tab and one in a tab kept open,
// alternating: the renderer's main thread, V8's worker pool (background compilation, GC), the compositor, the browser
// process, the GPU process's display compositor (software, as the benchmark runs with --disable-gpu)…
// Usage: npx tsx bench/web/cpu-by-thread.ts [--page inbox|dashboard] [--runs 4] [--args "--extra --chromium-flags"]
// Prints the median ms per thread (3 ms and more) and the median ready time of each kind of load.
import { readFileSync, readdirSync } from 'node:fs';
import { findChromium, launchChromium } from '../../web/e2e/browser';
import { startE2eServer } from '../../web/e2e/e2e-server';
import { BARS, median, signedInContext, timePage } from './page-load';
import { synthesise } from './synthesise-cases';

const argValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(argValue('runs') ?? 4);
const page = argValue('page') ?? 'inbox';
const hash = page === 'inbox' ? '/#/inbox' : '/#/dashboard';
const ready = page === 'inbox' ? 'table.cases tbody tr' : BARS;
const extra = (argValue('args') ?? '').split(' ').filter(Boolean);

function threads(): Map<string, { comm: string; ms: number; proc: string }> {
  const out = new Map<string, { comm: string; ms: number; proc: string }>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmd.includes('chromium')) continue;
    const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const comm = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
        const ms = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
        out.set(`${pid}/${tid}`, { comm, ms, proc: type });
      } catch {
        /* gone */
      }
    }
  }
  return out;
}

const server = await startE2eServer({ prepare: (s) => synthesise(s, 1000) });
const chromiumPath = findChromium();
if (!chromiumPath) throw new Error('Chromium не найден (пакет chromium или OTKLIK_CHROMIUM)');
const browser = await launchChromium(chromiumPath, extra);
const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1400, height: 900 } });
await signedInContext(context, server);
const cdp = await browser.newBrowserCDPSession();
const tab = await context.newPage();
const sums: Record<string, Record<string, number[]>> = { new: {}, same: {} };
const readies: Record<string, number[]> = { new: [], same: [] };
for (let i = -1; i < RUNS; i++) {
  for (const mode of ['new', 'same'] as const) {
    const t = mode === 'same' ? tab : await context.newPage();
    const before = threads();
    const load = await timePage(context, cdp, `${server.url}${hash}`, ready, 0, t);
    const after = threads();
    if (mode === 'new') await t.close();
    if (i < 0) continue;
    readies[mode]!.push(load.ready);
    const by: Record<string, number> = {};
    for (const [k, t] of after) {
      const d = t.ms - (before.get(k)?.ms ?? 0);
      const key = `${t.proc}:${t.comm.replace(/\d+$/, 'N')}`;
      by[key] = (by[key] ?? 0) + d;
    }
    for (const [k, v] of Object.entries(by)) (sums[mode]![k] ??= []).push(v);
  }
}
for (const mode of ['new', 'same']) {
  console.log(`\n${mode} tab: ready median ${median(readies[mode]!).toFixed(0)} ms`);
  const rows = Object.entries(sums[mode]!)
    .map(([k, v]) => [k, median(v)] as const)
    .filter(([, v]) => v >= 3)
    .sort((a, b) => b[1] - a[1]);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(40)} ${v.toFixed(0).padStart(5)}`);
}
await browser.close();
await server.close();
