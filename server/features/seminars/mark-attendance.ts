import type { AttendanceInput, SeminarDetail } from '../../../shared/api/seminars';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { recordChange } from '../comms/comms-history';
import { getSeminar } from './get-seminar';
import { loadSummary } from './seminars.repository';

const mark = (attended: boolean | null): string => (attended === null ? 'не отмечен' : attended ? 'был' : 'не был');

/** Marks who attended, with an optional score (1–5) and feedback of each participant; one history line per change. */
export async function markAttendance(ctx: Ctx, seminarId: number, input: AttendanceInput): Promise<SeminarDetail> {
  requirePermission(ctx.actor, 'comms.manage');
  await loadSummary(ctx, seminarId);
  await withTransaction(ctx, async (tx) => {
    const ids = input.items.map((i) => i.participantId);
    const current = await tx.db
      .selectFrom('seminar_participants')
      .select(['id', 'person_name', 'attended', 'score', 'feedback'])
      .where('seminar_id', '=', seminarId)
      .where('id', 'in', ids)
      .execute();
    const missing = ids.filter((id) => !current.some((c) => c.id === id));
    if (missing.length)
      throw new AppError('validation_failed', `Участников с номерами ${missing.join(', ')} нет у этого семинара`);
    const changes: string[] = [];
    for (const item of input.items) {
      const before = current.find((c) => c.id === item.participantId);
      if (
        !before ||
        (before.attended === item.attended && before.score === item.score && before.feedback === item.feedback)
      )
        continue;
      await tx.db
        .updateTable('seminar_participants')
        .set({ attended: item.attended, score: item.score, feedback: item.feedback })
        .where('id', '=', item.participantId)
        .execute();
      changes.push(
        `${before.person_name}: ${mark(item.attended)}${item.score === null ? '' : `, оценка ${item.score}`}${item.feedback ? `, «${item.feedback}»` : ''}`,
      );
    }
    if (changes.length) await recordChange(tx, 'seminar', seminarId, 'attendance', changes.join('; '));
  });
  return getSeminar(ctx, seminarId);
}
