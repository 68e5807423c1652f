import { isRole } from '../../../shared/auth/roles';
import type { Actor } from '../../lib/context';
import type { Db } from '../../db/database';
import { newSecret, sha256, verifyPassword } from './passwords';

export async function login(db: Db, loginName: string, password: string, now: Date, ttlHours: number): Promise<string | null> {
  const user = await db.selectFrom('users').select(['id', 'password_hash', 'active'])
    .where('login', '=', loginName.trim()).executeTakeFirst();
  // Verify even for unknown logins so timing does not reveal which logins exist.
  const ok = await verifyPassword(password, user?.password_hash ?? 'scrypt$16384$8$1$AAAA$AAAA');
  if (!user || !user.active || !ok) return null;
  const sessionId = newSecret('ses');
  await db.insertInto('sessions').values({
    id: sha256(sessionId), user_id: user.id, expires_at: new Date(now.getTime() + ttlHours * 3_600_000),
  }).execute();
  return sessionId;
}

export async function logout(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sha256(sessionId)).execute();
}

export async function actorForSession(db: Db, sessionId: string, now: Date): Promise<Actor | null> {
  const row = await db.selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.login', 'users.full_name', 'users.role', 'users.organisation_id', 'users.block_code', 'users.active', 'sessions.expires_at'])
    .where('sessions.id', '=', sha256(sessionId)).executeTakeFirst();
  if (!row || !row.active || row.expires_at.getTime() <= now.getTime() || !isRole(row.role)) return null;
  return {
    kind: 'user', userId: row.id, login: row.login, role: row.role, organisationId: row.organisation_id,
    blockCode: row.block_code, label: row.full_name || row.login,
  };
}
