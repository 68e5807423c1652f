// `otklik serve --processes N`: N server processes on one port (node:cluster), sharing PostgreSQL — how one machine
// with several cores runs several app nodes without a balancer in front. The primary prepares the database once
// (migrations, reference data, the demo), starts the workers, prints the address when all of them listen, starts a
// new worker when one dies and stops them all on SIGINT/SIGTERM. Each worker is a whole node (`otklik serve`): the
// work that must run once is shared through the database, as between nodes on separate hosts (docs/ARCHITECTURE.md,
// «Несколько узлов и шина приёма»). PostgreSQL only: PGlite is one process's database.
import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';

/** What a worker sends the primary once it listens. */
interface Listening {
  type: 'otklik:listening';
  port: number;
}
const LISTENING = 'otklik:listening';
/** More unexpected exits than this within a minute: something is wrong with every start, and the server stops. */
const MAX_RESTARTS_PER_MINUTE = 5;
const RESTART_DELAY_MS = 1_000;
const STOP_TIMEOUT_MS = 30_000;

/** `--processes`: a whole number 1–64, or `auto` (one per core). */
export function parseProcesses(value: string | undefined): number {
  if (value === undefined) return 1;
  if (value === 'auto') return os.availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new Error(`--processes: ожидается целое число от 1 до 64 или auto, получено «${value}»`);
  return n;
}

/** Analysis threads of each of N processes by default: the cores left after one per process, shared, at most two. */
export function threadsPerProcess(processes: number, cores = os.availableParallelism()): number {
  return Math.max(0, Math.min(2, Math.floor((cores - processes) / processes)));
}

/** True in a worker started by `runPrimary`: the primary has prepared the database and prints the address. */
export const isServeWorker = (): boolean => cluster.isWorker;

/** A worker tells the primary it listens (instead of printing the address itself). */
export function reportListening(port: number): void {
  process.send?.({ type: LISTENING, port } satisfies Listening);
}

export interface PrimaryOptions {
  processes: number;
  /** Prepares the database once, before any worker starts; returns lines for the banner (the demo's users). */
  prepare: () => Promise<string[]>;
  /** The banner, once every worker listens. */
  banner: (port: number, lines: string[]) => string;
  /** Written to stdout / stderr (the tests read it). */
  out?: (line: string) => void;
}

export async function runPrimary(options: PrimaryOptions): Promise<void> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const lines = await options.prepare();
  // Workers run this same command; unless the operator chose, each gets its share of the cores for analysis.
  const env: NodeJS.ProcessEnv = {
    ...(process.env.OTKLIK_ANALYSIS_THREADS === undefined
      ? { OTKLIK_ANALYSIS_THREADS: String(threadsPerProcess(options.processes)) }
      : {}),
  };
  const workers = new Set<Worker>();
  const listening = new Set<Worker>();
  const exits: number[] = [];
  let announced = false;
  let stopping = false;
  let allExited: () => void = () => undefined;

  const stop = (code: number): void => {
    if (stopping) return;
    stopping = true;
    const done = new Promise<void>((resolve) => (allExited = resolve));
    if (workers.size === 0) allExited();
    for (const worker of workers) worker.process.kill('SIGTERM');
    const force = setTimeout(() => {
      for (const worker of workers) worker.process.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    void done.then(() => {
      clearTimeout(force);
      process.exit(code);
    });
  };

  const start = (): void => {
    const worker = cluster.fork(env);
    workers.add(worker);
    worker.on('message', (message: Partial<Listening> | undefined) => {
      if (message?.type !== LISTENING || typeof message.port !== 'number') return;
      listening.add(worker);
      if (announced) {
        out(`Процесс ${worker.process.pid} запущен и принимает запросы`);
      } else if (listening.size === options.processes) {
        announced = true;
        const pids = [...listening].map((w) => w.process.pid).join(', ');
        out(options.banner(message.port, [...lines, `Процессы: ${options.processes} на одном порту (pid ${pids})`]));
      }
    });
    worker.on('exit', (code, signal) => {
      workers.delete(worker);
      listening.delete(worker);
      if (stopping) {
        if (workers.size === 0) allExited();
        return;
      }
      const how = signal ? `сигнал ${signal}` : `код ${code}`;
      // A worker that fails before the server is up fails the start, as `otklik serve` would.
      if (!announced) {
        process.stderr.write(`Процесс ${worker.process.pid} завершился при запуске (${how}); сервер остановлен\n`);
        stop(1);
        return;
      }
      const now = Date.now();
      exits.push(now);
      while (exits.length > 0 && exits[0]! < now - 60_000) exits.shift();
      if (exits.length > MAX_RESTARTS_PER_MINUTE) {
        process.stderr.write(
          `Процессы завершаются снова и снова (${exits.length} за минуту, последний — ${how}); сервер остановлен\n`,
        );
        stop(1);
        return;
      }
      process.stderr.write(`Процесс ${worker.process.pid} завершился (${how}); запускаю новый\n`);
      setTimeout(() => {
        if (!stopping) start();
      }, RESTART_DELAY_MS);
    });
  };

  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));
  for (let i = 0; i < options.processes; i++) start();
}
