// Every benchmark in one run: `npm run bench` (quick sizes) or `npm run bench -- --full` (each benchmark's own
// defaults, which take from minutes to hours). Each benchmark runs as its own process and prints its figures beside
// the baseline it measures in the same run; this script only starts them one after another, says which were skipped
// and why (no Chromium, no shared data, no BENCH_DATABASE_URL), and exits non-zero when one of them failed.
//   npm run bench [-- --full] [-- --only NAME[,NAME]]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from '../web/e2e/browser';

interface Bench {
  name: string;
  file: string;
  quick: string[];
  /** Why it cannot run here, or null. */
  missing?: () => string | null;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sharedData = join(root, '..', 'shared', 'data');
const needsSharedData = (): string | null => (existsSync(sharedData) ? null : 'нет папки ../shared/data');
const needsServer = (): string | null =>
  process.env.BENCH_DATABASE_URL ? null : 'нужен BENCH_DATABASE_URL (сервер PostgreSQL)';
const needsChromium = (): string | null => (findChromium() ? null : 'нет Chromium');

export const BENCHES: Bench[] = [
  { name: 'cli', file: 'bench/cli/start.ts', quick: ['--runs', '3'] },
  { name: 'understanding', file: 'bench/understanding/precision.ts', quick: ['--kursk=100', '--spb=500'] },
  { name: 'duplicates', file: 'bench/duplicates/join-quality.ts', quick: [] },
  { name: 'urgency', file: 'bench/urgency/flags.ts', quick: [] },
  {
    name: 'classifier',
    file: 'bench/classifier/quality.ts',
    quick: ['--seeds', '1', '--no-full'],
    missing: needsSharedData,
  },
  { name: 'import', file: 'bench/import/import-throughput.ts', quick: ['--limit', '3000'], missing: needsSharedData },
  { name: 'intake', file: 'bench/intake/intake-throughput.ts', quick: ['--duration', '5'] },
  { name: 'channels', file: 'bench/channels/webhook-flood.ts', quick: ['--calls', '1000', '--baseline', '300'] },
  { name: 'messengers', file: 'bench/messengers/webhook-flood.ts', quick: ['--count', '500'] },
  {
    name: 'web',
    file: 'bench/web/first-screens.ts',
    quick: ['--cases', '1000,20000', '--runs', '3'],
    missing: needsChromium,
  },
  {
    name: 'analytics',
    file: 'bench/analytics/ten-million.ts',
    quick: ['--messages', '200000', '--runs', '5'],
    missing: needsServer,
  },
];

function main(): number {
  const args = process.argv.slice(2);
  const full = args.includes('--full');
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',').filter(Boolean)) : null;
  const unknown = only ? [...only].filter((n) => !BENCHES.some((b) => b.name === n)) : [];
  if (unknown.length > 0) {
    console.error(`Неизвестные замеры: ${unknown.join(', ')}. Есть: ${BENCHES.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const failed: string[] = [];
  for (const bench of BENCHES) {
    if (only && !only.has(bench.name)) continue;
    const why = bench.missing?.() ?? null;
    if (why) {
      console.log(`\n### ${bench.name}: пропущен (${why})`);
      continue;
    }
    const benchArgs = full ? [] : bench.quick;
    console.log(`\n### ${bench.name}: npx tsx ${bench.file} ${benchArgs.join(' ')}`);
    const run = spawnSync(
      process.execPath,
      [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), bench.file, ...benchArgs],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
    if (run.status !== 0) failed.push(bench.name);
  }
  if (failed.length > 0) console.error(`\nНе удались: ${failed.join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = main();
