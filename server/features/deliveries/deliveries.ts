import { type Delivery, type DeliveryBacklog, isDeliveryStatus } from '../../../shared/api/deliveries';
import type { Ctx } from '../../lib/context';
import { withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { configSecrets, redactSecrets } from '../../lib/redact-secrets';
import { appendEvents } from '../cases/case-events';
import { assertCase } from '../cases/cases.policy';
import { can, organisationScope } from '../auth/authorize';
import { enqueue } from '../../jobs/outbox';
import { deliverAnswerJob } from './deliver-answer.job';

// Delivery status of answers: one row per answer × citizen message (table `deliveries`). The delivery job moves a
// row pending → sending → sent; a channel without an adapter gives awaiting_export; a send that cannot succeed
// (attempts exhausted, or an outcome that cannot be known for a provider without deduplication) gives failed and a
// `delivery_failed` event on the case. Staff retry failed rows; nothing is ever posted twice by the platform itself.

/** The case's deliveries, oldest answer first (for the case detail). */
export async function listDeliveries(ctx: Ctx, caseId: string): Promise<Delivery[]> {
  const rows = await ctx.db
    .selectFrom('deliveries')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('answer_id')
    .orderBy('message_id')
    .execute();
  return rows.map((r) => ({
    answerId: String(r.answer_id),
    messageId: String(r.message_id),
    channel: r.channel,
    status: isDeliveryStatus(r.status) ? r.status : 'pending',
    attempts: r.attempts,
    lastError: r.last_error,
    updatedAt: r.updated_at.toISOString(),
    sentAt: r.sent_at ? r.sent_at.toISOString() : null,
  }));
}

/** Marks deliveries failed for good and says so in the case history. */
export async function markDeliveriesFailed(ctx: Ctx, ids: readonly string[], rawReason: string): Promise<void> {
  if (ids.length === 0) return;
  const reason = redactSecrets(rawReason, configSecrets(ctx.services.config));
  await withTransaction(ctx, async (tx) => {
    const rows = await tx.db
      .updateTable('deliveries')
      .set({ status: 'failed', last_error: reason, updated_at: tx.services.clock.now() })
      .where('id', 'in', [...ids])
      .where('status', 'in', ['pending', 'sending'])
      .returning(['case_id', 'answer_id', 'message_id', 'channel', 'attempts'])
      .execute();
    await appendEvents(
      tx,
      rows.map((r) => ({
        caseId: r.case_id,
        type: 'delivery_failed',
        data: {
          answerId: r.answer_id,
          messageId: r.message_id,
          channel: r.channel,
          attempts: r.attempts,
          error: reason,
        },
      })),
    );
  });
}

/**
 * Sends the case's failed deliveries again (staff decision, e.g. after fixing the bot token or checking that the
 * citizen did not get an interrupted answer). Returns how many were queued.
 */
export async function retryFailedDeliveries(ctx: Ctx, caseId: string): Promise<number> {
  if (!/^\d+$/.test(caseId)) throw new AppError('not_found', 'Обращение не найдено');
  return withTransaction(ctx, async (tx) => {
    const row = await tx.db
      .selectFrom('cases')
      .select(['id', 'organisation_id', 'block_code'])
      .where('id', '=', caseId)
      .forUpdate()
      .executeTakeFirst();
    assertCase(tx.actor, row, 'triage');
    const queued = await requeueFailed(tx, caseId);
    if (queued === 0) throw new AppError('invalid_transition', 'Нет недоставленных ответов для повторной отправки');
    return queued;
  });
}

/**
 * «Повторить все»: every failed delivery on every case goes back to the queue (centre staff, after a channel outage
 * is over). Returns how many deliveries and cases were queued; none failed is not an error.
 */
export async function retryAllFailedDeliveries(ctx: Ctx): Promise<{ queued: number; cases: number }> {
  if (!can(ctx.actor, 'cases.triage') || organisationScope(ctx.actor) !== null) {
    throw new AppError('forbidden', 'Повторить отправку всех ответов может только сотрудник ЦУР');
  }
  return withTransaction(ctx, async (tx) => {
    const cases = await tx.db
      .selectFrom('deliveries')
      .select('case_id')
      .distinct()
      .where('status', '=', 'failed')
      .execute();
    let queued = 0;
    for (const c of cases) queued += await requeueFailed(tx, c.case_id);
    return { queued, cases: cases.length };
  });
}

async function requeueFailed(tx: Ctx, caseId: string): Promise<number> {
  const failed = await tx.db
    .updateTable('deliveries')
    .set({ status: 'pending', updated_at: tx.services.clock.now() })
    .where('case_id', '=', caseId)
    .where('status', '=', 'failed')
    .returning(['answer_id', 'message_id', 'channel'])
    .execute();
  await appendEvents(
    tx,
    failed.map((f) => ({
      caseId,
      type: 'delivery_retry',
      data: { answerId: f.answer_id, messageId: f.message_id, channel: f.channel },
    })),
  );
  const stamp = tx.services.clock.now().toISOString();
  for (const answerId of new Set(failed.map((f) => f.answer_id))) {
    await enqueue(tx, deliverAnswerJob, { caseId, answerId }, `answer:${answerId}:retry:${stamp}`);
  }
  return failed.length;
}

/** What the readiness check reports: work waiting in the outbox and deliveries not yet through, with their ages. */
export async function deliveryBacklog(ctx: Ctx): Promise<DeliveryBacklog> {
  const now = ctx.services.clock.now().getTime();
  const ageSeconds = (at: Date | string | null | undefined) =>
    at ? Math.max(0, Math.round((now - new Date(at).getTime()) / 1000)) : null;
  const outbox = await ctx.db
    .selectFrom('outbox')
    .select((eb) => ['status', eb.fn.countAll<string>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('status', 'in', ['pending', 'running', 'failed'])
    .groupBy('status')
    .execute();
  const deliveries = await ctx.db
    .selectFrom('deliveries')
    .select((eb) => ['status', eb.fn.countAll<string>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('status', 'in', ['pending', 'sending', 'failed', 'awaiting_export'])
    .groupBy('status')
    .execute();
  const count = (rows: { status: string; n: string | number }[], status: string) =>
    Number(rows.find((r) => r.status === status)?.n ?? 0);
  const oldest = (rows: { status: string; oldest: Date | string | null }[], statuses: string[]) =>
    rows
      .filter((r) => statuses.includes(r.status) && r.oldest !== null)
      .map((r) => new Date(r.oldest as Date | string))
      .sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  return {
    outbox: {
      pending: count(outbox, 'pending'),
      running: count(outbox, 'running'),
      failed: count(outbox, 'failed'),
      oldestPendingAgeSeconds: ageSeconds(oldest(outbox, ['pending', 'running'])),
    },
    deliveries: {
      pending: count(deliveries, 'pending') + count(deliveries, 'sending'),
      failed: count(deliveries, 'failed'),
      awaitingExport: count(deliveries, 'awaiting_export'),
      oldestPendingAgeSeconds: ageSeconds(oldest(deliveries, ['pending', 'sending'])),
    },
  };
}
