// Two builds of the web app compared load for load, on a shared machine: each is served by a server of its own in
// this one process (same data), and their loads alternate A, B, A, B…, so a change in the machine's load falls on
// both alike. Prints the medians and the median of the pairwise differences (B − A) of the ready time and the CPU
// columns (see page-load.ts). --tab same: each build's loads navigate one tab kept open (the renderer process is
// there already, as in an operator's open browser) instead of a new tab per load (a renderer process started each
// time).
// Usage: npx tsx bench/web/compare-builds.ts A_DIR B_DIR [--cases 1000] [--pairs 15] [--page inbox,dashboard,all]
//   [--latency MS] [--tab new|same] where A_DIR and B_DIR are builds (`npx vite build --outDir DIR`, with whatever differs between them);
//   BENCH_DATABASE_URL=postgres://…/postgres serves both from databases on that PostgreSQL server.
// The hashed assets of both go into dist/web/assets side by side; each server keeps its own index.html, read when it
// starts. At the end dist/web is made a build of the sources again.
import fs from 'node:fs';
import path from 'node:path';
import { WEB_DIST } from '../../server/http/app';
import { ensureWebBuilt, webSourceHash } from '../../server/http/web-build';
import { findChromium, launchChromium } from '../../web/e2e/browser';
import { startE2eServer, type E2eServer } from '../../web/e2e/e2e-server';
import { BARS, LOAD_KEYS, median, signedInContext, timePage, type Load } from './page-load';
import { synthesise } from './synthesise-cases';

const argValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const [dirA, dirB] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
const CASES = Number(argValue('cases') ?? 1000);
const LATENCY_MS = Math.max(0, Number(argValue('latency') ?? 0) || 0);
const PAIRS = Math.max(1, Number(argValue('pairs') ?? 15) || 15);
const SAME_TAB = argValue('tab') === 'same';
const PAGES: Record<string, [string, string]> = {
  inbox: ['/#/inbox', 'table.cases tbody tr'],
  dashboard: ['/#/dashboard', BARS],
  all: ['/#/dashboard?period=all', BARS],
};
if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
const chosen = (argValue('page') ?? 'inbox,dashboard').split(',');
const chromiumPath = findChromium();
if (!dirA || !dirB || !chromiumPath || chosen.some((p) => !PAGES[p])) {
  console.error('usage: compare-builds.ts A_DIR B_DIR [--cases N] [--pairs N] [--page inbox,dashboard,all]; Chromium');
  process.exit(1);
}

/** Puts build `dir` in place (its index.html, both builds' assets) and starts a server that reads it. */
async function serve(dir: string): Promise<E2eServer> {
  fs.mkdirSync(path.join(WEB_DIST, 'assets'), { recursive: true });
  for (const build of [dirA, dirB])
    fs.cpSync(path.join(build!, 'assets'), path.join(WEB_DIST, 'assets'), { recursive: true });
  fs.copyFileSync(path.join(dir, 'index.html'), path.join(WEB_DIST, 'index.html'));
  // the stamp says "built from these sources", so the server does not build dist/web again
  fs.writeFileSync(path.join(WEB_DIST, '.source-hash'), `${webSourceHash()}\n`);
  return startE2eServer({ prepare: (s) => synthesise(s, CASES) });
}

const servers = [await serve(dirA), await serve(dirB)] as const;
const browser = await launchChromium(chromiumPath);
try {
  const contexts = await Promise.all(
    servers.map(async (server) => {
      const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1400, height: 900 } });
      await signedInContext(context, server);
      return context;
    }),
  );
  const cdp = await browser.newBrowserCDPSession();
  const tabs = SAME_TAB ? await Promise.all(contexts.map((c) => c.newPage())) : [];
  const keys: (keyof Load)[] = [
    'ready',
    'app',
    'script',
    'layout',
    'mainCpu',
    'pageCpu',
    'serverCpu',
    'browserCpu',
    'gpuCpu',
    'utilityCpu',
  ];
  console.log(
    `A: ${dirA}\nB: ${dirB}\n${CASES} обращений, ${PAIRS} пар загрузок, задержка сети ${LATENCY_MS} мс, ${SAME_TAB ? 'одна открытая вкладка' : 'новая вкладка на загрузку'}; мс (медиана A / медиана B / медиана B − A)`,
  );
  for (const name of chosen) {
    const [hash, ready] = PAGES[name]!;
    const loads: [Load[], Load[]] = [[], []];
    for (let i = -1; i < PAIRS; i++) {
      for (const side of [0, 1] as const) {
        const url = `${servers[side].url}${hash}`;
        const load = await timePage(contexts[side]!, cdp, url, ready, LATENCY_MS, tabs[side]);
        if (i >= 0) loads[side].push(load); // the first pair warms the caches
      }
    }
    console.log(`\n${name}`);
    for (const key of keys.filter((k) => LOAD_KEYS.includes(k))) {
      const diff = median(loads[0].map((a, i) => (loads[1][i]?.[key] ?? 0) - a[key]));
      const [a, b] = loads.map((side) => median(side.map((l) => l[key])));
      console.log(
        `  ${key.padEnd(10)} ${a!.toFixed(0).padStart(6)} ${b!.toFixed(0).padStart(6)} ${diff >= 0 ? '+' : ''}${diff.toFixed(0)}`,
      );
    }
  }
} finally {
  await browser.close();
  for (const server of servers) await server.close();
  // dist/web back to a build of the sources, here, before tests running side by side would each redo it
  fs.rmSync(path.join(WEB_DIST, '.source-hash'), { force: true });
  await ensureWebBuilt(() => undefined);
}
