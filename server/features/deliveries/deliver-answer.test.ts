import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelAdapter, OutboundAnswer } from '../channels/channel-adapter';
import { reviewAnswer } from '../cases/review-answer';
import { answerCase } from '../cases/answer-case';
import { getCase } from '../cases/get-case';
import { receiveMessage } from '../intake/receive-message';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { ctxAs, createTestServices, makeUser, type TestServices } from '../../test/test-services';
import { enqueue } from '../../jobs/outbox';
import { deliverAnswerJob } from './deliver-answer.job';
import { runDueJobs } from '../../jobs/dispatcher';

// The delivery job over in-process adapters: one case that gathered messages from three channels.
let services: TestServices;
const sent: { channel: string; messageId: string; answerId: string }[] = [];
let emailDown = true;

function recordingAdapter(name: string, channel: 'email' | 'messenger_telegram', fails: () => boolean): ChannelAdapter {
  return {
    name,
    channels: [channel],
    async send(_s, answer: OutboundAnswer) {
      if (fails()) throw new Error(`${name} недоступен`);
      sent.push({ channel, messageId: answer.message.id, answerId: answer.answerId });
      return `${name}:${answer.message.id}`;
    },
  };
}

beforeAll(async () => {
  services = await createTestServices({ analyzer: createTestAnalyzer() });
  services.channels = [
    recordingAdapter('mail', 'email', () => emailDown),
    recordingAdapter('tg', 'messenger_telegram', () => false),
  ];
});
afterAll(async () => {
  await services.close();
});

describe('channel.deliver_answer', () => {
  it('delivers once per answer × message across partial failures, and records a channel without adapter as awaiting export', async () => {
    const ctx = rootContext(services, SYSTEM_ACTOR);
    const text = 'В Рыбинске на улице Крестовой не вывозят мусор';
    const first = await receiveMessage(ctx, {
      channel: 'messenger_telegram',
      externalId: '1:1',
      text,
      author: { externalId: '1' },
    });
    await receiveMessage(ctx, { channel: 'email', externalId: '<a@b>', text, author: { contact: 'a@b.ru' } });
    await receiveMessage(ctx, { channel: 'portal', externalId: 'p-1', text });
    const caseId = first.result.caseId;
    const operator = await makeUser(services, 'operator');
    await answerCase(ctxAs(services, operator), caseId, { kind: 'final', body: 'Мусор вывезен, график восстановлен.' });
    // nothing is queued before ЦУР accepts the final answer; the outbox row is written with the acceptance
    expect(
      await services.database.db
        .selectFrom('outbox')
        .select('id')
        .where('kind', '=', 'channel.deliver_answer')
        .execute(),
    ).toEqual([]);
    await reviewAnswer(ctxAs(services, operator), caseId, { decision: 'accept' });
    const jobs = await services.database.db
      .selectFrom('outbox')
      .select(['kind', 'status'])
      .where('kind', '=', 'channel.deliver_answer')
      .execute();
    expect(jobs).toEqual([{ kind: 'channel.deliver_answer', status: 'pending' }]);

    await runDueJobs(services);
    let deliveries = (await getCase(ctx, caseId)).deliveries ?? [];
    expect(Object.fromEntries(deliveries.map((d) => [d.channel, d.status]))).toEqual({
      messenger_telegram: 'sent',
      email: 'pending',
      portal: 'awaiting_export',
    });
    expect(deliveries.find((d) => d.channel === 'email')?.lastError).toBe('mail недоступен');

    emailDown = false;
    services.clock.advance(services.config.delivery.retryScheduleMs[0] ?? 0);
    expect(await runDueJobs(services)).toBe(1);
    deliveries = (await getCase(ctx, caseId)).deliveries ?? [];
    expect(deliveries.map((d) => d.status).sort()).toEqual(['awaiting_export', 'sent', 'sent']);
    expect(sent.filter((s) => s.channel === 'messenger_telegram')).toHaveLength(1);
    expect(sent.filter((s) => s.channel === 'email')).toHaveLength(1);

    // the same answer enqueued again (e.g. a replayed job) sends nothing new
    const answerId = deliveries[0]?.answerId ?? '';
    await enqueue(ctx, deliverAnswerJob, { caseId, answerId }, 'replay-1');
    await runDueJobs(services);
    expect(sent).toHaveLength(2);
    const events = await services.database.db
      .selectFrom('case_events')
      .select('type')
      .where('case_id', '=', caseId)
      .where('type', '=', 'delivery')
      .execute();
    expect(events).toHaveLength(3);
  });
});
