import { isNotificationKind, type Notification } from '../../../shared/api/notifications';
import type { Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';

// The workspace list: a user reads and marks only their own notifications.
function userIdOf(ctx: Ctx): number {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'Уведомления есть только у сотрудников');
  return ctx.actor.userId;
}

export async function unreadCount(ctx: Ctx): Promise<number> {
  const r = await ctx.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userIdOf(ctx))
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function listNotifications(ctx: Ctx, q: { unread?: boolean | undefined; page: number; pageSize: number }) {
  const userId = userIdOf(ctx);
  let base = ctx.db.selectFrom('notifications').where('user_id', '=', userId);
  if (q.unread !== undefined) base = base.where('read_at', q.unread ? 'is' : 'is not', null);
  const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst();
  const rows = await base
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const items: Notification[] = rows
    .filter((r) => isNotificationKind(r.kind))
    .map((r) => ({
      id: String(r.id),
      kind: r.kind as Notification['kind'],
      title: r.title,
      body: r.body,
      caseId: r.case_id === null ? null : String(r.case_id),
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at ? r.read_at.toISOString() : null,
    }));
  return { items, total: Number(total?.n ?? 0), unread: await unreadCount(ctx) };
}

export async function markRead(
  ctx: Ctx,
  input: { ids?: string[] | undefined; all?: boolean | undefined },
): Promise<number> {
  let q = ctx.db
    .updateTable('notifications')
    .set({ read_at: ctx.services.clock.now() })
    .where('user_id', '=', userIdOf(ctx))
    .where('read_at', 'is', null);
  if (!input.all) q = q.where('id', 'in', input.ids ?? []);
  await q.execute();
  return unreadCount(ctx);
}
