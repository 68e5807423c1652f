import { createHash, randomInt } from 'node:crypto';
import type { Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';

// Linking a staff member's Telegram chat: the workspace issues a one-time code (only its hash is stored, valid for
// 15 minutes); the staff member sends «/start CODE» (the bot's deep link does it) or «/link CODE» to the bot, and
// the chat becomes theirs for notifications. A new code replaces the old one; unlinking forgets the chat.
const CODE_TTL_MS = 15 * 60_000;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

const hash = (code: string): string => createHash('sha256').update(code.trim().toUpperCase()).digest('hex');

export async function issueLinkCode(ctx: Ctx): Promise<{ code: string; expiresAt: string; link: string | null }> {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'Связать чат может только сотрудник');
  if (!ctx.services.config.telegram) throw new AppError('invalid_transition', 'Telegram-бот не настроен');
  const code = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const expires = new Date(ctx.services.clock.now().getTime() + CODE_TTL_MS);
  await ctx.db
    .insertInto('staff_telegram_links')
    .values({ user_id: ctx.actor.userId, code_hash: hash(code), code_expires_at: expires })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ code_hash: hash(code), code_expires_at: expires }))
    .execute();
  const bot = ctx.services.config.telegram.username;
  return { code, expiresAt: expires.toISOString(), link: bot ? `https://t.me/${bot}?start=${code}` : null };
}

/** The bot's side: a code sent from a private chat. Returns the linked user's name, or null for an unknown or expired code. */
export async function linkChat(ctx: Ctx, code: string, chatId: number): Promise<string | null> {
  if (!/^[A-Za-z0-9]{8}$/.test(code.trim())) return null;
  const now = ctx.services.clock.now();
  const row = await ctx.db
    .selectFrom('staff_telegram_links')
    .innerJoin('users', 'users.id', 'staff_telegram_links.user_id')
    .select(['staff_telegram_links.user_id', 'users.full_name', 'users.login'])
    .where('code_hash', '=', hash(code))
    .where('code_expires_at', '>', now)
    .where('users.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  // one chat belongs to one staff member: linking it elsewhere moves it
  await ctx.db
    .updateTable('staff_telegram_links')
    .set({ chat_id: null, linked_at: null })
    .where('chat_id', '=', String(chatId))
    .where('user_id', '!=', row.user_id)
    .execute();
  await ctx.db
    .updateTable('staff_telegram_links')
    .set({ chat_id: String(chatId), linked_at: now, code_hash: null, code_expires_at: null })
    .where('user_id', '=', row.user_id)
    .execute();
  return row.full_name || row.login;
}

export async function unlinkChat(ctx: Ctx): Promise<void> {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'Только для сотрудников');
  await ctx.db.deleteFrom('staff_telegram_links').where('user_id', '=', ctx.actor.userId).execute();
}
