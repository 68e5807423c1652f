import type { MeetingInput } from '../../../shared/api/groups';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { actorUserId, recordGroupEvent, requireRunner } from './group-access';
import { loadApprovedGroup } from './load-group';

const ru = (iso: string): string => iso.split('-').reverse().join('.');

/** Records a meeting of an approved group: date, agenda, place and who attended. */
export async function holdMeeting(ctx: Ctx, groupId: number, input: MeetingInput): Promise<number> {
  requirePermission(ctx.actor, 'projects.read');
  const group = await loadApprovedGroup(ctx, groupId);
  requireRunner(ctx.actor, group.doc.block_code);
  const names = input.attendance.map((a) => a.name);
  if (new Set(names).size !== names.length)
    throw new AppError('validation_failed', 'В списке присутствия один участник указан дважды');
  return withTransaction(ctx, async (tx) => {
    const row = await tx.db
      .insertInto('group_meetings')
      .values({
        group_document_id: groupId,
        held_on: input.heldOn,
        agenda: input.agenda,
        place: input.place,
        attendance: JSON.stringify(input.attendance),
        created_by_user_id: actorUserId(tx.actor),
        created_by: tx.actor.label,
        created_at: tx.services.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const present = input.attendance.filter((a) => a.present).length;
    await recordGroupEvent(
      tx,
      groupId,
      'meeting',
      `Заседание ${ru(input.heldOn)}: ${input.agenda.slice(0, 200)} (присутствовали ${present} из ${input.attendance.length})`,
      { meetingId: row.id },
    );
    return row.id;
  });
}
