// PostgreSQL going away (restart, failover, network) is an outage, not a bug: every query that fails because the
// connection is gone or cannot be opened fails as AppError('unavailable') — 503 with Retry-After over HTTP, a
// retry later for the background jobs — and the pool opens fresh connections once the server is back.
import {
  PostgresDialect,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { AppError } from '../lib/errors';

/** How long a query waits for a connection while the server is away before it fails as unavailable. */
export const CONNECT_TIMEOUT_MS = 5_000;
/** What a client is told to wait before it retries. */
export const RETRY_AFTER_SECONDS = 5;

// Node socket errors, PostgreSQL's admin/crash shutdown, "cannot connect now" (starting up), too many connections
// and the connection exception class (08…).
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
// node-postgres reports a few of these without a code
const CONNECTION_MESSAGES =
  /connection terminated|timeout exceeded when trying to connect|not queryable|client was closed|connection error/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof AppError) return current.code === 'unavailable';
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    if (current instanceof Error && CONNECTION_MESSAGES.test(current.message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export function databaseUnavailable(cause?: unknown): AppError {
  const error = new AppError(
    'unavailable',
    `База данных временно недоступна: повторите запрос через ${RETRY_AFTER_SECONDS} с`,
    { retryAfterSeconds: RETRY_AFTER_SECONDS },
  );
  if (cause !== undefined) error.cause = cause;
  return error;
}

async function guard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw isDatabaseUnavailable(error) && !(error instanceof AppError) ? databaseUnavailable(error) : error;
  }
}

/** Kysely's PostgreSQL driver with connection failures turned into AppError('unavailable'). */
class OutageAwareDriver implements Driver {
  readonly #inner = new WeakMap<DatabaseConnection, DatabaseConnection>();
  constructor(private readonly driver: Driver) {}

  init(): Promise<void> {
    return guard(() => this.driver.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await guard(() => this.driver.acquireConnection());
    const outer: DatabaseConnection = {
      executeQuery: <R>(query: CompiledQuery) => guard(() => inner.executeQuery<R>(query)),
      streamQuery: <R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> =>
        inner.streamQuery<R>(query, chunkSize),
    };
    this.#inner.set(outer, inner);
    return outer;
  }

  #of(connection: DatabaseConnection): DatabaseConnection {
    return this.#inner.get(connection) ?? connection;
  }

  beginTransaction(c: DatabaseConnection, s: TransactionSettings): Promise<void> {
    return guard(() => this.driver.beginTransaction(this.#of(c), s));
  }
  commitTransaction(c: DatabaseConnection): Promise<void> {
    return guard(() => this.driver.commitTransaction(this.#of(c)));
  }
  rollbackTransaction(c: DatabaseConnection): Promise<void> {
    return guard(() => this.driver.rollbackTransaction(this.#of(c)));
  }
  savepoint(c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return guard(() => this.#savepoints().savepoint(this.#of(c), name, compile));
  }
  rollbackToSavepoint(c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return guard(() => this.#savepoints().rollbackToSavepoint(this.#of(c), name, compile));
  }
  releaseSavepoint(c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return guard(() => this.#savepoints().releaseSavepoint(this.#of(c), name, compile));
  }
  #savepoints(): Required<Pick<Driver, 'savepoint' | 'rollbackToSavepoint' | 'releaseSavepoint'>> {
    const { savepoint, rollbackToSavepoint, releaseSavepoint } = this.driver;
    if (!savepoint || !rollbackToSavepoint || !releaseSavepoint)
      throw new Error('The PostgreSQL driver has no savepoints');
    return {
      savepoint: savepoint.bind(this.driver),
      rollbackToSavepoint: rollbackToSavepoint.bind(this.driver),
      releaseSavepoint: releaseSavepoint.bind(this.driver),
    };
  }
  releaseConnection(c: DatabaseConnection): Promise<void> {
    return this.driver.releaseConnection(this.#of(c));
  }
  destroy(): Promise<void> {
    return this.driver.destroy();
  }
}

export class OutageAwarePostgresDialect extends PostgresDialect {
  override createDriver(): Driver {
    return new OutageAwareDriver(super.createDriver());
  }
}
