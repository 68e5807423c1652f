import { z } from 'zod';
import { appendEvents } from '../features/cases/case-events';
import { adapterForChannel } from '../features/channels/registry';
import { defineJob } from './outbox';

/**
 * Sends an answer back to every citizen whose message joined the case, through the adapter of that message's
 * channel. Each successful send is recorded as a `delivery` event (answerId × messageId), so a retry after a
 * partial failure never posts twice. Channels without an adapter (portal exports, letters) are recorded as
 * waiting for export. A failure is rethrown: the outbox retries it with backoff, intake is never blocked.
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
    const done = new Set((await ctx.db.selectFrom('case_events').select('data').where('case_id', '=', payload.caseId)
      .where('type', '=', 'delivery').execute())
      .filter((e) => e.data.answerId === payload.answerId).map((e) => String(e.data.messageId ?? '')));
    const failures: string[] = [];
    for (const message of messages) {
      if (done.has(message.id)) continue;
      const adapter = adapterForChannel(ctx.services.channels, message.channel);
      let result: string;
      try {
        result = adapter?.send
          ? await adapter.send(ctx.services, {
            caseId: payload.caseId, answerId: answer.id, kind: answer.kind === 'interim' ? 'interim' : 'final', body: answer.body,
            message: {
              id: message.id, channel: message.channel, externalId: message.external_id,
              authorExternalId: message.author_external_id, authorContact: message.author_contact, labels: message.labels,
            },
          })
          : 'ожидает выгрузки в исходную систему';
      } catch (error) {
        failures.push(`${message.channel}: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      await appendEvents(ctx, [{
        caseId: payload.caseId, type: 'delivery',
        data: { answerId: answer.id, messageId: message.id, channel: message.channel, delivered: Boolean(adapter?.send), result },
      }]);
    }
    if (failures.length) throw new Error(`Ответ не доставлен: ${failures.join('; ')}`);
  },
});
