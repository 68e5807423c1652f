import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database';

// Work that must run on one app node at a time — polling a mailbox, searching VK — holds a named lease in the database
// (table `node_leases`). The holder renews it at every run; when the holder stops, it releases it, and when it dies,
// the lease expires and another node takes over at its next run. Outbox jobs need none of this: each row is taken by
// one dispatcher (see jobs/outbox.ts).

export interface NodeLease {
  readonly name: string;
  /** This holder, unique per start of the poller (two pollers in one process are two holders). */
  readonly holder: string;
  /** Takes or renews the lease; false while another live holder has it. */
  hold(now: Date): Promise<boolean>;
  /** Gives the lease up if held, so another node takes over at once. */
  release(): Promise<void>;
}

export function nodeLease(db: Db, name: string, ttlMs: number): NodeLease {
  const holder = randomUUID();
  return {
    name,
    holder,
    async hold(now) {
      const expires = new Date(now.getTime() + ttlMs);
      const row = await sql<{ holder: string }>`
        insert into node_leases (name, holder, expires_at) values (${name}, ${holder}, ${expires})
        on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
          where node_leases.holder = excluded.holder or node_leases.expires_at <= ${now}
        returning holder`.execute(db);
      return row.rows.length > 0;
    },
    async release() {
      await sql`delete from node_leases where name = ${name} and holder = ${holder}`.execute(db);
    },
  };
}

/**
 * A poller's run guarded by a lease: `run` happens only on the node holding the lease (ttl: a few intervals, so a dead
 * holder is replaced within that time). Returns whether it ran.
 */
export async function runIfLeaseHeld(lease: NodeLease, now: Date, run: () => Promise<void>): Promise<boolean> {
  if (!(await lease.hold(now))) return false;
  await run();
  return true;
}

export interface SingletonPoller {
  /** Lease name: one per kind of polling (one mailbox, one search). */
  readonly name: string;
  readonly intervalMs: number;
  readonly firstDelayMs?: number;
  readonly run: () => Promise<void>;
  /** A failed run is reported here and retried at the next tick. */
  readonly onError: (error: unknown) => void;
}

/**
 * Runs `run` every intervalMs until stopped, on the one node that holds the poller's lease (ttl: three intervals, at
 * least a minute). Stopping waits for the run in progress and releases the lease.
 */
export function startSingletonPoller(db: Db, clock: { now(): Date }, poller: SingletonPoller): () => Promise<void> {
  const lease = nodeLease(db, poller.name, Math.max(3 * poller.intervalMs, 60_000));
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout;
  const tick = (): void => {
    if (stopped) return;
    running = runIfLeaseHeld(lease, clock.now(), poller.run)
      .catch(poller.onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, poller.intervalMs);
      });
  };
  timer = setTimeout(tick, poller.firstDelayMs ?? 0);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
    await lease.release().catch(poller.onError);
  };
}
