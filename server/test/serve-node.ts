// `otklik serve` as a child process — an app node of its own, as in production — for the tests of several nodes
// and of the intake bus. The web build and the compiled server are prepared once before the nodes start, so two
// nodes starting together do not both build them.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createServices } from '../boot';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { createToken } from '../features/auth/tokens';
import { addUser } from '../features/auth/users';
import { ensureWebBuilt } from '../http/web-build';
import { rootContext, SYSTEM_ACTOR, type Services } from '../lib/context';
import { silentLogger } from '../lib/logger';
import { createTestAnalyzer } from './test-analyzer';
import { createServerDatabase } from './database-templates';

const BIN = fileURLToPath(new URL('../../bin/otklik.mjs', import.meta.url));
const COMPILER = fileURLToPath(new URL('../../bin/compiled-server.mjs', import.meta.url));

export async function prepareServeNodes(): Promise<void> {
  await ensureWebBuilt(() => undefined);
  await promisify(execFile)(process.execPath, [COMPILER, '--quiet'], { timeout: 600_000 });
}

export interface ServeNode {
  /** http://127.0.0.1:port */
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  /** SIGKILL: the node dies mid-work, as in a crash. */
  kill(): Promise<void>;
  /** SIGTERM: the node's own shutdown (stops its pollers, releases its leases). */
  stop(): Promise<void>;
}

export async function startServeNode(
  env: Record<string, string>,
  timeoutMs = 240_000,
  args: readonly string[] = [],
): Promise<ServeNode> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  let port: string | undefined;
  while (!(port = /Отклик запущен: http:\/\/localhost:(\d+)\//.exec(out)?.[1])) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`otklik serve не запустился:\n${out.slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}

export interface NodesDatabase {
  /** The database the nodes share (DATABASE_URL). */
  readonly url: string;
  /** An integration token (scope: all messages). */
  readonly token: string;
  /** Services on the same database, for the test's own checks. */
  readonly services: Services;
  /** Closes the test's connection and drops the database. */
  drop(): Promise<void>;
}

/** A new database on the TEST_DATABASE_URL server, migrated and seeded before any node starts, with a token and users. */
export async function prepareNodesDatabase(
  serverUrl: string,
  users: readonly { login: string; role: string }[] = [],
): Promise<NodesDatabase> {
  const created = await createServerDatabase(serverUrl, true);
  const database = await openDatabase({ url: created.url });
  const services = await createServices(loadConfig({ DATABASE_URL: created.url, OTKLIK_DATA_DIR: 'memory://' }), {
    database,
    log: silentLogger,
    analyzer: createTestAnalyzer(),
  });
  const ctx = rootContext(services, SYSTEM_ACTOR);
  const { token } = await createToken(ctx, 'узлы');
  for (const user of users) await addUser(ctx, { login: user.login, password: NODES_PASSWORD, role: user.role });
  return {
    url: created.url,
    token,
    services,
    async drop() {
      await database.close();
      await created.drop();
    },
  };
}

export const NODES_PASSWORD = 'Пароль-узлов-2026';
