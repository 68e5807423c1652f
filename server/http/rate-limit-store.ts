// A store for @fastify/rate-limit that counts in the database every app node shares, so a client gets one limit
// whichever node answers (the library's own store counts in each process's memory). The same windows as the library's
// memory store: a key's window starts at its first request and ends `timeWindow` later, timed by the database's clock
// so that nodes whose clocks differ agree; one statement a request (an upsert that returns the count and the time
// left). Expired rows are deleted as the nodes go, at most once a minute each. The store does not implement the
// library's `continueExceeding` and `exponentialBackoff` options (no route here uses them).
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { Db } from '../db/database';

const SWEEP_EVERY_MS = 60_000;

type Callback = Parameters<FastifyRateLimitStore['incr']>[1];

class SharedRateLimitStore implements FastifyRateLimitStore {
  private lastSweep = 0;

  constructor(
    private readonly db: Db,
    private readonly prefix: string,
  ) {}

  incr(key: string, callback: Callback, timeWindow: number, _max: number): void {
    this.count(`${this.prefix}${key}`, timeWindow).then(
      (result) => callback(null, result),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  }

  child(routeOptions: { url?: string; path: string; method?: string | string[] }): FastifyRateLimitStore {
    const method = Array.isArray(routeOptions.method) ? routeOptions.method.join(',') : (routeOptions.method ?? '');
    return new SharedRateLimitStore(this.db, `${method} ${routeOptions.url ?? routeOptions.path} `);
  }

  private async count(key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
    const ms = Math.max(1, Math.round(windowMs));
    const window = sql`clock_timestamp() + ${ms} * interval '1 millisecond'`;
    const expired = sql`rate_limit_windows.expires_at <= clock_timestamp()`;
    const { rows } = await sql<{ hits: number; ttl: string }>`
      insert into rate_limit_windows (key, hits, expires_at) values (${key}, 1, ${window})
      on conflict (key) do update set
        hits = case when ${expired} then 1 else rate_limit_windows.hits + 1 end,
        expires_at = case when ${expired} then ${window} else rate_limit_windows.expires_at end
      returning hits, ceil(extract(epoch from (expires_at - clock_timestamp())) * 1000)::text as ttl`.execute(this.db);
    const row = rows[0];
    if (!row) throw new Error('rate limit: no count returned');
    this.sweep();
    return { current: Number(row.hits), ttl: Math.max(0, Number(row.ttl)) };
  }

  /** Deletes expired windows, at most once a minute per node; a failure only leaves them for the next sweep. */
  private sweep(): void {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    this.db
      .deleteFrom('rate_limit_windows')
      .where('expires_at', '<', sql<Date>`clock_timestamp()`)
      .execute()
      .catch(() => undefined);
  }
}

/** The store class for `@fastify/rate-limit`'s `store` option, counting in `db`. */
export function sharedRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  return class extends SharedRateLimitStore {
    constructor() {
      super(db, '');
    }
  };
}
