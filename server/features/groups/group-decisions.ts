import { DECISION_STATUS_LABELS, type DecisionInput, type DecisionStatus } from '../../../shared/api/groups';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { actorUserId, recordGroupEvent, requireRunner } from './group-access';
import { loadGroup, loadMeeting } from './load-group';

const ru = (iso: string): string => iso.split('-').reverse().join('.');

/** A decision of a meeting: what, who owns it and by when — a working day of the production calendar. */
export async function recordDecision(ctx: Ctx, meetingId: number, input: DecisionInput): Promise<number> {
  requirePermission(ctx.actor, 'projects.read');
  const meeting = await loadMeeting(ctx, meetingId);
  const group = await loadGroup(ctx, meeting.group_document_id);
  requireRunner(ctx.actor, group.doc.block_code);
  if (input.dueDate < meeting.held_on)
    throw new AppError(
      'validation_failed',
      `Срок решения ${ru(input.dueDate)} раньше даты заседания ${ru(meeting.held_on)}`,
    );
  if (!ctx.services.calendar.isWorkingDay(input.dueDate)) {
    throw new AppError(
      'validation_failed',
      `Срок ${ru(input.dueDate)} — нерабочий день по производственному календарю: выберите рабочий день`,
    );
  }
  if (
    input.ownerUserId !== null &&
    !(await ctx.db.selectFrom('users').select('id').where('id', '=', input.ownerUserId).executeTakeFirst())
  ) {
    throw new AppError('validation_failed', 'Ответственный не найден среди пользователей');
  }
  return withTransaction(ctx, async (tx) => {
    const row = await tx.db
      .insertInto('group_decisions')
      .values({
        meeting_id: meetingId,
        text: input.text,
        owner: input.owner,
        owner_user_id: input.ownerUserId,
        due_date: input.dueDate,
        created_at: tx.services.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordGroupEvent(
      tx,
      group.doc.id,
      'decision',
      `Решение «${input.text.slice(0, 200)}»: ${input.owner}, срок ${ru(input.dueDate)}`,
      { meetingId, decisionId: row.id },
    );
    return row.id;
  });
}

/** Marks a decision done or cancelled (or open again); its owner may also mark it. Returns the group's id. */
export async function changeDecisionStatus(
  ctx: Ctx,
  decisionId: number,
  status: DecisionStatus,
  comment: string,
): Promise<number> {
  requirePermission(ctx.actor, 'projects.read');
  return withTransaction(ctx, async (tx) => {
    const decision = await tx.db
      .selectFrom('group_decisions')
      .select(['id', 'meeting_id', 'text', 'status', 'owner_user_id'])
      .where('id', '=', decisionId)
      .forUpdate()
      .executeTakeFirst();
    if (!decision) throw notFound('Решение', 'n');
    const meeting = await loadMeeting(tx, decision.meeting_id);
    const group = await loadGroup(tx, meeting.group_document_id);
    const isOwner = decision.owner_user_id !== null && decision.owner_user_id === actorUserId(tx.actor);
    if (!isOwner) requireRunner(tx.actor, group.doc.block_code);
    if (decision.status === status)
      throw new AppError('invalid_transition', `Решение уже в статусе «${DECISION_STATUS_LABELS[status]}»`);
    if (status === 'cancelled' && !comment) throw new AppError('validation_failed', 'Укажите, почему решение снято');
    const now = tx.services.clock.now();
    await tx.db
      .updateTable('group_decisions')
      .set({ status, status_comment: comment, closed_at: status === 'open' ? null : now })
      .where('id', '=', decisionId)
      .execute();
    await recordGroupEvent(
      tx,
      group.doc.id,
      `decision_${status}`,
      `Решение «${decision.text.slice(0, 200)}»: ${DECISION_STATUS_LABELS[status].toLowerCase()}${comment ? ` — ${comment}` : ''}`,
      { meetingId: meeting.id, decisionId },
    );
    return group.doc.id;
  });
}
