import { toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import { defineDailyJob } from '../../jobs/daily-job';
import { withTransaction, type Ctx } from '../../lib/context';
import { notify } from '../notifications/notify';
import { recordGroupEvent } from './group-access';

// Every day at 09:00 (Moscow) open decisions past their due date are flagged to their owner (the user named as owner,
// or — for an owner from outside the platform — whoever drafted the group's composition) once per decision, and the
// group's history gets the fact.
export const OVERDUE_DECISIONS_JOB = 'groups.overdue_decisions';

/** Notifies the owners of decisions overdue today and not yet notified; returns how many were flagged. */
export async function flagOverdueDecisions(ctx: Ctx): Promise<number> {
  const on = toMoscowIsoDate(ctx.services.clock.now());
  return withTransaction(ctx, async (tx) => {
    const rows = await tx.db
      .selectFrom('group_decisions as d')
      .innerJoin('group_meetings as m', 'm.id', 'd.meeting_id')
      .innerJoin('po_documents as g', 'g.id', 'm.group_document_id')
      .select([
        'd.id',
        'd.text',
        'd.owner',
        'd.owner_user_id',
        'm.id as meeting_id',
        'g.id as group_id',
        'g.title as group_title',
        'g.drafted_by_user_id',
      ])
      .select((eb) => eb.cast<string>('d.due_date', 'text').as('due_date'))
      .where('d.status', '=', 'open')
      .where('d.due_date', '<', on)
      .where('d.overdue_notified_at', 'is', null)
      .orderBy('d.id')
      .forUpdate('d')
      .execute();
    for (const d of rows) {
      const to = d.owner_user_id ?? d.drafted_by_user_id;
      const due = d.due_date.split('-').reverse().join('.');
      await notify(tx, {
        userIds: to === null ? [] : [to],
        kind: 'po_document',
        subject: `group-decision:${d.id}:overdue`,
        caseId: null,
        title: `Просрочено решение группы «${d.group_title}»`,
        body: `${d.text} — срок ${due}, ответственный: ${d.owner}`,
      });
      await tx.db
        .updateTable('group_decisions')
        .set({ overdue_notified_at: tx.services.clock.now() })
        .where('id', '=', d.id)
        .execute();
      await recordGroupEvent(
        tx,
        d.group_id,
        'decision_overdue',
        `Решение «${d.text.slice(0, 200)}» просрочено (срок ${due}): уведомлён ответственный`,
        { meetingId: d.meeting_id, decisionId: d.id },
      );
    }
    return rows.length;
  });
}

export const overdueDecisions = defineDailyJob({
  kind: OVERDUE_DECISIONS_JOB,
  minutesOfDay: 9 * 60,
  async run(ctx) {
    await flagOverdueDecisions(ctx);
  },
});
export const overdueDecisionsJob = overdueDecisions.job;
