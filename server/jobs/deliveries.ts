import { type Delivery, isDeliveryStatus } from '../../shared/api/deliveries';
import type { Ctx } from '../lib/context';
import { withTransaction } from '../lib/context';
import { AppError } from '../lib/errors';
import { appendEvents } from '../features/cases/case-events';
import { assertCase } from '../features/cases/cases.policy';
import { enqueue } from './outbox';

// Delivery status of answers: one row per answer × citizen message (table `deliveries`). The delivery job moves a
// row pending → sending → sent; a channel without an adapter gives awaiting_export; a send that cannot succeed
// (attempts exhausted, or an outcome that cannot be known for a provider without deduplication) gives failed and a
// `delivery_failed` event on the case. Staff retry failed rows; nothing is ever posted twice by the platform itself.

/** The case's deliveries, oldest answer first (for the case detail). */
export async function listDeliveries(ctx: Ctx, caseId: string): Promise<Delivery[]> {
  const rows = await ctx.db.selectFrom('deliveries').selectAll().where('case_id', '=', caseId).orderBy('answer_id').orderBy('message_id').execute();
  return rows.map((r) => ({
    answerId: String(r.answer_id), messageId: String(r.message_id), channel: r.channel,
    status: isDeliveryStatus(r.status) ? r.status : 'pending', attempts: r.attempts, lastError: r.last_error,
    updatedAt: r.updated_at.toISOString(), sentAt: r.sent_at ? r.sent_at.toISOString() : null,
  }));
}

/** Marks deliveries failed for good and says so in the case history. */
export async function markDeliveriesFailed(ctx: Ctx, ids: readonly string[], reason: string): Promise<void> {
  if (ids.length === 0) return;
  await withTransaction(ctx, async (tx) => {
    const rows = await tx.db.updateTable('deliveries')
      .set({ status: 'failed', last_error: reason, updated_at: tx.services.clock.now() })
      .where('id', 'in', [...ids]).where('status', 'in', ['pending', 'sending'])
      .returning(['case_id', 'answer_id', 'message_id', 'channel', 'attempts']).execute();
    await appendEvents(tx, rows.map((r) => ({
      caseId: r.case_id, type: 'delivery_failed',
      data: { answerId: r.answer_id, messageId: r.message_id, channel: r.channel, attempts: r.attempts, error: reason },
    })));
  });
}

/**
 * Sends the case's failed deliveries again (staff decision, e.g. after fixing the bot token or checking that the
 * citizen did not get an interrupted answer). Returns how many were queued.
 */
export async function retryFailedDeliveries(ctx: Ctx, caseId: string): Promise<number> {
  if (!/^\d+$/.test(caseId)) throw new AppError('not_found', 'Обращение не найдено');
  return withTransaction(ctx, async (tx) => {
    const row = await tx.db.selectFrom('cases').select(['id', 'organisation_id', 'block_code']).where('id', '=', caseId).forUpdate().executeTakeFirst();
    assertCase(tx.actor, row, 'triage');
    const failed = await tx.db.updateTable('deliveries').set({ status: 'pending', updated_at: tx.services.clock.now() })
      .where('case_id', '=', caseId).where('status', '=', 'failed').returning(['answer_id', 'message_id', 'channel']).execute();
    if (failed.length === 0) throw new AppError('invalid_transition', 'Нет недоставленных ответов для повторной отправки');
    await appendEvents(tx, failed.map((f) => ({
      caseId, type: 'delivery_retry', data: { answerId: f.answer_id, messageId: f.message_id, channel: f.channel },
    })));
    const stamp = tx.services.clock.now().toISOString();
    for (const answerId of new Set(failed.map((f) => f.answer_id))) {
      await enqueue(tx, 'channel.deliver_answer', { caseId, answerId }, `answer:${answerId}:retry:${stamp}`);
    }
    return failed.length;
  });
}
