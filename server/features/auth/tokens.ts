import { ALL_SCOPES, isTokenScope, LEGACY_SCOPES, type TokenScope } from '../../../shared/auth/token-scopes';
import type { Actor, Ctx } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import type { Db } from '../../db/database';
import { requirePermission } from './authorize';
import { newSecret, sha256 } from './passwords';
import { recordAdminChange } from '../admin/admin-journal';
import { withTransaction } from '../../lib/context';
import { forgetCachedTokens } from './token-cache';

export interface TokenSummary {
  id: number;
  name: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export function parseScopes(values: readonly string[] | undefined): TokenScope[] {
  const scopes = (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  if (scopes.length === 0) return [...LEGACY_SCOPES];
  const unknown = scopes.filter((s) => !isTokenScope(s));
  if (unknown.length) {
    throw new AppError(
      'validation_failed',
      `Неизвестные области токена: ${unknown.join(', ')}. Допустимы: ${ALL_SCOPES.join(', ')}`,
    );
  }
  return [...new Set(scopes as TokenScope[])];
}

/** Creates an integration token; the plain value is returned once and only its hash is stored. */
export async function createToken(
  ctx: Ctx,
  name: string,
  scopes?: readonly string[],
): Promise<{ id: number; name: string; scopes: string[]; token: string }> {
  requirePermission(ctx.actor, 'tokens.manage');
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 100) throw new AppError('validation_failed', 'Укажите имя токена (до 100 символов)');
  const list = parseScopes(scopes);
  const token = newSecret('otk');
  const row = await withTransaction(ctx, async (tx) => {
    const created = await tx.db
      .insertInto('api_tokens')
      .values({ name: trimmed, token_hash: sha256(token), scopes: list })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await recordAdminChange(tx, {
      entity: 'token',
      key: String(created.id),
      action: 'created',
      details: { name: trimmed, scopes: list },
    });
    return created;
  });
  return { id: row.id, name: trimmed, scopes: list, token };
}

export async function listTokens(ctx: Ctx): Promise<TokenSummary[]> {
  requirePermission(ctx.actor, 'tokens.manage');
  const rows = await ctx.db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'scopes', 'created_at', 'last_used_at', 'revoked_at'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scopes: r.scopes,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/** Revokes a token: it is refused from the next request on. Revoking twice is harmless. */
export async function revokeToken(ctx: Ctx, id: number): Promise<TokenSummary> {
  requirePermission(ctx.actor, 'tokens.manage');
  await withTransaction(ctx, async (tx) => {
    const revoked = await tx.db
      .updateTable('api_tokens')
      .set({ revoked_at: ctx.services.clock.now() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (revoked) await recordAdminChange(tx, { entity: 'token', key: String(id), action: 'revoked' });
  });
  // This process's cache forgets now; other processes hear the table's announcement (token-cache.ts).
  forgetCachedTokens(ctx.services.database);
  const token = (await listTokens(ctx)).find((t) => t.id === id);
  if (!token) throw notFound('Токен');
  return token;
}

export interface FoundToken {
  id: number;
  name: string;
  scopes: string[];
}

/** The live token with this value (and notes its use, at most once a minute). */
export function findToken(db: Db, token: string, now: Date): Promise<FoundToken | null> {
  return findTokenByHash(db, sha256(token), now);
}

export async function findTokenByHash(db: Db, hash: string, now: Date): Promise<FoundToken | null> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'scopes', 'last_used_at'])
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return { id: row.id, name: row.name, scopes: row.scopes };
}

/** Refuses an integration acting outside its token's scopes (users and the system pass through). */
export function requireScope(actor: Actor, allowed: (scopes: readonly string[]) => boolean, what: string): void {
  if (actor.kind === 'integration' && !allowed(actor.scopes)) {
    throw new AppError('forbidden', `${actor.label}: токену не разрешено ${what}`);
  }
}
