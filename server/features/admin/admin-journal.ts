// The journal of administrative changes (admin_changes): users, tokens and reference data, with who and when. Written
// in the same transaction as the change it describes; read by administrators and auditors.
import type { AdminEntity } from '../../../shared/api/admin';
import type { Ctx } from '../../lib/context';
import { requirePermission } from '../auth/authorize';

export type { AdminEntity } from '../../../shared/api/admin';

export interface AdminChange {
  entity: AdminEntity;
  key: string;
  action: string;
  details?: Record<string, unknown>;
}

export async function recordAdminChange(ctx: Ctx, change: AdminChange): Promise<void> {
  const actor = ctx.actor;
  await ctx.db
    .insertInto('admin_changes')
    .values({
      at: ctx.services.clock.now(),
      actor_user_id: actor.kind === 'user' ? actor.userId : null,
      actor_label: actor.label,
      entity: change.entity,
      entity_key: change.key,
      action: change.action,
      details: JSON.stringify(change.details ?? {}),
    })
    .execute();
}

export interface AdminChangeView {
  id: string;
  at: string;
  actor: string;
  entity: string;
  key: string;
  action: string;
  details: Record<string, unknown>;
}

export async function listAdminChanges(
  ctx: Ctx,
  filter: { entity?: string | undefined; limit: number },
): Promise<AdminChangeView[]> {
  requirePermission(ctx.actor, 'audit.read');
  let query = ctx.db
    .selectFrom('admin_changes')
    .select(['id', 'at', 'actor_label', 'entity', 'entity_key', 'action', 'details'])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit);
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: String(r.id),
    at: r.at.toISOString(),
    actor: r.actor_label,
    entity: r.entity,
    key: r.entity_key,
    action: r.action,
    details: r.details,
  }));
}
