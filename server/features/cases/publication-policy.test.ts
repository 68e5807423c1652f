// Publication policies: the admin API and the scheduled automatic acceptance (default: ЦУР controls every answer).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app';
import { runDueJobs } from '../../jobs/dispatcher';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, ctxAs, makeUser, type TestServices } from '../../test/test-services';
import { addUser } from '../auth/users';
import { receiveMessage } from '../intake/receive-message';
import { answerCase } from './answer-case';
import { reviewAnswer } from './review-answer';

let services: TestServices;
let app: FastifyInstance;

beforeAll(async () => {
  // Monday 09:00 Moscow: working hours count from here on the production calendar.
  services = await createTestServices({ analyzer: createTestAnalyzer(), now: '2026-11-23T09:00:00+03:00' });
  app = await buildApp(services);
  const ctx = rootContext(services, SYSTEM_ACTOR);
  await addUser(ctx, { login: 'p_admin', password: 'Пароль-2026', role: 'admin' });
  await addUser(ctx, { login: 'p_operator', password: 'Пароль-2026', role: 'operator' });
});
afterAll(async () => {
  await app.close();
  await services.close();
});

async function cookieOf(login: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password: 'Пароль-2026' } });
  return `otklik_session=${res.cookies.find((c) => c.name === 'otklik_session')?.value}`;
}

async function answeredCase(
  channel: 'social_vk' | 'email',
  externalId: string,
  text = 'В Рыбинске на улице Крестовой не вывозят мусор',
): Promise<string> {
  const ctx = rootContext(services, SYSTEM_ACTOR);
  const r = await receiveMessage(ctx, { channel, externalId, text });
  await services.database.db
    .updateTable('cases')
    .set({ status: 'assigned' })
    .where('id', '=', r.result.caseId)
    .where('status', 'in', ['new', 'triage'])
    .execute();
  await answerCase(ctxAs(services, await makeUser(services, 'operator')), r.result.caseId, {
    kind: 'final',
    body: 'Мусор вывезен.',
  });
  return r.result.caseId;
}

const state = async (caseId: string) => {
  const c = await services.database.db
    .selectFrom('cases')
    .select(['status', 'first_response_at'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const a = await services.database.db
    .selectFrom('answers')
    .select(['published_at', 'review_status'])
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  const jobs = await services.database.db
    .selectFrom('outbox')
    .select('payload')
    .where('kind', '=', 'channel.deliver_answer')
    .execute();
  return {
    status: c.status,
    firstResponse: c.first_response_at,
    published: a.published_at,
    review: a.review_status,
    deliveries: jobs.filter((j) => j.payload.caseId === caseId).length,
  };
};

describe('publication policies', () => {
  it('admin sets, lists and deletes policies; other roles get 403; bad input 400', async () => {
    const admin = await cookieOf('p_admin');
    const put = (cookie: string, payload: object) =>
      app.inject({ method: 'PUT', url: '/api/publication-policies', headers: { cookie }, payload });
    expect(
      (await put(await cookieOf('p_operator'), { channel: 'social_vk', mode: 'auto', autoAcceptHours: 8 })).statusCode,
    ).toBe(403);
    expect((await put(admin, { channel: 'social_vk', mode: 'auto' })).statusCode).toBe(400);
    expect((await put(admin, { channel: 'social_vk', mode: 'auto', autoAcceptHours: 4 })).statusCode).toBe(200);
    const replaced = await put(admin, { channel: 'social_vk', mode: 'auto', autoAcceptHours: 8 });
    expect(replaced.json()).toMatchObject({
      channel: 'social_vk',
      organisationId: null,
      mode: 'auto',
      autoAcceptHours: 8,
    });
    const extra = (await put(admin, { channel: 'email', mode: 'control' })).json<{ id: string }>();
    const list = await app.inject({ method: 'GET', url: '/api/publication-policies', headers: { cookie: admin } });
    expect(list.json().items.map((p: { channel: string; mode: string }) => `${p.channel}:${p.mode}`)).toEqual([
      'social_vk:auto',
      'email:control',
    ]);
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/publication-policies/${extra.id}`,
      headers: { cookie: admin },
    });
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/publication-policies/${extra.id}`, headers: { cookie: admin } }))
        .statusCode,
    ).toBe(404);
  });

  it('auto: the answer is accepted and published after N working hours; default control waits for ЦУР; a returned answer is never published', async () => {
    const vkCase = await answeredCase('social_vk', 'policy-vk-1');
    const mailCase = await answeredCase('email', 'policy-mail-1');
    await runDueJobs(services);
    expect(await state(vkCase)).toMatchObject({
      status: 'answered',
      published: null,
      deliveries: 0,
      firstResponse: null,
    });

    services.clock.advance(4 * 3_600_000);
    await runDueJobs(services);
    expect((await state(vkCase)).status).toBe('answered');
    services.clock.set('2026-11-24T09:00:00+03:00'); // 8 working hours after Monday 09:00 (the working day ends at 18:00)
    await runDueJobs(services);
    const published = await state(vkCase);
    expect(published).toMatchObject({ status: 'accepted', review: 'accepted', deliveries: 1 });
    expect(published.published?.toISOString()).toBe('2026-11-24T06:00:00.000Z');
    expect(published.firstResponse?.toISOString()).toBe('2026-11-24T06:00:00.000Z');
    expect(await state(mailCase)).toMatchObject({ status: 'answered', published: null, deliveries: 0 });

    // ЦУР returns an answer before its automatic acceptance: the job finds nothing to publish
    const returned = await answeredCase('social_vk', 'policy-vk-2');
    await reviewAnswer(ctxAs(services, await makeUser(services, 'operator')), returned, {
      decision: 'return',
      reason: 'formal_reply',
    });
    services.clock.set('2026-11-26T09:00:00+03:00');
    await runDueJobs(services);
    expect(await state(returned)).toMatchObject({
      status: 'returned',
      published: null,
      review: 'returned',
      deliveries: 0,
    });
  });

  it('«Закрыть» and «Открыть повторно» wait for ЦУР to accept the final answer: the API refuses them and allowedActions agree', async () => {
    const caseId = await answeredCase('email', 'policy-close-1', 'В Угличе на улице Ленина не горят фонари');
    const operator = await cookieOf('p_operator');
    const card = async () =>
      (await app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie: operator } })).json<{
        status: string;
        allowedActions: string[];
      }>();
    const step = (action: string) =>
      app.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/transitions`,
        headers: { cookie: operator, 'x-otklik-request': '1' },
        payload: { action },
      });
    const waiting = await card();
    expect(waiting.status).toBe('answered');
    expect(waiting.allowedActions).toEqual(expect.arrayContaining(['accept', 'return']));
    expect(waiting.allowedActions).not.toContain('close');
    expect(waiting.allowedActions).not.toContain('reopen');
    for (const action of ['close', 'reopen']) {
      const refused = await step(action);
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json().error.message).toMatch(/недоступно в статусе «Дан ответ»/);
    }
    expect(await state(caseId)).toMatchObject({
      status: 'answered',
      published: null,
      review: 'pending',
      deliveries: 0,
    });

    const accepted = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/review`,
      headers: { cookie: operator, 'x-otklik-request': '1' },
      payload: { decision: 'accept' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<{ allowedActions: string[] }>().allowedActions).toContain('close');
    const closed = await step('close');
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed' });
    expect(await state(caseId)).toMatchObject({ status: 'closed', review: 'accepted', deliveries: 1 });
  });
});
