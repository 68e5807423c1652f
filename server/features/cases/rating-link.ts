import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Ctx } from '../../lib/context';

// One-click rating links in answer letters: /rate/<case>-<answer>-<expiry>-<signature>. The signature is an
// HMAC-SHA256 over the case, the answer and the expiry with a key the server generates once and keeps in the database
// (server_secrets, shared by every instance), so the page needs no sign-in and a link cannot be forged or prolonged.
// A link is valid for RATING_LINK_DAYS; a rating through it is idempotent (one rating per answer).

export const RATING_LINK_DAYS = 30;
const SECRET_NAME = 'rating_links';
const TOKEN = /^(\d{1,18})-(\d{1,18})-([0-9a-z]{1,10})-([A-Za-z0-9_-]{22})$/;

async function linkKey(ctx: Ctx): Promise<Buffer> {
  const read = () =>
    ctx.db.selectFrom('server_secrets').select('value').where('name', '=', SECRET_NAME).executeTakeFirst();
  const existing = await read();
  if (existing) return Buffer.from(existing.value);
  await ctx.db
    .insertInto('server_secrets')
    .values({ name: SECRET_NAME, value: randomBytes(32) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const created = await read();
  if (!created) throw new Error('Ключ ссылок оценки не сохранён');
  return Buffer.from(created.value);
}

const sign = (key: Buffer, caseId: string, answerId: string, expiry: string): string =>
  createHmac('sha256', key).update(`rate:${caseId}:${answerId}:${expiry}`).digest('base64url').slice(0, 22);

/** The signed token for rating the answer, valid RATING_LINK_DAYS from now. */
export async function ratingToken(ctx: Ctx, caseId: string, answerId: string): Promise<string> {
  const expiry = Math.floor(ctx.services.clock.now().getTime() / 1000 + RATING_LINK_DAYS * 86_400).toString(36);
  return `${caseId}-${answerId}-${expiry}-${sign(await linkKey(ctx), caseId, answerId, expiry)}`;
}

export type TokenCheck = { ok: true; caseId: string; answerId: string } | { ok: false; reason: 'invalid' | 'expired' };

export async function checkRatingToken(ctx: Ctx, token: string): Promise<TokenCheck> {
  const match = TOKEN.exec(token);
  if (!match) return { ok: false, reason: 'invalid' };
  const [, caseId = '', answerId = '', expiry = '', signature = ''] = match;
  const expected = Buffer.from(sign(await linkKey(ctx), caseId, answerId, expiry));
  if (!timingSafeEqual(expected, Buffer.from(signature))) return { ok: false, reason: 'invalid' };
  if (parseInt(expiry, 36) * 1000 < ctx.services.clock.now().getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, caseId, answerId };
}
