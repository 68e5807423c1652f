import type { z } from 'zod';
import type { ratingInputSchema } from '../../../shared/api/cases';
import { actionForRating, isCaseStatus } from '../../../shared/cases/case-status';
import { restartFinalClock } from '../../../shared/deadlines/deadlines';
import { resolvePolicy } from '../../../shared/deadlines/deadline-policy';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { canRate } from '../../../shared/cases/case-rules';
import { appendEvents } from './case-events';
import { caseFacts } from './cases.policy';
import type { CaseRow } from './cases.repository';
import { applyTransition } from './apply-transition';
import { loadCaseForUpdate } from './load-case';
import { pendingFinalAnswer } from './publish-answer';

type RatingInput = z.infer<typeof ratingInputSchema>;

/**
 * A citizen's satisfaction (1–5) recorded by ЦУР staff (e.g. from a phone call). 1–2 reopens the case with a new
 * final-answer clock; 3–5 closes an answered or accepted case.
 */
export async function rateCase(ctx: Ctx, caseId: string, input: RatingInput): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const row = await loadCaseForUpdate(tx, caseId, tx.actor.kind === 'user' ? 'rate' : 'read');
    const awaiting = await pendingFinalAnswer(tx, row.id);
    if (!canRate(caseFacts(row, { finalAnswerAwaitingReview: awaiting !== undefined }))) {
      throw new AppError(
        'invalid_transition',
        awaiting
          ? 'Оценку можно поставить, когда ЦУР проверит окончательный ответ и он будет отправлен гражданину'
          : 'Оценку можно поставить только после окончательного ответа',
      );
    }
    await applyRating(tx, row, input, null, 'staff');
  });
}

export type RatingOutcome = { rated: true; score: number } | { rated: false; score: number };

/**
 * The one path of a citizen's rating from any channel (Telegram and VK buttons, the e-mail link, the widget's
 * status page, an Open311 update): it rates a published final answer — the given one, or the latest — once. A
 * repeated rating of the same answer changes nothing and reports the score already recorded (idempotent), so a
 * double click or a replayed webhook cannot reopen a case twice.
 */
export async function rateAnswer(
  ctx: Ctx,
  input: RatingInput & { caseId: string; answerId?: string | null; source: string },
): Promise<RatingOutcome> {
  return withTransaction(ctx, async (tx) => {
    const row = await loadCaseForUpdate(tx, input.caseId, 'read');
    let query = tx.db
      .selectFrom('answers')
      .select('id')
      .where('case_id', '=', row.id)
      .where('kind', '=', 'final')
      .where('published_at', 'is not', null);
    if (input.answerId) {
      if (!/^\d{1,18}$/.test(input.answerId)) throw new AppError('not_found', 'Ответ не найден');
      query = query.where('id', '=', input.answerId);
    }
    const answer = await query.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (!answer) throw new AppError('invalid_transition', 'Оценку можно поставить только после ответа по обращению');
    const existing = await tx.db
      .selectFrom('ratings')
      .select('score')
      .where('answer_id', '=', answer.id)
      .executeTakeFirst();
    if (existing) return { rated: false, score: existing.score };
    await applyRating(tx, row, input, answer.id, input.source);
    return { rated: true, score: input.score };
  });
}

async function applyRating(
  tx: Ctx,
  row: CaseRow,
  input: RatingInput,
  answerId: string | null,
  source: string,
): Promise<void> {
  const now = tx.services.clock.now();
  await tx.db
    .insertInto('ratings')
    .values({
      case_id: row.id,
      score: input.score,
      comment: input.comment ?? null,
      created_at: now,
      answer_id: answerId,
      source,
    })
    .execute();
  await tx.db.updateTable('cases').set({ rating: input.score }).where('id', '=', row.id).execute();
  await appendEvents(tx, [
    { caseId: row.id, type: 'rating', data: { score: input.score, comment: input.comment ?? null, source } },
  ]);
  const action = actionForRating(isCaseStatus(row.status) ? row.status : 'new', input.score);
  if (action === 'reopen') await reopenForCitizen(tx, row, 'отрицательная оценка гражданина');
  else if (action === 'close') await applyTransition(tx, row, 'close', { closed_at: now });
}

/** The citizen says the problem is not solved (a 1–2 rating, FixMyStreet's «not fixed»): reopened with a new final-answer clock. */
export async function reopenForCitizen(tx: Ctx, row: CaseRow, reason: string): Promise<void> {
  const ref = await tx.services.reference.get(tx.db);
  const policy = resolvePolicy(ref.policies, {
    channel: row.channel,
    block: row.block_code,
    category: row.category_code,
  });
  const clock = restartFinalClock(tx.services.clock.now(), policy.policy, tx.services.calendar);
  await applyTransition(
    tx,
    row,
    'reopen',
    { final_answer_at: null, final_answer_due_at: clock.finalAnswerDueAt, closed_at: null },
    { reason },
  );
}
