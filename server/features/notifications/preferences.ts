import {
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationPreferences,
  type NotificationSettings,
  notificationSettingsSchema,
} from '../../../shared/api/notifications';
import type { Db } from '../../db/database';
import type { Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';

// Per-user choice of which kinds also go by e-mail and to the linked Telegram chat, and whether those wait for the
// daily digest. The workspace list always gets every notification. Without a stored row, everything is on, at once.
export function defaultSettings(): NotificationSettings {
  return {
    kinds: Object.fromEntries(
      NOTIFICATION_KINDS.map((k) => [k, { email: true, telegram: true }]),
    ) as NotificationSettings['kinds'],
    digest: false,
  };
}

export async function loadSettings(db: Db, userIds: readonly number[]): Promise<Map<number, NotificationSettings>> {
  const out = new Map<number, NotificationSettings>();
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('notification_preferences')
    .select(['user_id', 'settings'])
    .where('user_id', 'in', [...userIds])
    .execute();
  for (const r of rows) {
    const parsed = notificationSettingsSchema.safeParse(r.settings);
    if (parsed.success) out.set(r.user_id, parsed.data);
  }
  for (const id of userIds) if (!out.has(id)) out.set(id, defaultSettings());
  return out;
}

export function wants(settings: NotificationSettings, kind: NotificationKind, channel: 'email' | 'telegram'): boolean {
  return settings.kinds[kind][channel];
}

function userIdOf(ctx: Ctx): number {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'Уведомления есть только у сотрудников');
  return ctx.actor.userId;
}

export async function getPreferences(ctx: Ctx): Promise<NotificationPreferences> {
  const userId = userIdOf(ctx);
  const settings = (await loadSettings(ctx.db, [userId])).get(userId) ?? defaultSettings();
  const user = await ctx.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
  const link = await ctx.db
    .selectFrom('staff_telegram_links')
    .select('chat_id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return {
    ...settings,
    email: user?.email ?? null,
    telegramLinked: !!link?.chat_id,
    emailAvailable: ctx.services.config.email.smtp !== null,
    telegramAvailable: ctx.services.config.telegram !== null,
  };
}

export async function savePreferences(
  ctx: Ctx,
  input: NotificationSettings & { email?: string | null | undefined },
): Promise<NotificationPreferences> {
  const userId = userIdOf(ctx);
  const settings: NotificationSettings = { kinds: input.kinds, digest: input.digest };
  await ctx.db
    .insertInto('notification_preferences')
    .values({ user_id: userId, settings: JSON.stringify(settings), updated_at: ctx.services.clock.now() })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ settings: JSON.stringify(settings), updated_at: ctx.services.clock.now() }),
    )
    .execute();
  if (input.email !== undefined)
    await ctx.db.updateTable('users').set({ email: input.email }).where('id', '=', userId).execute();
  return getPreferences(ctx);
}
