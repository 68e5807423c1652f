import { sql } from 'kysely';
import {
  ACCESS_ACTION_LABELS,
  type AccessAction,
  type AccessEntry,
  type AuditPage,
  type AuditQuery,
} from '../../../shared/api/personal-data';
import { moscowInstant } from '../../../shared/deadlines/moscow-time';
import type { Db } from '../../db/database';
import type { Ctx } from '../../lib/context';

// The personal data access journal (152-ФЗ): who read whose data, when, what and why. A list read is one row
// holding every case id the page showed, so a busy inbox writes one short insert per page, not one per case.

/** The purpose recorded when the client sends none: what the route is for. */
export const DEFAULT_PURPOSES: Record<AccessAction, string> = {
  case_card: 'Рассмотрение обращения (карточка)',
  case_list: 'Работа с обращениями (список)',
  case_search: 'Поиск обращения',
  export: 'Выгрузка сообщений',
};

export interface AccessRecord {
  action: AccessAction;
  purpose?: string | undefined;
  caseIds: readonly string[];
  /** The filters of a list, search or export (never the data shown). */
  scope?: Record<string, unknown> | undefined;
  itemCount?: number;
}

/** A read identical to one made this recently by the same user (same action, purpose, cases and filters) is folded into it. */
export const REPEAT_WINDOW_MS = 10 * 60_000;

/**
 * Writes one journal row for a read of citizens' data by the context's actor, or — when the same user made the very
 * same read within REPEAT_WINDOW_MS (the inbox refreshes itself every half minute) — counts it on that row.
 */
export async function recordAccess(ctx: Ctx, record: AccessRecord): Promise<void> {
  const actor = ctx.actor;
  const now = ctx.services.clock.now();
  const row = {
    user_id: actor.kind === 'user' ? actor.userId : null,
    action: record.action,
    purpose: record.purpose?.trim() || DEFAULT_PURPOSES[record.action],
    case_ids: JSON.stringify([...new Set(record.caseIds.map(String))]),
    scope: record.scope ? JSON.stringify(record.scope) : null,
  };
  if (row.user_id !== null && record.action !== 'export') {
    const repeated = await ctx.db
      .updateTable('personal_data_access')
      .set((eb) => ({ last_at: now, repeats: eb('repeats', '+', 1) }))
      .where('id', '=', (eb) =>
        eb
          .selectFrom('personal_data_access')
          .select('id')
          .where('user_id', '=', row.user_id)
          .where('action', '=', row.action)
          .where('purpose', '=', row.purpose)
          .where(sql<boolean>`case_ids = ${row.case_ids}::jsonb`)
          .where(sql<boolean>`scope is not distinct from ${row.scope}::jsonb`)
          .where(sql<boolean>`coalesce(last_at, at) > ${new Date(now.getTime() - REPEAT_WINDOW_MS)}`)
          .orderBy('id', 'desc')
          .limit(1),
      )
      .returning('id')
      .executeTakeFirst();
    if (repeated) return;
  }
  await ctx.db
    .insertInto('personal_data_access')
    .values({
      ...row,
      at: now,
      actor_label: actor.kind === 'user' ? `${actor.label} (${actor.login})` : actor.label,
      role: actor.kind === 'user' ? actor.role : null,
      item_count: record.itemCount ?? record.caseIds.length,
    })
    .execute();
}

/** The journal, newest first, filtered by case, user, action and Moscow dates (inclusive). */
export async function listAccess(db: Db, q: AuditQuery): Promise<AuditPage> {
  let query = db.selectFrom('personal_data_access');
  if (q.case) query = query.where(sql<boolean>`case_ids @> ${JSON.stringify([q.case])}::jsonb`);
  if (q.user) query = query.where('user_id', '=', q.user);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.from) query = query.where('at', '>=', moscowInstant(q.from));
  if (q.to) query = query.where('at', '<', new Date(moscowInstant(q.to).getTime() + 86_400_000));
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(presentEntry), total: Number(count.total), page: q.page, pageSize: q.pageSize };
}

function presentEntry(r: {
  id: string;
  at: Date;
  user_id: number | null;
  actor_label: string;
  role: string | null;
  action: string;
  purpose: string;
  case_ids: string[];
  scope: Record<string, unknown> | null;
  item_count: number;
  repeats: number;
  last_at: Date | null;
}): AccessEntry {
  return {
    id: String(r.id),
    at: r.at.toISOString(),
    userId: r.user_id,
    actor: r.actor_label,
    role: r.role,
    action: r.action,
    actionLabel: ACCESS_ACTION_LABELS[r.action as AccessAction] ?? r.action,
    purpose: r.purpose,
    caseIds: r.case_ids.map(String),
    itemCount: r.item_count,
    scope: r.scope,
    repeats: r.repeats,
    lastAt: r.last_at ? r.last_at.toISOString() : null,
  };
}

/** Deletes journal rows older than the retention period; returns how many. */
export async function purgeAccessJournal(db: Db, before: Date): Promise<number> {
  // Counted from the returned ids: PGlite's driver does not report affected rows.
  return (
    await db
      .deleteFrom('personal_data_access')
      .where(sql<boolean>`coalesce(last_at, at) < ${before}`)
      .returning('id')
      .execute()
  ).length;
}
