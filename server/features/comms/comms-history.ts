import { sql } from 'kysely';
import type { HistoryEntry } from '../../../shared/api/public-pages';
import type { Db } from '../../db/database';
import type { Ctx } from '../../lib/context';

// Every change to the registries of the centre's communication work (pages, checks, figures, votes), with who and when.
export type CommsEntity =
  'page' | 'vote' | 'criteria' | 'media' | 'practice' | 'recommendation' | 'seminar' | 'knowledge' | 'campaign';

export async function recordChange(
  ctx: Ctx,
  entity: CommsEntity,
  entityId: number,
  action: string,
  summary: string,
): Promise<void> {
  await ctx.db
    .insertInto('comms_history')
    .values({
      entity,
      entity_id: entityId,
      action,
      summary: summary.slice(0, 2000),
      actor_user_id: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      actor_label: ctx.actor.label,
      at: ctx.services.clock.now(),
    })
    .execute();
}

export async function loadHistory(db: Db, entity: CommsEntity, entityId: number): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('comms_history')
    .select(['action', 'summary', 'actor_label'])
    .select(sql<string>`to_char(at at time zone 'Europe/Moscow', 'YYYY-MM-DD"T"HH24:MI:SS"+03:00"')`.as('at'))
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ at: r.at, actor: r.actor_label, action: r.action, summary: r.summary }));
}
