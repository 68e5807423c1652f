// Start time of the `otklik` binary: `otklik --help` and `otklik tokens list` (a fresh embedded data folder), each
// run compiled (dist/server, the default) and from the TypeScript sources through tsx (OTKLIK_CLI_FROM_SOURCE=1), in
// the same run and interleaved, so both see the same machine load. Prints the median, the fastest and the ratio.
// Then the floor under `tokens list`: a bare script that only opens the same PGlite folder, runs `select 1` and closes
// it (with the same V8 flag as the command), beside the command itself. Every figure also gives the CPU time of the
// process (Linux: from /proc), which a busy machine inflates far less than the wall-clock time.
//   npx tsx bench/cli/start.ts [--runs N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt >= 0 ? Math.max(1, Number(process.argv[runsAt + 1]) || 5) : 5;
const dataDir = mkdtempSync(join(tmpdir(), 'otklik-cli-bench-'));

/** CPU seconds (user + system) of this process's finished children, or null off Linux. */
function childrenCpu(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  // after the command name: state is field 3, cutime and cstime are fields 16 and 17 (clock ticks, 100 a second)
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

interface Run {
  ms: number;
  cpu: number | null;
}

function timed(argv: string[], env: NodeJS.ProcessEnv, what: string): Run {
  const cpuBefore = childrenCpu();
  const began = process.hrtime.bigint();
  const run = spawnSync(process.execPath, argv, { cwd: root, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - began) / 1e6;
  if (run.status !== 0) throw new Error(`${what} завершился с кодом ${run.status}: ${run.stderr}`);
  const cpuAfter = childrenCpu();
  return { ms, cpu: cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) * 1000 };
}

// The floor: PGlite alone on the command's folder, started as a short command starts it (the same --liftoff-only the
// binary sets for `tokens`, the small buffer cache of database.ts's shortLived).
const FLOOR = `import { PGlite } from '@electric-sql/pglite';
const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];
const db = await PGlite.create({ dataDir: process.argv[1], startParams });
await db.query('select 1');
await db.close();`;

function start(args: string[], fromSource: boolean): Run {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OTKLIK_DATA_DIR: dataDir,
    OTKLIK_CLI_FROM_SOURCE: fromSource ? '1' : '',
  };
  delete env.DATABASE_URL;
  return timed([join(root, 'bin', 'otklik.mjs'), ...args], env, `otklik ${args.join(' ')}`);
}

const floor = (): Run =>
  timed(
    ['--liftoff-only', '--input-type=module', '-e', FLOOR, join(dataDir, 'pglite')],
    process.env,
    'PGlite без команды',
  );

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} с`;
const summary = (runs: Run[]): string => {
  const cpu = runs.flatMap((r) => (r.cpu === null ? [] : [r.cpu]));
  const ms = runs.map((r) => r.ms);
  return `медиана ${fmt(median(ms))} (лучший ${fmt(Math.min(...ms))}${cpu.length ? `, процессор — медиана ${fmt(median(cpu))}` : ''})`;
};

try {
  // the first start builds the compiled server (once per source content) and creates the data folder
  start(['tokens', 'list'], false);
  console.log(
    `Запуск otklik: ${runs} раз каждой команды, скомпилированный сервер и tsx по очереди (данные: новая папка PGlite)`,
  );
  for (const args of [['--help'], ['tokens', 'list']]) {
    const compiled: Run[] = [];
    const source: Run[] = [];
    for (let i = 0; i < runs; i++) {
      compiled.push(start(args, false));
      source.push(start(args, true));
    }
    const ratio = median(source.map((r) => r.ms)) / median(compiled.map((r) => r.ms));
    console.log(
      `otklik ${args.join(' ')}: скомпилированный — ${summary(compiled)}; tsx — ${summary(source)}; ` +
        `быстрее в ${ratio.toFixed(1)} раза`,
    );
  }
  const bare: Run[] = [];
  const command: Run[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(floor());
    command.push(start(['tokens', 'list'], false));
  }
  console.log(`PGlite на той же папке без команды (пол): ${summary(bare)}`);
  console.log(`otklik tokens list рядом с ним: ${summary(command)}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
