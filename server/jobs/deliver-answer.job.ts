import { z } from 'zod';
import { appendEvents } from '../features/cases/case-events';
import { loadAnswerFiles } from '../features/attachments/answer-files';
import { DeliveryUncertainError, type OutboundFile } from '../features/channels/channel-adapter';
import { adapterForChannel } from '../features/channels/registry';
import { withTransaction } from '../lib/context';
import { markDeliveriesFailed } from './deliveries';
import { defineJob } from './outbox';

const INTERRUPTED = 'Отправка прервалась, и неизвестно, получил ли гражданин ответ: проверьте в канале и при необходимости отправьте повторно';

/**
 * Sends an answer back to every citizen whose message joined the case, through the adapter of that message's
 * channel. Each answer × message has a row in `deliveries`, claimed (pending → sending) before the provider is
 * called and marked sent with a `delivery` event afterwards, so a retry after a partial failure never posts twice.
 * A row left 'sending' (the process died mid-send) or a send with an unknown outcome is repeated only when the
 * provider deduplicates (`resendDeduplicated`); otherwise it becomes failed for staff to check. Channels without
 * an adapter (portal exports, letters) are recorded as waiting for export. Other failures are rethrown: the outbox
 * retries with backoff and, when attempts run out, marks the remaining deliveries failed on the case.
 */
export const deliverAnswerJob = defineJob({
  kind: 'channel.deliver_answer',
  schema: z.object({ caseId: z.string(), answerId: z.string() }),
  maxAttempts: 8,
  async handler(ctx, payload) {
    const answer = await ctx.db.selectFrom('answers').select(['id', 'body', 'kind']).where('id', '=', payload.answerId).executeTakeFirstOrThrow();
    const messages = await ctx.db.selectFrom('messages')
      .select(['id', 'channel', 'external_id', 'author_external_id', 'author_contact', 'labels'])
      .where('case_id', '=', payload.caseId).orderBy('created_at').execute();
    if (messages.length) {
      await ctx.db.insertInto('deliveries')
        .values(messages.map((m) => ({ case_id: payload.caseId, answer_id: answer.id, message_id: m.id, channel: m.channel })))
        .onConflict((oc) => oc.columns(['answer_id', 'message_id']).doNothing()).execute();
    }
    const rows = new Map((await ctx.db.selectFrom('deliveries').select(['id', 'message_id', 'status'])
      .where('answer_id', '=', answer.id).execute()).map((r) => [String(r.message_id), r]));
    const failures: string[] = [];
    let files: OutboundFile[] | null = null;
    for (const message of messages) {
      const delivery = rows.get(String(message.id));
      if (!delivery || !['pending', 'sending'].includes(delivery.status)) continue;
      const adapter = adapterForChannel(ctx.services.channels, message.channel);
      const now = ctx.services.clock.now();
      if (!adapter?.send) {
        await withTransaction(ctx, async (tx) => {
          await tx.db.updateTable('deliveries').set({ status: 'awaiting_export', updated_at: now }).where('id', '=', delivery.id).execute();
          await appendEvents(tx, [{
            caseId: payload.caseId, type: 'delivery',
            data: { answerId: answer.id, messageId: message.id, channel: message.channel, delivered: false, result: 'ожидает выгрузки в исходную систему' },
          }]);
        });
        continue;
      }
      if (delivery.status === 'sending' && !adapter.resendDeduplicated) {
        await markDeliveriesFailed(ctx, [delivery.id], INTERRUPTED);
        continue;
      }
      // The claim commits before the provider is called: a crash from here on leaves the row 'sending'.
      const claimed = await ctx.db.updateTable('deliveries')
        .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), updated_at: now }))
        .where('id', '=', delivery.id).where('status', '=', delivery.status).returning('id').executeTakeFirst();
      if (!claimed) continue;
      let result: string;
      try {
        files ??= await loadAnswerFiles(ctx, answer.id);
        result = await adapter.send(ctx.services, {
          caseId: payload.caseId, answerId: answer.id, kind: answer.kind === 'interim' ? 'interim' : 'final', body: answer.body, files,
          message: {
            id: message.id, channel: message.channel, externalId: message.external_id,
            authorExternalId: message.author_external_id, authorContact: message.author_contact, labels: message.labels,
          },
        });
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        if (error instanceof DeliveryUncertainError && !adapter.resendDeduplicated) {
          await markDeliveriesFailed(ctx, [delivery.id], `${INTERRUPTED} (${text})`);
          continue;
        }
        await ctx.db.updateTable('deliveries').set({ status: 'pending', last_error: text, updated_at: ctx.services.clock.now() })
          .where('id', '=', delivery.id).execute();
        failures.push(`${message.channel}: ${text}`);
        continue;
      }
      await withTransaction(ctx, async (tx) => {
        const at = tx.services.clock.now();
        await tx.db.updateTable('deliveries').set({ status: 'sent', provider_ref: result, sent_at: at, updated_at: at, last_error: null })
          .where('id', '=', delivery.id).execute();
        await appendEvents(tx, [{
          caseId: payload.caseId, type: 'delivery',
          data: { answerId: answer.id, messageId: message.id, channel: message.channel, delivered: true, result },
        }]);
      });
    }
    if (failures.length) throw new Error(`Ответ не доставлен: ${failures.join('; ')}`);
  },
  async onDead(ctx, payload, error) {
    const open = await ctx.db.selectFrom('deliveries').select('id').where('answer_id', '=', payload.answerId)
      .where('status', 'in', ['pending', 'sending']).execute();
    await markDeliveriesFailed(ctx, open.map((r) => r.id), `Попытки исчерпаны: ${error}`);
  },
});
