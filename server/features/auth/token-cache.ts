// Integration tokens found by the request hook, kept for a few seconds per database handle, so that a burst of
// intake asks the database once per token instead of once per message. Revocation still takes effect at once: the
// table's trigger (migration 0039) announces every change on `otklik_api_tokens` and this cache forgets everything;
// while the listening connection is down nothing is served from memory; a revocation in this process forgets at
// once without waiting for the announcement. The few seconds bound what a silently broken connection could keep.
import type { Database } from '../../db/database';
import { sha256 } from './passwords';
import { findTokenByHash, type FoundToken } from './tokens';

export const TOKEN_CHANNEL = 'otklik_api_tokens';
const TTL_MS = 10_000;

class TokenCache {
  private readonly entries = new Map<string, { token: FoundToken; until: number }>();
  live = false;
  /** Bumped by every change: a lookup that started before one does not fill the cache. */
  private generation = 0;

  constructor(database: Database) {
    database.notifications.listen(TOKEN_CHANNEL, {
      onNotify: () => this.forget(),
      onLive: (live) => {
        this.live = live;
        this.forget();
      },
    });
  }

  forget(): void {
    this.generation++;
    this.entries.clear();
  }

  async find(database: Database, token: string, now: Date): Promise<FoundToken | null> {
    const hash = sha256(token);
    const hit = this.live ? this.entries.get(hash) : undefined;
    if (hit && hit.until > Date.now()) return hit.token;
    const generation = this.generation;
    const found = await findTokenByHash(database.db, hash, now);
    if (found && this.live && generation === this.generation)
      this.entries.set(hash, { token: found, until: Date.now() + TTL_MS });
    return found;
  }
}

const caches = new WeakMap<Database, TokenCache>();
const cacheOf = (database: Database): TokenCache => {
  let cache = caches.get(database);
  if (!cache) caches.set(database, (cache = new TokenCache(database)));
  return cache;
};

/** The live token with this value, from memory when it was found in the last few seconds and nothing changed since. */
export function findCachedToken(database: Database, token: string, now: Date): Promise<FoundToken | null> {
  return cacheOf(database).find(database, token, now);
}

/** Forgets the tokens of this database handle at once (a revocation made by this process). */
export function forgetCachedTokens(database: Database): void {
  caches.get(database)?.forget();
}

/** Whether the cache of this database handle serves from memory (it listens and the connection is up). */
export function tokenCacheLive(database: Database): boolean {
  return caches.get(database)?.live ?? false;
}
