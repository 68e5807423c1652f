import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { addUser } from '../auth/users';
import { answerCase } from '../cases/answer-case';
import { reviewAnswer } from '../cases/review-answer';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { ctxAs, createTestServices, makeUser, type TestServices } from '../../test/test-services';
import { startTelegramStandIn, type TelegramStandIn } from '../../test/stand-ins/telegram-bot-api';
import { runDueJobs } from '../../jobs/dispatcher';
import { signedIn } from '../../test/auth-kit';

// A channel that is down for two hours, on the fake clock: the dispatcher keeps ticking every minute, answers and the
// bot's own replies wait, and once the Bot API is back every one of them reaches the chat exactly once.
const TOKEN = '7000000002:AAOutageTokenForLoopbackStandIn_456';
const SECRET = 'otklik-outage-secret-0123456789';
let services: TestServices;
let app: FastifyInstance;
let tg: TelegramStandIn;
let cookie = '';

beforeAll(async () => {
  tg = await startTelegramStandIn(TOKEN);
  services = await createTestServices({
    analyzer: createTestAnalyzer(),
    config: { telegram: { token: TOKEN, webhookSecret: SECRET, username: 'otklik_test_bot', apiRoot: tg.url } },
  });
  app = await buildApp(services);
  await addUser(rootContext(services, SYSTEM_ACTOR), {
    login: 'outage_operator',
    password: 'Пароль-2026',
    role: 'operator',
  });
});

/** Signs the operator in (again: the outage below runs the clock past the session's idle timeout). */
async function signIn(): Promise<void> {
  cookie = await signedIn(app, 'outage_operator');
}
afterAll(async () => {
  await app.close();
  await services.close();
  await tg.close();
});

async function drain(): Promise<void> {
  while ((await runDueJobs(services)) > 0) {
    /* next batch */
  }
}

let seq = 0;
async function citizenWrites(chatId: number, text: string): Promise<string> {
  seq++;
  const update = {
    update_id: 900000000 + seq,
    message: {
      message_id: 7000 + seq,
      date: 1795470000,
      text,
      from: { id: chatId, is_bot: false, first_name: 'Житель' },
      chat: { id: chatId, type: 'private' },
    },
  };
  const res = await app.inject({
    method: 'POST',
    url: '/webhooks/telegram',
    payload: update,
    headers: { 'x-telegram-bot-api-secret-token': SECRET },
  });
  expect(res.statusCode).toBe(200);
  const row = await services.database.db
    .selectFrom('messages')
    .select('case_id')
    .where('external_id', '=', `${chatId}:${7000 + seq}`)
    .executeTakeFirstOrThrow();
  return row.case_id;
}

const ready = async () => (await app.inject({ method: 'GET', url: '/api/health/ready' })).json();

describe('a two-hour channel outage', () => {
  it('ends with every answer and every bot reply delivered exactly once, the backlog visible meanwhile', async () => {
    await tg.setMode('error');
    const operator = await makeUser(services, 'operator');
    const cases: { caseId: string; body: string }[] = [];
    const streets = ['Крестовой', 'Ломоносова', 'Пушкина', 'Чкалова', 'Гоголя'];
    for (const [i, street] of streets.entries()) {
      const caseId = await citizenWrites(310000000 + i, `В Рыбинске на улице ${street} не вывозят мусор`);
      cases.push({ caseId, body: `Мусор на улице ${street} вывезен, график восстановлен.` });
    }
    // half of the answers come before the outage's middle, the rest 70 minutes in
    const answerAndAccept = async (c: { caseId: string; body: string }): Promise<void> => {
      await answerCase(ctxAs(services, operator), c.caseId, { kind: 'final', body: c.body });
      await reviewAnswer(ctxAs(services, operator), c.caseId, { decision: 'accept' });
    };
    for (const c of cases.slice(0, 2)) await answerAndAccept(c);
    const start = services.clock.now().getTime();
    for (let minute = 1; minute <= 120; minute++) {
      if (minute === 60) await tg.setMode('refuse');
      if (minute === 70) for (const c of cases.slice(2)) await answerAndAccept(c);
      services.clock.advance(60_000);
      await drain();
    }
    expect(services.clock.now().getTime() - start).toBe(2 * 3_600_000);
    const during = await ready();
    expect(during.status).toBe('ready');
    expect(during.deliveries).toMatchObject({ pending: 5, failed: 0 });
    expect(during.outbox.pending).toBeGreaterThanOrEqual(10);
    expect(during.outbox.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(2 * 3600);
    const stored = await services.database.db.selectFrom('deliveries').select('last_error').execute();
    for (const d of stored) expect(d.last_error ?? '').not.toContain(TOKEN.split(':')[1]);
    expect(
      await services.database.db.selectFrom('deliveries').select('id').where('status', '=', 'failed').execute(),
    ).toEqual([]);

    await tg.setMode('ok');
    for (let hour = 0; hour < 8; hour++) {
      services.clock.advance(3_600_000);
      await drain();
    }
    for (const c of cases) {
      expect(tg.sent.filter((m) => m.text.includes(c.body))).toHaveLength(1);
      expect(tg.sent.filter((m) => m.text.includes(`№ ${c.caseId}`) && /зарегистр/i.test(m.text))).toHaveLength(1);
    }
    const after = await ready();
    expect(after.deliveries).toMatchObject({ pending: 0, failed: 0 });
    expect(after.outbox).toMatchObject({ pending: 0, running: 0, failed: 0, oldestPendingAgeSeconds: null });
  });

  it('lists cases whose delivery failed and sends them all again with «повторить все»', async () => {
    const caseId = await citizenWrites(320000001, 'В Рыбинске на улице Рабочей не вывозят мусор');
    const operator = await makeUser(services, 'operator');
    await answerCase(ctxAs(services, operator), caseId, { kind: 'final', body: 'Мусор на Рабочей вывезен.' });
    await reviewAnswer(ctxAs(services, operator), caseId, { decision: 'accept' });
    await drain();
    await signIn();
    // attempts ran out earlier (e.g. the bot token was wrong for a day): the row is failed
    await services.database.db
      .updateTable('deliveries')
      .set({ status: 'failed', last_error: 'Попытки исчерпаны' })
      .where('case_id', '=', caseId)
      .execute();
    const sentBefore = tg.sent.filter((m) => m.text.includes('Мусор на Рабочей вывезен.')).length;
    const list = await app.inject({ method: 'GET', url: '/api/cases?delivery=failed', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([caseId]);

    const executor = await makeUser(services, 'executor', 1);
    const { retryAllFailedDeliveries } = await import('./deliveries');
    await expect(retryAllFailedDeliveries(ctxAs(services, executor))).rejects.toMatchObject({ code: 'forbidden' });
    expect((await app.inject({ method: 'POST', url: '/api/deliveries/retry-failed' })).statusCode).toBe(401);

    const retry = await app.inject({ method: 'POST', url: '/api/deliveries/retry-failed', headers: { cookie } });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual({ queued: 1, cases: 1 });
    await drain();
    expect(tg.sent.filter((m) => m.text.includes('Мусор на Рабочей вывезен.'))).toHaveLength(sentBefore + 1);
    expect(
      (await app.inject({ method: 'GET', url: '/api/cases?delivery=failed', headers: { cookie } })).json().items,
    ).toEqual([]);
    expect(
      (await app.inject({ method: 'POST', url: '/api/deliveries/retry-failed', headers: { cookie } })).json(),
    ).toEqual({ queued: 0, cases: 0 });
  });
});
