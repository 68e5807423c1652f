import type { NotificationKind } from '../../../shared/api/notifications';
import { enqueue } from '../../jobs/outbox';
import { sendNotificationJob } from './send-notification.job';
import type { Ctx } from '../../lib/context';
import { loadSettings, wants } from './preferences';

// The one way a notification is made. A row per (user, kind, subject) — the unique key makes every producer
// idempotent: the same event read twice, a retried job, a second scan of the same deadline insert nothing and send
// nothing. For each new row, e-mail and Telegram jobs go to the outbox in the same transaction (unless the user
// takes the daily digest), keyed by the notification, so a job retried after a timeout is still one job.
export interface NotificationDraft {
  userIds: readonly number[];
  kind: NotificationKind;
  subject: string;
  caseId: string | null;
  title: string;
  body: string;
}

export async function notify(ctx: Ctx, draft: NotificationDraft): Promise<number> {
  const userIds = [...new Set(draft.userIds)];
  if (userIds.length === 0) return 0;
  const created = await ctx.db
    .insertInto('notifications')
    .values(
      userIds.map((userId) => ({
        user_id: userId,
        kind: draft.kind,
        subject: draft.subject,
        case_id: draft.caseId,
        title: draft.title,
        body: draft.body,
        created_at: ctx.services.clock.now(),
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'kind', 'subject']).doNothing())
    .returning(['id', 'user_id'])
    .execute();
  if (created.length === 0) return 0;
  const ids = created.map((c) => c.user_id);
  const settings = await loadSettings(ctx.db, ids);
  const reach = await reachable(ctx, ids);
  for (const row of created) {
    const s = settings.get(row.user_id);
    if (!s || s.digest) continue;
    for (const channel of ['email', 'telegram'] as const) {
      if (wants(s, draft.kind, channel) && reach[channel].has(row.user_id)) {
        await enqueue(
          ctx,
          sendNotificationJob,
          { notificationId: row.id, channel },
          `notification:${row.id}:${channel}`,
        );
      }
    }
  }
  return created.length;
}

/** Users who can be reached by e-mail (an address and SMTP configured) and by Telegram (a linked chat and a bot). */
export async function reachable(
  ctx: Ctx,
  userIds: readonly number[],
): Promise<{ email: Set<number>; telegram: Set<number> }> {
  const email = new Set<number>();
  const telegram = new Set<number>();
  if (userIds.length === 0) return { email, telegram };
  if (ctx.services.config.email.smtp) {
    const rows = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('id', 'in', [...userIds])
      .where('email', 'is not', null)
      .execute();
    for (const r of rows) email.add(r.id);
  }
  if (ctx.services.config.telegram) {
    const rows = await ctx.db
      .selectFrom('staff_telegram_links')
      .select('user_id')
      .where('user_id', 'in', [...userIds])
      .where('chat_id', 'is not', null)
      .execute();
    for (const r of rows) telegram.add(r.user_id);
  }
  return { email, telegram };
}
