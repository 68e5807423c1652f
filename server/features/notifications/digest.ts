import { z } from 'zod';
import { toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import { defineJob, enqueue } from '../../jobs/outbox';
import type { Ctx } from '../../lib/context';
import { loadSettings, wants } from './preferences';
import { reachable } from './notify';
import { caseLink, sendToUser } from './send-notification.job';
import { isNotificationKind } from '../../../shared/api/notifications';

// The daily digest: users who chose it get, once a day at the configured Moscow hour, one letter and one Telegram
// message listing the notifications not yet put in a digest (read ones are left out). The day is recorded and the
// notifications are marked in the same transaction that queues the digest jobs, so the day's digest goes once;
// what arrives after it waits for the next day's.
const DIGEST_JOB = 'notification.digest';
const DIGEST_LIMIT = 100;
const DIGEST_STATE = 'notifications.digest';

export async function queueDigests(ctx: Ctx): Promise<number> {
  const now = ctx.services.clock.now();
  const day = toMoscowIsoDate(now);
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Moscow', hour: '2-digit', hourCycle: 'h23' }).format(now),
  );
  if (hour < ctx.services.config.notifications.digestHour) return 0;
  const done = await ctx.db
    .selectFrom('notification_state')
    .select('value')
    .where('key', '=', DIGEST_STATE)
    .executeTakeFirst();
  if (done?.value.day === day) return 0;
  await ctx.db
    .insertInto('notification_state')
    .values({ key: DIGEST_STATE, value: JSON.stringify({ day }), updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify({ day }), updated_at: now }))
    .execute();
  const prefs = await ctx.db
    .selectFrom('notification_preferences')
    .select('user_id')
    .where(({ ref }) => ref('settings', '->>').key('digest'), '=', 'true')
    .execute();
  const settings = await loadSettings(
    ctx.db,
    prefs.map((p) => p.user_id),
  );
  const reach = await reachable(
    ctx,
    prefs.map((p) => p.user_id),
  );
  let queued = 0;
  for (const [userId, s] of settings) {
    if (!s.digest) continue;
    const pending = await ctx.db
      .updateTable('notifications')
      .set({ digest_sent_at: now })
      .where('user_id', '=', userId)
      .where('digest_sent_at', 'is', null)
      .where('read_at', 'is', null)
      .returning(['id', 'kind'])
      .execute();
    for (const channel of ['email', 'telegram'] as const) {
      const ids = pending.filter((p) => isNotificationKind(p.kind) && wants(s, p.kind, channel)).map((p) => p.id);
      if (ids.length === 0 || !reach[channel].has(userId)) continue;
      await enqueue(
        ctx,
        digestJob,
        { userId, day, channel, ids: ids.slice(0, DIGEST_LIMIT) },
        `digest:${userId}:${day}:${channel}`,
      );
      queued++;
    }
  }
  return queued;
}

export const digestJob = defineJob({
  kind: DIGEST_JOB,
  schema: z.object({
    userId: z.number(),
    day: z.string(),
    channel: z.enum(['email', 'telegram']),
    ids: z.array(z.string()),
  }),
  maxAttempts: 'delivery',
  async handler(ctx, p) {
    const rows = await ctx.db
      .selectFrom('notifications')
      .select(['title', 'case_id'])
      .where('id', 'in', p.ids)
      .orderBy('created_at')
      .execute();
    if (rows.length === 0) return;
    const [y, m, d] = p.day.split('-');
    const lines = rows.map(
      (r) => `• ${r.title}${caseLink(ctx.services, r.case_id) ? ` — ${caseLink(ctx.services, r.case_id)}` : ''}`,
    );
    await sendToUser(ctx.services, p.channel, {
      userId: p.userId,
      key: `digest.${p.userId}.${p.day}`,
      subject: `Сводка уведомлений за ${d}.${m}.${y}: ${rows.length}`,
      text: lines.join('\n'),
    });
  },
});
