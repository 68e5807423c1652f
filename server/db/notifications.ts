// LISTEN/NOTIFY for caches that must forget at once what another process changed (integration tokens: a revocation
// from the CLI or another app node). PostgreSQL: one dedicated connection per database handle, reconnected after a
// loss; while it is down the listeners are told they are not live (notifications may be missed), so a cache
// serves nothing from memory until it is back. PGlite: its one session in this process, always live.
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import type pg from 'pg';
import type { Db } from './database';

export interface ListenHandlers {
  /** A notification on the channel. */
  onNotify(payload: string): void;
  /** True once notifications are delivered; false whenever some may have been missed. */
  onLive(live: boolean): void;
}

export interface Notifications {
  /** Starts listening on `channel` (an identifier: letters, digits, underscores); returns the function that stops. */
  listen(channel: string, handlers: ListenHandlers): () => void;
  close(): Promise<void>;
}

const RECONNECT_MS = 1000;
const checked = (channel: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/u.test(channel)) throw new Error(`bad notification channel: ${channel}`);
  return channel;
};

/** Subscribers by channel, told of notifications and of whether they are live. */
class Subscribers {
  readonly byChannel = new Map<string, Set<ListenHandlers>>();
  add(channel: string, handlers: ListenHandlers): { first: boolean; remove: () => void } {
    let set = this.byChannel.get(channel);
    const first = !set;
    if (!set) this.byChannel.set(channel, (set = new Set()));
    set.add(handlers);
    return { first, remove: () => set.delete(handlers) };
  }
  notify(channel: string, payload: string): void {
    for (const h of this.byChannel.get(channel) ?? []) h.onNotify(payload);
  }
  live(value: boolean, channel?: string): void {
    for (const [name, set] of this.byChannel)
      if (channel === undefined || name === channel) for (const h of set) h.onLive(value);
  }
}

export function postgresNotifications(url: string, connectTimeoutMs: number): Notifications {
  const subscribers = new Subscribers();
  let client: pg.Client | null = null;
  let starting = false;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  const lose = (c: pg.Client): void => {
    if (client !== c) return;
    client = null;
    subscribers.live(false);
    c.end().catch(() => undefined);
    schedule();
  };
  const schedule = (): void => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void start();
    }, RECONNECT_MS);
    timer.unref();
  };
  const start = async (): Promise<void> => {
    if (closed || client || starting || subscribers.byChannel.size === 0) return;
    starting = true;
    const { default: pgModule } = await import('pg');
    const c = new pgModule.Client({
      connectionString: url,
      keepAlive: true,
      connectionTimeoutMillis: connectTimeoutMs,
    });
    c.on('error', () => lose(c));
    c.on('end', () => lose(c));
    c.on('notification', (n) => subscribers.notify(n.channel, n.payload ?? ''));
    try {
      await c.connect();
      for (const channel of subscribers.byChannel.keys()) await c.query(`listen ${channel}`);
      if (closed) {
        await c.end();
        return;
      }
      client = c;
      subscribers.live(true);
    } catch {
      c.removeAllListeners('end');
      await c.end().catch(() => undefined);
      schedule();
    } finally {
      starting = false;
    }
  };

  return {
    listen(channel, handlers) {
      const { first, remove } = subscribers.add(checked(channel), handlers);
      const c = client;
      if (!c) void start();
      else if (!first) handlers.onLive(true);
      else
        c.query(`listen ${channel}`).then(
          () => subscribers.live(client === c, channel),
          () => lose(c),
        );
      return remove;
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      subscribers.live(false);
      await c?.end().catch(() => undefined);
    },
  };
}

/** PGlite: notifications of this process's own session. LISTEN runs through Kysely, so never inside another's
 *  transaction (the serialised driver hands the session over whole). */
export function pgliteNotifications(client: PGlite, db: () => Db): Notifications {
  const subscribers = new Subscribers();
  const listening = new Map<string, Promise<void>>();
  let stop: (() => void) | null = null;
  return {
    listen(channel, handlers) {
      const { remove } = subscribers.add(checked(channel), handlers);
      stop ??= client.onNotification((name, payload) => subscribers.notify(name, payload));
      let ready = listening.get(channel);
      if (!ready) listening.set(channel, (ready = sql`listen ${sql.raw(channel)}`.execute(db()).then(() => undefined)));
      ready.then(
        () => handlers.onLive(true),
        () => listening.delete(channel),
      );
      return remove;
    },
    async close() {
      stop?.();
      subscribers.live(false);
    },
  };
}
