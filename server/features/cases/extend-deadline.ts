import type { z } from 'zod';
import type { extendInputSchema } from '../../../shared/api/cases';
import { extendFinalDeadline } from '../../../shared/deadlines/deadlines';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { canExtend, deadlinePassed } from '../../../shared/cases/case-rules';
import { toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import { appendEvents } from './case-events';
import { caseFacts } from './cases.policy';
import { loadCaseForUpdate } from './load-case';

const ruDateOf = (at: Date): string => toMoscowIsoDate(at).split('-').reverse().join('.');

/** 59-ФЗ style extension of the final-answer deadline: once, up to 30 days, with a reason. */
export async function extendDeadline(
  ctx: Ctx,
  caseId: string,
  input: z.infer<typeof extendInputSchema>,
): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const row = await loadCaseForUpdate(tx, caseId, 'extend');
    if (!row.final_answer_due_at)
      throw new AppError('invalid_transition', 'У обращения нет срока окончательного ответа');
    // A second extension is refused below with the 59-ФЗ wording; anything else the rule refuses is already answered.
    const facts = caseFacts(row, { now: tx.services.clock.now() });
    if (deadlinePassed(facts) && !row.final_answer_at)
      throw new AppError(
        'invalid_transition',
        `Срок ответа истёк ${ruDateOf(row.final_answer_due_at)}: продлить можно только до его окончания, просрочка остаётся в учёте`,
      );
    if (!canExtend({ ...facts, extensionsUsed: 0 }))
      throw new AppError('invalid_transition', 'Ответ уже дан: продлевать нечего');
    const result = extendFinalDeadline({
      dueAt: row.final_answer_due_at,
      extensionsUsed: row.extensions_used,
      days: input.days,
      reason: input.reason,
      calendar: tx.services.calendar,
    });
    if (!result.ok) throw new AppError('invalid_transition', result.message);
    await tx.db
      .updateTable('cases')
      .set({ final_answer_due_at: result.dueAt, extensions_used: row.extensions_used + 1 })
      .where('id', '=', row.id)
      .execute();
    await appendEvents(tx, [
      {
        caseId: row.id,
        type: 'extended',
        data: {
          from: row.final_answer_due_at.toISOString(),
          to: result.dueAt.toISOString(),
          days: input.days,
          reason: input.reason,
        },
      },
    ]);
  });
}
