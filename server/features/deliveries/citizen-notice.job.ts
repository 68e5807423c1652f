import { z } from 'zod';
import { appendEvents } from '../cases/case-events';
import { DeliveryAwaitsExportError } from '../channels/channel-adapter';
import { adapterForChannel } from '../channels/registry';
import type { Ctx } from '../../lib/context';
import { safeErrorText } from '../../lib/redact-secrets';
import { defineJob, enqueue } from '../../jobs/outbox';

// A notice to the citizen about their case that is not an answer — today the extended term, which 59-ФЗ (art. 12
// p. 2) says the citizen must be told of. One outbox job per citizen message, keyed by the notice and the message,
// retried on the delivery schedule like answers; the result goes into the case history as a `citizen_notice` event.
// Channels that cannot carry it (no adapter, or no way back to this message) record that it waits for export.
export const CITIZEN_NOTICE_JOB = 'citizen.notice';

export async function queueCitizenNotice(ctx: Ctx, caseId: string, key: string, text: string): Promise<number> {
  const messages = await ctx.db
    .selectFrom('messages')
    .select('id')
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();
  for (const m of messages)
    await enqueue(ctx, citizenNoticeJob, { caseId, messageId: m.id, key, text }, `notice:${key}:${m.id}`);
  return messages.length;
}

async function record(ctx: Ctx, caseId: string, data: Record<string, unknown>): Promise<void> {
  await appendEvents(ctx, [{ caseId, type: 'citizen_notice', data }]);
}

export const citizenNoticeJob = defineJob({
  kind: CITIZEN_NOTICE_JOB,
  schema: z.object({ caseId: z.string(), messageId: z.string(), key: z.string(), text: z.string().min(1).max(4000) }),
  maxAttempts: 'delivery',
  async handler(ctx, p) {
    const m = await ctx.db
      .selectFrom('messages')
      .select(['id', 'channel', 'external_id', 'author_external_id', 'author_contact', 'labels', 'case_id'])
      .where('id', '=', p.messageId)
      .executeTakeFirst();
    if (!m) return;
    const base = { key: p.key, messageId: m.id, channel: m.channel, text: p.text };
    const adapter = adapterForChannel(ctx.services.channels, m.channel);
    if (!adapter?.sendNotice) {
      await record(ctx, m.case_id, { ...base, delivered: false, result: 'ожидает выгрузки в исходную систему' });
      return;
    }
    try {
      const result = await adapter.sendNotice(ctx.services, {
        caseId: m.case_id,
        key: p.key,
        text: p.text,
        message: {
          id: m.id,
          channel: m.channel,
          externalId: m.external_id,
          authorExternalId: m.author_external_id,
          authorContact: m.author_contact,
          labels: m.labels,
        },
      });
      await record(ctx, m.case_id, { ...base, delivered: true, result });
    } catch (error) {
      if (!(error instanceof DeliveryAwaitsExportError)) throw error;
      await record(ctx, m.case_id, { ...base, delivered: false, result: safeErrorText(error, ctx.services.config) });
    }
  },
  async onDead(ctx, p, error) {
    await record(ctx, p.caseId, {
      key: p.key,
      messageId: p.messageId,
      delivered: false,
      result: `Не доставлено: ${error}`,
    });
  },
});
