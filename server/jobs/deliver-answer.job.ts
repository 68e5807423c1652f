import { z } from 'zod';
import { appendEvents } from '../features/cases/case-events';
import { defineJob } from './outbox';

/**
 * Sends an answer back to where the question came from. Channel adapters register their senders in
 * `answerSenders`; channels without one (portal exports, letters) are delivered by export, recorded as such.
 */
export type AnswerSender = (payload: { caseId: string; answerId: string; channel: string; externalId: string; body: string; kind: string }) => Promise<string>;
export const answerSenders = new Map<string, AnswerSender>();

export const deliverAnswerJob = defineJob({
  kind: 'channel.deliver_answer',
  schema: z.object({ caseId: z.string(), answerId: z.string() }),
  maxAttempts: 8,
  async handler(ctx, payload) {
    const answer = await ctx.db.selectFrom('answers').select(['id', 'body', 'kind']).where('id', '=', payload.answerId).executeTakeFirstOrThrow();
    const message = await ctx.db.selectFrom('messages').select(['channel', 'external_id']).where('case_id', '=', payload.caseId)
      .where('is_duplicate', '=', false).orderBy('created_at').limit(1).executeTakeFirstOrThrow();
    const sender = answerSenders.get(message.channel);
    const result = sender
      ? await sender({ ...payload, channel: message.channel, externalId: message.external_id, body: answer.body, kind: answer.kind })
      : 'ожидает выгрузки в исходную систему';
    await appendEvents(ctx, [{ caseId: payload.caseId, type: 'delivery', data: { answerId: payload.answerId, channel: message.channel, result } }]);
  },
});
