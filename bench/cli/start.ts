// Start time of the `otklik` binary: `otklik --help` and `otklik tokens list` (a fresh embedded data folder), each
// run compiled (dist/server, the default) and from the TypeScript sources through tsx (OTKLIK_CLI_FROM_SOURCE=1), in
// the same run and interleaved, so both see the same machine load. Prints the median, the fastest and the ratio.
//   npx tsx bench/cli/start.ts [--runs N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt >= 0 ? Math.max(1, Number(process.argv[runsAt + 1]) || 5) : 5;
const dataDir = mkdtempSync(join(tmpdir(), 'otklik-cli-bench-'));

function start(args: string[], fromSource: boolean): number {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OTKLIK_DATA_DIR: dataDir,
    OTKLIK_CLI_FROM_SOURCE: fromSource ? '1' : '',
  };
  delete env.DATABASE_URL;
  const began = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [join(root, 'bin', 'otklik.mjs'), ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - began) / 1e6;
  if (run.status !== 0) throw new Error(`otklik ${args.join(' ')} завершился с кодом ${run.status}: ${run.stderr}`);
  return ms;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} с`;

try {
  // the first start builds the compiled server (once per source content) and creates the data folder
  start(['tokens', 'list'], false);
  console.log(
    `Запуск otklik: ${runs} раз каждой команды, скомпилированный сервер и tsx по очереди (данные: новая папка PGlite)`,
  );
  for (const args of [['--help'], ['tokens', 'list']]) {
    const compiled: number[] = [];
    const source: number[] = [];
    for (let i = 0; i < runs; i++) {
      compiled.push(start(args, false));
      source.push(start(args, true));
    }
    const c = median(compiled);
    const s = median(source);
    console.log(
      `otklik ${args.join(' ')}: скомпилированный — медиана ${fmt(c)} (лучший ${fmt(Math.min(...compiled))}); ` +
        `tsx — медиана ${fmt(s)} (лучший ${fmt(Math.min(...source))}); быстрее в ${(s / c).toFixed(1)} раза`,
    );
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
