import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  Kysely,
  Migrator,
  sql,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type KyselyPlugin,
  type Migration,
  type MigrationProvider,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type TransactionSettings,
} from 'kysely';
import { KyselyPGlite } from 'kysely-pglite';
import { copyingPgliteDriver, installCopy } from './copy-rows';
import { applyDatabaseFunctions } from './functions/index';
import { loadMigrations, MIGRATION_NAMES } from './migrations/index';
import { CONNECT_TIMEOUT_MS, OutageAwarePostgresDialect } from './outage';
import { pgliteNotifications, postgresNotifications, type Notifications } from './notifications';
import type { DB } from './schema';

export type Db = Kysely<DB>;
export type Engine = 'pglite' | 'postgres';

export interface Database {
  /** Root handle. Inside `transaction()` it refuses to run: use the handle passed to the callback. */
  readonly db: Db;
  readonly engine: Engine;
  transaction<T>(fn: (trx: Db) => Promise<T>): Promise<T>;
  /** LISTEN/NOTIFY (notifications.ts): caches learn at once what another process changed. */
  readonly notifications: Notifications;
  close(): Promise<void>;
  /** PGlite only: the whole data folder as a tar (see OpenOptions.snapshot); undefined on PostgreSQL. */
  readonly dumpSnapshot?: () => Promise<Blob>;
}

export class TransactionEscapeError extends Error {
  constructor() {
    super('A query ran on the root database handle inside a transaction: pass the transaction handle down.');
  }
}

// Guards against the classic bug of a query escaping its transaction: on PGlite it deadlocks, on PostgreSQL it
// silently runs outside. Queries built from the root handle while a transaction is open in the same async flow throw.
const openTransaction = new AsyncLocalStorage<true>();
class TransactionEscapeGuard implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (openTransaction.getStore()) throw new TransactionEscapeError();
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

function wrap(
  base: Kysely<DB>,
  engine: Engine,
  notifications: Notifications,
  onClose: () => Promise<void>,
  dumpSnapshot?: () => Promise<Blob>,
): Database {
  return {
    db: base.withPlugin(new TransactionEscapeGuard()),
    engine,
    transaction: (fn) => base.transaction().execute((trx) => openTransaction.run(true, () => fn(trx))),
    notifications,
    close: async () => {
      await notifications.close();
      await onClose();
    },
    ...(dumpSnapshot ? { dumpSnapshot } : {}),
  };
}

// Work that no one is waiting for (outbox jobs, channel polling, scheduled rebuilds) runs marked as background: on
// PGlite, whose one session is shared by everything, it yields to the queries of requests (see SerializedDriver).
const backgroundWork = new AsyncLocalStorage<true>();
/** Runs fn (and everything it starts) as background work. On PostgreSQL, with a pool of sessions, it changes nothing. */
export function asBackgroundWork<T>(fn: () => T): T {
  return backgroundWork.run(true, fn);
}

/** How long background work waits after a request's query before it takes the session (a request's next query
 * usually follows within a few milliseconds), and the longest it yields to a steady stream of requests. */
export const BACKGROUND_GRACE_MS = 25;
export const BACKGROUND_MAX_WAIT_MS = 1000;

interface Waiter {
  readonly background: boolean;
  readonly since: number;
  readonly grant: () => void;
}

/**
 * PGlite has one session: a lock hands it to one Kysely "connection" (a query or a whole transaction) at a time.
 * Requests go first: background work gets the session only when no request waits and none has used it in the last
 * BACKGROUND_GRACE_MS, or once it has waited BACKGROUND_MAX_WAIT_MS (so a steady load still lets jobs through).
 * A long background transaction is not interrupted; jobs that rebuild much work in chunks (see rollup.ts).
 */
export class SerializedDriver implements Driver {
  #busy = false;
  #waiters: Waiter[] = [];
  #lastRequestAt = 0;
  #timer: NodeJS.Timeout | null = null;
  #release = new Map<DatabaseConnection, () => void>();
  constructor(
    private readonly inner: Driver,
    private readonly now: () => number = () => performance.now(),
  ) {}
  init(): Promise<void> {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const background = backgroundWork.getStore() === true;
    // PGlite runs in this thread and answers through promises only: a job's chain of queries would never let the
    // event loop read an incoming request. A background query first lets pending I/O run.
    if (background) await new Promise<void>((resume) => setImmediate(resume));
    await new Promise<void>((grant) => {
      this.#waiters.push({ background, since: this.now(), grant });
      this.#dispatch();
    });
    try {
      const connection = await this.inner.acquireConnection();
      this.#release.set(connection, () => this.#free(background));
      return connection;
    } catch (error) {
      this.#free(background);
      throw error;
    }
  }
  beginTransaction(c: DatabaseConnection, s: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(c, s);
  }
  commitTransaction(c: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(c);
  }
  rollbackTransaction(c: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(c);
  }
  async releaseConnection(c: DatabaseConnection): Promise<void> {
    await this.inner.releaseConnection(c);
    const release = this.#release.get(c);
    this.#release.delete(c);
    release?.();
  }
  destroy(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    return this.inner.destroy();
  }

  #free(background: boolean): void {
    this.#busy = false;
    if (!background) this.#lastRequestAt = this.now();
    this.#dispatch();
  }

  /** Hands the free session to the next waiter: the oldest request, else the oldest background work when its turn has come. */
  #dispatch(): void {
    if (this.#busy || !this.#waiters.length) return;
    const now = this.now();
    let index = this.#waiters.findIndex((w) => !w.background);
    if (index < 0) {
      const oldest = this.#waiters[0]!;
      const due = Math.min(this.#lastRequestAt + BACKGROUND_GRACE_MS, oldest.since + BACKGROUND_MAX_WAIT_MS);
      if (now < due) {
        if (!this.#timer)
          this.#timer = setTimeout(
            () => {
              this.#timer = null;
              this.#dispatch();
            },
            Math.ceil(due - now),
          );
        return;
      }
      index = 0;
    } else {
      const starved = this.#waiters.find((w) => w.background && now - w.since >= BACKGROUND_MAX_WAIT_MS);
      if (starved) index = this.#waiters.indexOf(starved);
    }
    const [next] = this.#waiters.splice(index, 1);
    this.#busy = true;
    next!.grant();
  }
}

function pgliteDialect(client: PGlite): Dialect {
  const inner = new KyselyPGlite(client).dialect;
  return { ...inner, createDriver: () => new SerializedDriver(copyingPgliteDriver(inner.createDriver(), client)) };
}

export interface OpenOptions {
  /** postgres://… — a real server. */
  url?: string | undefined;
  /** Folder for embedded PGlite data; `memory://` or undefined for in-memory. */
  dataDir?: string | undefined;
  /** PGlite, new database only (in memory, or a folder that does not exist yet): start from this data folder (a tar
   * from `dumpSnapshot`) instead of an empty one. It skips initdb and the migrations, which take most of a new
   * embedded database's start (the test kit uses it). */
  snapshot?: Blob | undefined;
  /** PGlite: a short administrative command, not a server. PostgreSQL inside PGlite then starts with a small buffer
   * cache: zeroing the default 128 MB costs about a fifth of a second, more than such a command spends on queries. */
  shortLived?: boolean | undefined;
  /** A connection to PostgreSQL broke (server restart, network): logged, the pool replaces it. */
  onConnectionLost?: (error: Error) => void;
}

const SHORT_LIVED_SHARED_BUFFERS = '16MB';

type PgliteAssets = { pgliteWasmModule?: WebAssembly.Module; fsBundle?: Blob };
/** PGlite's compiled WebAssembly and file bundle when a short command started loading them early
 * (bin/pglite-assets.mjs); nothing otherwise, and PGlite loads them itself. */
async function preloadedPgliteAssets(): Promise<PgliteAssets> {
  const preloaded = (globalThis as Record<symbol, Promise<PgliteAssets> | undefined>)[
    Symbol.for('otklik.pgliteAssets')
  ];
  return preloaded ? preloaded.catch(() => ({})) : {};
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    // node-postgres and its COPY stream load only for a server (a command on the embedded database does not pay)
    const [{ default: pg }, { from: copyFrom }] = await Promise.all([import('pg'), import('pg-copy-streams')]);
    // Dates come back as Date; bigint ids as strings; numeric stays string (converted where read).
    pg.types.setTypeParser(20, (v) => v);
    // While the server is away a request waits at most CONNECT_TIMEOUT_MS for a connection, then answers 503.
    const pool = new pg.Pool({
      connectionString: options.url,
      // No JIT: a query over the monthly partitions is costed for every partition (pruning happens when it runs), so
      // it passes JIT's thresholds and spends seconds compiling before its first row — a rollup chunk took 3 s
      // instead of 60 ms. The application's queries are short; none gains from JIT. (PGlite has no JIT.)
      options: '-c jit=off',
      max: 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
    });
    // A connection closed by the server (restart, failover, admin) must not crash the process, whether it is idle
    // or held by a request or a transaction between its queries: every client has a listener of its own (which
    // reports the loss once), and the pool's (for idle ones) only keeps the event from being unhandled.
    // The pool drops a broken connection and opens a new one on the next query.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => {
      client.on('error', (error) => options.onConnectionLost?.(error));
      installCopy(client, copyFrom); // copyRows (copy-rows.ts) on the transaction's own connection
    });
    const base = new Kysely<DB>({ dialect: new OutageAwarePostgresDialect({ pool }) });
    return wrap(base, 'postgres', postgresNotifications(options.url, CONNECT_TIMEOUT_MS), () => base.destroy());
  }
  const dir = options.dataDir && options.dataDir !== 'memory://' ? options.dataDir : undefined;
  if (dir) fs.mkdirSync(path.dirname(dir), { recursive: true });
  // bigint (int8) ids come back as strings on both engines
  const parsers = { 20: (value: string) => value };
  const load = options.snapshot && !(dir && fs.existsSync(dir)) ? { loadDataDir: options.snapshot } : {};
  const start = options.shortLived
    ? { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHORT_LIVED_SHARED_BUFFERS}`] }
    : {};
  const assets = await preloadedPgliteAssets();
  const client = await PGlite.create({ ...(dir ? { dataDir: dir } : {}), parsers, ...load, ...start, ...assets });
  const base = new Kysely<DB>({ dialect: pgliteDialect(client) });
  const database = wrap(
    base,
    'pglite',
    pgliteNotifications(client, () => database.db),
    () => base.destroy(),
    () => client.dumpDataDir('none'),
  );
  return database;
}

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return loadMigrations();
  }
}

export interface MigrationReport {
  applied: string[];
}

/** True when every migration is recorded as applied: one query instead of the migrator's locking round (quick starts). */
export async function schemaIsCurrent(database: Database): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(database.db);
    const applied = new Set(rows.map((r) => r.name));
    return MIGRATION_NAMES.every((name) => applied.has(name));
  } catch {
    return false; // a new database: no migration table yet
  }
}

/** Brings the schema up to date: pending migrations, then the database functions kept as code (functions/index.ts). */
export async function migrateToLatest(database: Database): Promise<MigrationReport> {
  const report = await applyMigrations(database);
  await applyDatabaseFunctions(database.db);
  return report;
}

async function applyMigrations(database: Database): Promise<MigrationReport> {
  if (await schemaIsCurrent(database)) return { applied: [] };
  const migrator = new Migrator({ db: database.db, provider: new StaticProvider(), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? '');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
