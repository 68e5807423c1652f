import { isRole } from '../../../shared/auth/roles';
import type { Actor } from '../../lib/context';
import type { Db } from '../../db/database';
import { newSecret, sha256 } from './passwords';

export type UserActor = Extract<Actor, { kind: 'user' }>;
/** 'full': a signed-in user; 'enrol': password accepted, but the user must enrol a second factor before anything else. */
export type SessionStage = 'full' | 'enrol';
export interface SessionPolicy {
  ttlHours: number;
  idleMinutes: number;
}
export interface ResolvedSession {
  actor: UserActor;
  stage: SessionStage;
}

// A session ends at the first of: its absolute lifetime, idleMinutes without a request, sign-out, a password change
// (every other session of the user), deactivation of the user. Only the SHA-256 of the cookie value is stored.
const TOUCH_EVERY_MS = 60_000;

export async function openSession(
  db: Db,
  userId: number,
  stage: SessionStage,
  now: Date,
  ttlHours: number,
): Promise<string> {
  const sessionId = newSecret('ses');
  await db
    .insertInto('sessions')
    .values({
      id: sha256(sessionId),
      user_id: userId,
      stage,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + ttlHours * 3_600_000),
    })
    .execute();
  return sessionId;
}

export async function closeSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sha256(sessionId)).execute();
}

/** Ends every session of a user, except the one given (the session that changed the password stays). */
export async function closeUserSessions(db: Db, userId: number, keepSessionId?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) query = query.where('id', '<>', sha256(keepSessionId));
  await query.execute();
}

export async function promoteSession(db: Db, sessionId: string): Promise<void> {
  await db.updateTable('sessions').set({ stage: 'full' }).where('id', '=', sha256(sessionId)).execute();
}

export async function resolveSession(
  db: Db,
  sessionId: string,
  now: Date,
  policy: SessionPolicy,
): Promise<ResolvedSession | null> {
  const id = sha256(sessionId);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'users.id',
      'users.login',
      'users.full_name',
      'users.role',
      'users.organisation_id',
      'users.block_code',
      'users.active',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'sessions.stage',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const idleSince = now.getTime() - row.last_seen_at.getTime();
  if (
    !row.active ||
    row.expires_at.getTime() <= now.getTime() ||
    idleSince >= policy.idleMinutes * 60_000 ||
    !isRole(row.role)
  ) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  if (idleSince >= TOUCH_EVERY_MS)
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  return {
    stage: row.stage === 'enrol' ? 'enrol' : 'full',
    actor: {
      kind: 'user',
      userId: row.id,
      login: row.login,
      role: row.role,
      organisationId: row.organisation_id,
      blockCode: row.block_code,
      label: row.full_name || row.login,
    },
  };
}
