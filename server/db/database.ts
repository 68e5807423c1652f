import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  Kysely, Migrator, sql,
  type DatabaseConnection, type Dialect, type Driver, type KyselyPlugin, type Migration, type MigrationProvider,
  type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode,
  type UnknownRow, type TransactionSettings,
} from 'kysely';
import { KyselyPGlite } from 'kysely-pglite';
import pg from 'pg';
import { MIGRATIONS } from './migrations/index';
import { CONNECT_TIMEOUT_MS, OutageAwarePostgresDialect } from './outage';
import type { DB } from './schema';

export type Db = Kysely<DB>;
export type Engine = 'pglite' | 'postgres';

export interface Database {
  /** Root handle. Inside `transaction()` it refuses to run: use the handle passed to the callback. */
  readonly db: Db;
  readonly engine: Engine;
  transaction<T>(fn: (trx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
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

function wrap(base: Kysely<DB>, engine: Engine, onClose: () => Promise<void>): Database {
  return {
    db: base.withPlugin(new TransactionEscapeGuard()),
    engine,
    transaction: (fn) => base.transaction().execute((trx) => openTransaction.run(true, () => fn(trx))),
    close: onClose,
  };
}

/** PGlite has one session: a mutex hands it to one Kysely "connection" (a query or a whole transaction) at a time. */
class SerializedDriver implements Driver {
  #queue: Promise<void> = Promise.resolve();
  #release = new Map<DatabaseConnection, () => void>();
  constructor(private readonly inner: Driver) {}
  init(): Promise<void> { return this.inner.init(); }
  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const turn = new Promise<void>((r) => { release = r; });
    const previous = this.#queue;
    this.#queue = previous.then(() => turn);
    await previous;
    const connection = await this.inner.acquireConnection();
    this.#release.set(connection, release);
    return connection;
  }
  beginTransaction(c: DatabaseConnection, s: TransactionSettings): Promise<void> { return this.inner.beginTransaction(c, s); }
  commitTransaction(c: DatabaseConnection): Promise<void> { return this.inner.commitTransaction(c); }
  rollbackTransaction(c: DatabaseConnection): Promise<void> { return this.inner.rollbackTransaction(c); }
  async releaseConnection(c: DatabaseConnection): Promise<void> {
    await this.inner.releaseConnection(c);
    const release = this.#release.get(c);
    this.#release.delete(c);
    release?.();
  }
  destroy(): Promise<void> { return this.inner.destroy(); }
}

function pgliteDialect(client: PGlite): Dialect {
  const inner = new KyselyPGlite(client).dialect;
  return { ...inner, createDriver: () => new SerializedDriver(inner.createDriver()) };
}

export interface OpenOptions {
  /** postgres://… — a real server. */
  url?: string | undefined;
  /** Folder for embedded PGlite data; `memory://` or undefined for in-memory. */
  dataDir?: string | undefined;
  /** A connection to PostgreSQL broke (server restart, network): logged, the pool replaces it. */
  onConnectionLost?: (error: Error) => void;
}

// Dates come back as Date; bigint ids as strings; numeric stays string (converted where read).
pg.types.setTypeParser(20, (v) => v);

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    // While the server is away a request waits at most CONNECT_TIMEOUT_MS for a connection, then answers 503.
    const pool = new pg.Pool({ connectionString: options.url, max: 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true });
    // A connection closed by the server (restart, failover, admin) must not crash the process, whether it is idle
    // or held by a request or a transaction between its queries: every client has a listener of its own (which
    // reports the loss once), and the pool's (for idle ones) only keeps the event from being unhandled.
    // The pool drops a broken connection and opens a new one on the next query.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', (error) => options.onConnectionLost?.(error)));
    const base = new Kysely<DB>({ dialect: new OutageAwarePostgresDialect({ pool }) });
    return wrap(base, 'postgres', () => base.destroy());
  }
  const dir = options.dataDir && options.dataDir !== 'memory://' ? options.dataDir : undefined;
  if (dir) fs.mkdirSync(path.dirname(dir), { recursive: true });
  // bigint (int8) ids come back as strings on both engines
  const parsers = { 20: (value: string) => value };
  const client = await PGlite.create(dir ? { dataDir: dir, parsers } : { parsers });
  const base = new Kysely<DB>({ dialect: pgliteDialect(client) });
  return wrap(base, 'pglite', () => base.destroy());
}

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> { return MIGRATIONS; }
}

export interface MigrationReport { applied: string[] }

/** True when every migration is recorded as applied: one query instead of the migrator's locking round (quick starts). */
async function upToDate(database: Database): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(database.db);
    const applied = new Set(rows.map((r) => r.name));
    return Object.keys(MIGRATIONS).every((name) => applied.has(name));
  } catch {
    return false; // a new database: no migration table yet
  }
}

export async function migrateToLatest(database: Database): Promise<MigrationReport> {
  if (await upToDate(database)) return { applied: [] };
  const migrator = new Migrator({ db: database.db, provider: new StaticProvider(), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? '');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
