import { z } from 'zod';
import { appendEvents } from '../cases/case-events';
import { loadAnswerFiles } from '../attachments/answer-files';
import { DeliveryAwaitsExportError, DeliveryUncertainError, type OutboundFile } from '../channels/channel-adapter';
import { adapterForChannel } from '../channels/registry';
import { type Ctx, withTransaction } from '../../lib/context';
import { safeErrorText } from '../../lib/redact-secrets';
import { markDeliveriesFailed } from './deliveries';
import { defineJob } from '../../jobs/outbox';

const UNCERTAIN = 'Исход предыдущей попытки неизвестен (связь прервалась после отправки запроса): отправка повторяется';
const NO_ADAPTER = 'ожидает выгрузки в исходную систему';

/**
 * Sends an answer back to every citizen whose message joined the case, through the adapter of that message's
 * channel. Each answer × message has a row in `deliveries`, claimed (pending → sending) before the provider is
 * called and marked sent with a `delivery` event afterwards, so a retry after a partial failure never posts a sent
 * answer again. A row left 'sending' (the process died mid-send) or a send with an unknown outcome (a timeout) is
 * sent again on the next attempt: the provider drops the repeat where it can (`resendDeduplicated`), otherwise the
 * citizen may get it twice — but never loses it to one timeout. Channels without an adapter, and messages the
 * adapter cannot answer (`DeliveryAwaitsExportError`), wait for export. Other failures are rethrown: the outbox
 * retries on the delivery schedule (OTKLIK_DELIVERY_RETRY_SCHEDULE, over a day by default) and, when attempts run
 * out, marks the remaining deliveries failed on the case.
 */
export const deliverAnswerJob = defineJob({
  kind: 'channel.deliver_answer',
  schema: z.object({ caseId: z.string(), answerId: z.string() }),
  maxAttempts: 'delivery',
  async handler(ctx, payload) {
    const answer = await ctx.db
      .selectFrom('answers')
      .select(['id', 'body', 'kind'])
      .where('id', '=', payload.answerId)
      .executeTakeFirstOrThrow();
    const messages = await ctx.db
      .selectFrom('messages')
      .select(['id', 'channel', 'external_id', 'author_external_id', 'author_contact', 'labels'])
      .where('case_id', '=', payload.caseId)
      .orderBy('created_at')
      .execute();
    if (messages.length) {
      await ctx.db
        .insertInto('deliveries')
        .values(
          messages.map((m) => ({
            case_id: payload.caseId,
            answer_id: answer.id,
            message_id: m.id,
            channel: m.channel,
            created_at: ctx.services.clock.now(),
          })),
        )
        .onConflict((oc) => oc.columns(['answer_id', 'message_id']).doNothing())
        .execute();
    }
    const rows = new Map(
      (
        await ctx.db
          .selectFrom('deliveries')
          .select(['id', 'message_id', 'status'])
          .where('answer_id', '=', answer.id)
          .execute()
      ).map((r) => [String(r.message_id), r]),
    );
    const failures: string[] = [];
    let files: OutboundFile[] | null = null;
    for (const message of messages) {
      const delivery = rows.get(String(message.id));
      if (!delivery || !['pending', 'sending'].includes(delivery.status)) continue;
      const adapter = adapterForChannel(ctx.services.channels, message.channel);
      const now = ctx.services.clock.now();
      if (!adapter?.send) {
        await markAwaitingExport(
          ctx,
          {
            id: delivery.id,
            caseId: payload.caseId,
            answerId: answer.id,
            messageId: message.id,
            channel: message.channel,
          },
          NO_ADAPTER,
        );
        continue;
      }
      const interrupted = delivery.status === 'sending';
      // The claim commits before the provider is called: a crash from here on leaves the row 'sending'.
      const claimed = await ctx.db
        .updateTable('deliveries')
        .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), updated_at: now }))
        .where('id', '=', delivery.id)
        .where('status', '=', delivery.status)
        .returning('id')
        .executeTakeFirst();
      if (!claimed) continue;
      let result: string;
      try {
        files ??= await loadAnswerFiles(ctx, answer.id);
        result = await adapter.send(ctx.services, {
          caseId: payload.caseId,
          answerId: answer.id,
          kind: answer.kind === 'interim' ? 'interim' : 'final',
          body: answer.body,
          files,
          message: {
            id: message.id,
            channel: message.channel,
            externalId: message.external_id,
            authorExternalId: message.author_external_id,
            authorContact: message.author_contact,
            labels: message.labels,
          },
        });
      } catch (error) {
        const text = safeErrorText(error, ctx.services.config);
        if (error instanceof DeliveryAwaitsExportError) {
          await markAwaitingExport(
            ctx,
            {
              id: delivery.id,
              caseId: payload.caseId,
              answerId: answer.id,
              messageId: message.id,
              channel: message.channel,
            },
            text,
          );
          continue;
        }
        const stored = error instanceof DeliveryUncertainError ? `${UNCERTAIN}: ${text}` : text;
        await ctx.db
          .updateTable('deliveries')
          .set({ status: 'pending', last_error: stored, updated_at: ctx.services.clock.now() })
          .where('id', '=', delivery.id)
          .execute();
        failures.push(`${message.channel}: ${text}`);
        continue;
      }
      await withTransaction(ctx, async (tx) => {
        const at = tx.services.clock.now();
        await tx.db
          .updateTable('deliveries')
          .set({ status: 'sent', provider_ref: result, sent_at: at, updated_at: at, last_error: null })
          .where('id', '=', delivery.id)
          .execute();
        await appendEvents(tx, [
          {
            caseId: payload.caseId,
            type: 'delivery',
            data: {
              answerId: answer.id,
              messageId: message.id,
              channel: message.channel,
              delivered: true,
              result,
              ...(interrupted ? { resent: true } : {}),
            },
          },
        ]);
      });
    }
    if (failures.length) throw new Error(`Ответ не доставлен: ${failures.join('; ')}`);
  },
  async onDead(ctx, payload, error) {
    const open = await ctx.db
      .selectFrom('deliveries')
      .select('id')
      .where('answer_id', '=', payload.answerId)
      .where('status', 'in', ['pending', 'sending'])
      .execute();
    await markDeliveriesFailed(
      ctx,
      open.map((r) => r.id),
      `Попытки исчерпаны: ${error}`,
    );
  },
});

interface DeliveryRef {
  id: string;
  caseId: string;
  answerId: string;
  messageId: string;
  channel: string;
}

async function markAwaitingExport(ctx: Ctx, d: DeliveryRef, reason: string): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    await tx.db
      .updateTable('deliveries')
      .set({
        status: 'awaiting_export',
        last_error: reason === NO_ADAPTER ? null : reason,
        updated_at: tx.services.clock.now(),
      })
      .where('id', '=', d.id)
      .execute();
    await appendEvents(tx, [
      {
        caseId: d.caseId,
        type: 'delivery',
        data: { answerId: d.answerId, messageId: d.messageId, channel: d.channel, delivered: false, result: reason },
      },
    ]);
  });
}
