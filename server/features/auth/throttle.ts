import { sql } from 'kysely';
import type { Db } from '../../db/database';

// Failed sign-in counters in a table (auth_throttle), so every app node on one PostgreSQL sees the same counts;
// the same SQL runs on PGlite. One row per key: `login:<login>` and `address:<ip>`. After 3 failures in a row each
// further attempt on a login must wait 1, 2, 4 … s (at most 30 s; progressive delay); at its limit a key is locked
// for the lockout period (an address only then, so colleagues behind one proxy are not slowed by one typist). Failures older than the lockout period are forgotten; a successful sign-in clears its login's row.
/** progressive: delay attempts from the third failure on (logins; an address is only locked at its limit). */
export interface ThrottlePolicy {
  maxFailures: number;
  lockoutMinutes: number;
  progressive: boolean;
}
export interface ThrottleState {
  blocked: boolean;
  retryAfterSeconds: number;
  locked: boolean;
}

const DELAY_FROM = 3;
const MAX_DELAY_MS = 30_000;

export const loginKey = (login: string): string => `login:${login.trim().toLowerCase()}`;
export const addressKey = (address: string): string => `address:${address}`;

/** Whether an attempt on these keys may go ahead now. */
export async function checkThrottle(db: Db, keys: readonly string[], now: Date): Promise<ThrottleState> {
  const rows = await db
    .selectFrom('auth_throttle')
    .select(['locked_until', 'next_attempt_at'])
    .where('key', 'in', keys)
    .execute();
  let until = 0;
  let locked = false;
  for (const row of rows) {
    const lockedUntil = row.locked_until?.getTime() ?? 0;
    if (lockedUntil > now.getTime()) locked = true;
    until = Math.max(until, lockedUntil, row.next_attempt_at?.getTime() ?? 0);
  }
  const wait = until - now.getTime();
  return { blocked: wait > 0, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)), locked };
}

/** Counts one failure against a key (atomically, whichever node writes) and returns the count. */
export async function recordFailure(db: Db, key: string, policy: ThrottlePolicy, now: Date): Promise<number> {
  const forgetBefore = new Date(now.getTime() - policy.lockoutMinutes * 60_000);
  const row = await db
    .insertInto('auth_throttle')
    .values({ key, failures: 1, last_failure_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when auth_throttle.last_failure_at < ${forgetBefore}
        or auth_throttle.locked_until <= ${now} then 1 else auth_throttle.failures + 1 end`,
        last_failure_at: now,
        locked_until: sql<Date | null>`case when auth_throttle.locked_until <= ${now} then null else auth_throttle.locked_until end`,
      }),
    )
    .returning(['failures'])
    .executeTakeFirstOrThrow();
  const failures = row.failures;
  const lockedUntil = failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockoutMinutes * 60_000) : null;
  const delay =
    policy.progressive && failures >= DELAY_FROM ? Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - DELAY_FROM)) : 0;
  await db
    .updateTable('auth_throttle')
    .where('key', '=', key)
    .set({
      next_attempt_at: delay ? new Date(now.getTime() + delay) : null,
      ...(lockedUntil ? { locked_until: lockedUntil } : {}),
    })
    .execute();
  return failures;
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
}
