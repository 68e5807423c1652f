// Intake throughput: Otklik's `POST /api/messages` against the floor — a minimal Fastify route doing one
// `INSERT … ON CONFLICT` into a table with the same unique key and a Russian full-text column — on the same
// PostgreSQL, side by side in one run (the machine's load changes between runs; the ratio is what compares).
// Each server runs in its own process (bench/intake/target.ts); autocannon loads it from this one with unique
// externalIds and texts from the shared SPb file when it is there (generated complaints otherwise).
// Usage: npx tsx bench/intake/intake-throughput.ts [--duration 15] [--connections 16] [--no-pglite] [--profile DIR]
//   BENCH_DATABASE_URL (or TEST_DATABASE_URL)=postgres://…/postgres — the server for the floor and Otklik on
//   PostgreSQL (fresh databases, dropped afterwards); without it only Otklik on PGlite is measured.
//   --profile DIR writes a V8 CPU profile of each Otklik server (node --cpu-prof) into DIR.
//   OTKLIK_ANALYSIS_THREADS=N sets Otklik's analysis threads (0: in the main thread; default: the machine's).
// Besides rates and latencies it prints the CPU each message costs the server, PostgreSQL (when it runs on this
// machine: read from /proc) and the load generator, and the ceiling that puts on the ratio when they share the cores.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { readSource } from '../../server/features/import-export/read-source';

const argValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const positive = (name: string, fallback: number): number => {
  const v = Number(argValue(name) ?? fallback);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name}: ожидается целое положительное число`);
  return v;
};
const DURATION = positive('duration', 15);
const CONNECTIONS = positive('connections', 16);
const PROFILE = argValue('profile');
const withPglite = !process.argv.includes('--no-pglite');
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const sharedFile = path.join(root, '..', 'shared', 'data', 'spb-appeals', 'messages.jsonl.gz');

const TOWNS = ['Пушкине', 'Колпине', 'Кронштадте', 'Петергофе', 'Зеленогорске', 'Сестрорецке'];
const PROBLEMS = [
  'огромная яма на дороге',
  'не вывозят мусор',
  'нет горячей воды',
  'не горят фонари',
  'течёт крыша',
  'сломана детская площадка',
];
const generated = (n: number): string =>
  `В ${TOWNS[n % TOWNS.length]} у дома ${n % 97} ${PROBLEMS[Math.floor(n / 6) % PROBLEMS.length]}, прошу принять меры (обращение ${n})`;

async function loadTexts(count: number): Promise<{ texts: string[]; source: string }> {
  if (!fs.existsSync(sharedFile))
    return { texts: Array.from({ length: count }, (_, i) => generated(i)), source: 'сгенерированные' };
  const texts: string[] = [];
  for await (const r of readSource(sharedFile, 'jsonl')) {
    if (!('value' in r)) continue;
    const text = (r.value as { text?: unknown }).text;
    if (typeof text === 'string' && text.trim()) texts.push(text.trim().slice(0, 20_000));
    if (texts.length >= count) break;
  }
  return { texts, source: 'СПб (../shared/data)' };
}

/**
 * CPU time (ms) of every PostgreSQL process on this machine, exited backends included (reaped by the postmaster):
 * the database's share of a load when the server runs here; null where /proc is not there or shows no postgres.
 */
function postgresCpuMs(): number | null {
  let ticks = 0;
  let found = false;
  for (const pid of fs.existsSync('/proc') ? fs.readdirSync('/proc') : []) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      // fields after the command: state is 3rd; utime, stime, cutime, cstime are the 14th–17th of the whole line
      const f = stat.slice(close + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      found = true;
    } catch {
      // the process ended meanwhile
    }
  }
  return found ? (ticks * 1000) / 100 : null; // USER_HZ is 100 on Linux
}

interface Counters {
  queries: number;
  queryMs: number;
  /** CPU time of the server's process during the measured load. */
  cpuMs: number;
}
interface Target {
  url: string;
  token: string;
  reset: () => Promise<void>;
  stop: () => Promise<Counters>;
}

async function startTarget(mode: 'floor' | 'otklik', url: string | undefined, label: string): Promise<Target> {
  const nodeFlags =
    PROFILE && mode === 'otklik'
      ? [
          '--cpu-prof',
          '--cpu-prof-dir',
          path.resolve(PROFILE, `otklik-${label.includes('PGlite') ? 'pglite' : 'postgres'}`),
        ]
      : [];
  const child: ChildProcessByStdio<Writable, Readable, null> = spawn(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', path.join(root, 'bench', 'intake', 'target.ts'), mode, ...(url ? [url] : [])],
    { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done) throw new Error(`сервер ${mode} не запустился`);
  const started = JSON.parse(first.value) as { url: string; token: string };
  return {
    ...started,
    reset: async () => {
      child.stdin.write('reset\n');
      await lines.next();
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.write('stop\n');
      const last = await lines.next();
      await exited;
      return last.done ? { queries: 0, queryMs: 0, cpuMs: 0 } : (JSON.parse(last.value) as Counters);
    },
  };
}

interface Figures {
  label: string;
  rate: number;
  p50: number;
  p99: number;
  sent: number;
  errors: number;
  queriesPerMessage: number | null;
  queryMs: number | null;
  cpuMsPerMessage: number;
  postgresCpuMsPerMessage: number | null;
  /** CPU of this process (autocannon) per answered message. */
  loadCpuMsPerMessage: number;
}

async function load(
  label: string,
  target: Target,
  texts: readonly string[],
  duration: number,
): Promise<autocannon.Result> {
  let n = 0;
  const run = `${label}-${Date.now().toString(36)}`;
  return autocannon({
    url: `${target.url}/api/messages`,
    connections: CONNECTIONS,
    duration,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(target.token ? { authorization: `Bearer ${target.token}` } : {}),
    },
    requests: [
      {
        setupRequest: (request) => {
          const i = n++;
          return {
            ...request,
            body: JSON.stringify({ channel: 'other', externalId: `${run}-${i}`, text: texts[i % texts.length] }),
          };
        },
      },
    ],
  });
}

async function measure(
  mode: 'floor' | 'otklik',
  label: string,
  url: string | undefined,
  texts: readonly string[],
): Promise<Figures> {
  const target = await startTarget(mode, url, label);
  try {
    await load(`${label}-warm`, target, texts, 3); // the classifier, the pool, the JIT
    await target.reset();
    const pgCpuBefore = url ? postgresCpuMs() : null;
    const loadCpuBefore = process.cpuUsage();
    const result = await load(label, target, texts, DURATION);
    const loadCpu = process.cpuUsage(loadCpuBefore);
    const pgCpuAfter = url ? postgresCpuMs() : null;
    const counters = await target.stop();
    const ok = result['2xx'];
    return {
      label,
      rate: ok / DURATION,
      p50: result.latency.p50,
      p99: result.latency.p99,
      sent: result.requests.sent,
      errors: result.non2xx + result.errors + result.timeouts,
      queriesPerMessage: url ? counters.queries / Math.max(1, ok) : null,
      queryMs: url ? counters.queryMs / Math.max(1, counters.queries) : null,
      cpuMsPerMessage: counters.cpuMs / Math.max(1, ok),
      postgresCpuMsPerMessage:
        pgCpuBefore === null || pgCpuAfter === null ? null : (pgCpuAfter - pgCpuBefore) / Math.max(1, ok),
      loadCpuMsPerMessage: (loadCpu.user + loadCpu.system) / 1000 / Math.max(1, ok),
    };
  } catch (error) {
    await target.stop().catch(() => undefined);
    throw error;
  }
}

const num = (x: number, digits = 0): string =>
  x.toLocaleString('ru-RU', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const { texts, source } = await loadTexts(50_000);
  console.log(
    `Тексты: ${source}, ${num(texts.length)}; ${CONNECTIONS} соединений, ${DURATION} с на замер (после 3 с прогрева); нагрузка машины (loadavg): ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  const rows: Figures[] = [];
  if (serverUrl) {
    rows.push(await measure('floor', 'floor (PostgreSQL)', serverUrl, texts));
    rows.push(await measure('otklik', 'Отклик (PostgreSQL)', serverUrl, texts));
  } else {
    console.log('Нет BENCH_DATABASE_URL/TEST_DATABASE_URL: пол и Отклик на PostgreSQL не измеряются');
  }
  if (withPglite) rows.push(await measure('otklik', 'Отклик (PGlite)', undefined, texts));
  const floorRate = serverUrl ? rows[0]!.rate : null;
  console.log(
    '\n| сервер | сообщений/с | p50, мс | p99, мс | ошибок | запросов к базе на сообщение | мс на запрос | мс ЦП сервера на сообщение | мс ЦП PostgreSQL на сообщение | мс ЦП нагрузки на сообщение | доля пола |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.label} | ${num(r.rate)} | ${num(r.p50)} | ${num(r.p99)} | ${r.errors} | ${r.queriesPerMessage === null ? '—' : num(r.queriesPerMessage, 1)} | ${r.queryMs === null ? '—' : num(r.queryMs, 1)} | ${num(r.cpuMsPerMessage, 2)} | ${r.postgresCpuMsPerMessage === null ? '—' : num(r.postgresCpuMsPerMessage, 2)} | ${num(r.loadCpuMsPerMessage, 2)} | ${floorRate ? num(r.rate / floorRate, 2) : '—'} |`,
    );
  }
  // Where the server, the database and the load share the same cores, a message costs the sum of their CPU; once the
  // floor keeps every core busy, the ratio cannot exceed the floor's sum over Otklik's.
  const total = (r: Figures): number | null =>
    r.postgresCpuMsPerMessage === null ? null : r.cpuMsPerMessage + r.postgresCpuMsPerMessage + r.loadCpuMsPerMessage;
  const [floorTotal, otklikTotal] = serverUrl ? [total(rows[0]!), total(rows[1]!)] : [null, null];
  if (floorTotal !== null && otklikTotal !== null) {
    const cores = (r: Figures, t: number): string => num((r.rate * t) / 1000, 2);
    console.log(
      `ЦП на сообщение (сервер + PostgreSQL + нагрузка): пол ${num(floorTotal, 2)} мс, Отклик ${num(otklikTotal, 2)} мс; ` +
        `занято ядер: пол ${cores(rows[0]!, floorTotal)}, Отклик ${cores(rows[1]!, otklikTotal)} из ${os.availableParallelism()}; ` +
        `когда пол занимает все ядра, доля не выше ${num(floorTotal / otklikTotal, 2)}`,
    );
  }
  console.log(
    `Нагрузка машины в конце (loadavg): ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  const failed = rows.some((r) => r.errors > 0);
  if (failed) console.error('Были ответы с ошибкой: смотрите вывод серверов');
  process.exitCode = failed ? 1 : 0;
}

await main();
