import type { Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';
import type { Db } from '../../db/database';
import { newSecret, sha256 } from './passwords';

/** Creates an integration token; the plain value is returned once and only its hash is stored. */
export async function createToken(ctx: Ctx, name: string): Promise<{ id: number; name: string; token: string }> {
  const trimmed = name.trim();
  if (!trimmed) throw new AppError('validation_failed', 'Укажите имя токена');
  const token = newSecret('otk');
  const row = await ctx.db.insertInto('api_tokens').values({ name: trimmed, token_hash: sha256(token) })
    .returning(['id']).executeTakeFirstOrThrow();
  return { id: row.id, name: trimmed, token };
}

export async function findToken(db: Db, token: string): Promise<{ id: number; name: string } | null> {
  const row = await db.selectFrom('api_tokens').select(['id', 'name'])
    .where('token_hash', '=', sha256(token)).where('revoked_at', 'is', null).executeTakeFirst();
  return row ?? null;
}
