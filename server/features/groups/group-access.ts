import { isBlockScoped, type Role } from '../../../shared/auth/roles';
import type { Actor, Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';

// Who runs a group's work: its block's owner, the executive secretary and the head of the centre hold meetings,
// record decisions and draft protocols (block roles only in the group's block); a decision's owner may also mark
// it done. Every change is a row of group_events with who and when.
const RUNNERS: readonly Role[] = ['block_owner', 'executive_secretary', 'head'];

export function canRunMeetings(actor: Actor, blockCode: string): boolean {
  if (actor.kind !== 'user' || !RUNNERS.includes(actor.role)) return false;
  return !isBlockScoped(actor.role) || actor.blockCode === blockCode;
}

export function requireRunner(actor: Actor, blockCode: string): void {
  if (!canRunMeetings(actor, blockCode)) {
    throw new AppError(
      'forbidden',
      'Заседания и решения группы ведут ответственный за её блок, ответственный секретарь и руководитель ЦУР',
    );
  }
}

export const actorUserId = (actor: Actor): number | null => (actor.kind === 'user' ? actor.userId : null);

export async function recordGroupEvent(
  ctx: Ctx,
  groupId: number,
  action: string,
  detail: string,
  refs: { meetingId?: number; decisionId?: number } = {},
): Promise<void> {
  await ctx.db
    .insertInto('group_events')
    .values({
      group_document_id: groupId,
      meeting_id: refs.meetingId ?? null,
      decision_id: refs.decisionId ?? null,
      action,
      detail,
      actor_user_id: actorUserId(ctx.actor),
      actor_label: ctx.actor.label,
      at: ctx.services.clock.now(),
    })
    .execute();
}
