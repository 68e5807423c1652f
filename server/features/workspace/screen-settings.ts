// Each user's own settings of a screen, kept on the server so they follow the user to any computer.
import { sql } from 'kysely';
import { DEFAULT_INBOX_SETTINGS, inboxSettingsSchema, type InboxSettings } from '../../../shared/api/workspace';
import type { Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';

function userId(ctx: Ctx): number {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'Настройки экрана есть только у пользователей');
  return ctx.actor.userId;
}

export async function getInboxSettings(ctx: Ctx): Promise<InboxSettings> {
  const row = await ctx.db
    .selectFrom('user_screen_settings')
    .select('settings')
    .where('user_id', '=', userId(ctx))
    .where('screen', '=', 'inbox')
    .executeTakeFirst();
  // settings saved by an older version that no longer parse fall back to the defaults instead of failing the screen
  const parsed = row ? inboxSettingsSchema.safeParse(row.settings) : null;
  return parsed?.success ? parsed.data : DEFAULT_INBOX_SETTINGS;
}

export async function saveInboxSettings(ctx: Ctx, input: InboxSettings): Promise<InboxSettings> {
  const settings = { ...input, columns: [...new Set(input.columns)] };
  const value = JSON.stringify(settings);
  await ctx.db
    .insertInto('user_screen_settings')
    .values({ user_id: userId(ctx), screen: 'inbox', settings: sql`${value}::jsonb` })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'screen'])
        .doUpdateSet({ settings: sql`${value}::jsonb`, updated_at: ctx.services.clock.now() }),
    )
    .execute();
  return settings;
}
