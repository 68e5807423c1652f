import type { FastifyInstance } from 'fastify';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app';
import { runDueJobs } from '../../jobs/dispatcher';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { ctxAs, createTestServices, makeUser, type TestServices } from '../../test/test-services';
import { startTelegramStandIn, type TelegramStandIn } from '../../test/stand-ins/telegram-bot-api';
import { addUser } from '../auth/users';
import { answerCase } from '../cases/answer-case';
import { changeStatus } from '../cases/change-status';
import { extendDeadline } from '../cases/extend-deadline';
import { reviewAnswer } from '../cases/review-answer';
import { startSmtpSink, type SmtpSink } from '../email/mail-servers.test-support';
import { receiveMessage } from '../intake/receive-message';
import { NOTIFICATIONS_TICK_JOB, runNotificationProducers, scheduleNotifications } from './notifications-tick.job';

// Notifications end to end: producers over real case events and deadlines, the workspace list through the API,
// e-mail through a real SMTP server on loopback, Telegram through the Bot API stand-in after linking the chat.
const TOKEN = '7000000003:AANotifyTokenForLoopbackStandIn_789';
const SECRET = 'otklik-notify-secret-0123456789';
let services: TestServices;
let app: FastifyInstance;
let tg: TelegramStandIn;
let sink: SmtpSink;
let cookie = '';
let executorId = 0;
let organisationId = 0;
const STAFF_CHAT = 555000111;

beforeAll(async () => {
  tg = await startTelegramStandIn(TOKEN);
  sink = await startSmtpSink();
  services = await createTestServices({
    analyzer: createTestAnalyzer(),
    config: {
      telegram: { token: TOKEN, webhookSecret: SECRET, username: 'otklik_test_bot', apiRoot: tg.url },
      email: { imap: null, smtp: sink.settings },
      publicUrl: 'https://otklik.example.ru',
      notifications: { atRiskShare: 0.25, digestHour: 10 },
    },
  });
  app = await buildApp(services);
});
afterAll(async () => {
  await app.close();
  await services.close();
  await tg.close();
  await sink.stop();
});

async function drain(): Promise<void> {
  while ((await runDueJobs(services)) > 0) {
    /* next batch */
  }
}
async function tick(): Promise<void> {
  await runNotificationProducers(rootContext(services, SYSTEM_ACTOR));
  await drain();
}
const ctx = () => rootContext(services, SYSTEM_ACTOR);
const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const lettersTo = async (address: string) =>
  Promise.all(sink.letters.filter((l) => l.to.includes(address)).map(async (l) => simpleParser(l.raw)));
const chatTexts = () => tg.sent.filter((m) => Number(m.chat_id) === STAFF_CHAT).map((m) => m.text);

async function signIn(): Promise<void> {
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login: 'notify_executor', password: 'Пароль-2026' },
  });
  // the public address is https, so the session cookie carries the __Host- prefix
  const session = login.cookies.find((c) => c.name.endsWith('otklik_session'));
  cookie = `${session?.name}=${session?.value}`;
}

let n = 0;
async function newCase(street: string): Promise<string> {
  n++;
  const r = await receiveMessage(ctx(), {
    channel: 'web',
    externalId: `notify-${n}`,
    text: `В Рыбинске на улице ${street} не вывозят мусор, дом ${n}`,
  });
  return r.result.caseId;
}

describe('notifications', () => {
  it('links a staff chat with a one-time code sent to the bot', async () => {
    await tick(); // the first run starts the event cursor at now
    const probe = await newCase('Пробной');
    organisationId = Number(
      (
        await services.database.db
          .selectFrom('cases')
          .select('organisation_id')
          .where('id', '=', probe)
          .executeTakeFirstOrThrow()
      ).organisation_id,
    );
    expect(organisationId).toBeGreaterThan(0);
    const org = await services.database.db
      .selectFrom('organisations')
      .select('name')
      .where('id', '=', organisationId)
      .executeTakeFirstOrThrow();
    await addUser(ctx(), {
      login: 'notify_executor',
      password: 'Пароль-2026',
      role: 'executor',
      organisation: org.name,
    });
    executorId = (
      await services.database.db
        .selectFrom('users')
        .select('id')
        .where('login', '=', 'notify_executor')
        .executeTakeFirstOrThrow()
    ).id;
    await signIn();

    const issued = await api('POST', '/api/notifications/telegram-link');
    expect(issued.statusCode).toBe(200);
    const { code, link } = issued.json<{ code: string; link: string }>();
    expect(link).toBe(`https://t.me/otklik_test_bot?start=${code}`);
    const send = (text: string, id: number) =>
      app.inject({
        method: 'POST',
        url: '/webhooks/telegram',
        headers: { 'x-telegram-bot-api-secret-token': SECRET },
        payload: {
          update_id: 990000 + id,
          message: {
            message_id: id,
            date: 1795470000,
            text,
            entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }],
            from: { id: STAFF_CHAT, is_bot: false, first_name: 'Исполнитель' },
            chat: { id: STAFF_CHAT, type: 'private' },
          },
        },
      });
    expect((await send('/link WRONG123', 1)).statusCode).toBe(200);
    expect((await send(`/start ${code}`, 2)).statusCode).toBe(200);
    await drain();
    expect(chatTexts()).toEqual([
      expect.stringContaining('Код связи не подошёл'),
      expect.stringContaining('Чат связан с учётной записью'),
    ]);
    const prefs = (await api('GET', '/api/notifications/preferences')).json();
    expect(prefs).toMatchObject({
      telegramLinked: true,
      emailAvailable: true,
      telegramAvailable: true,
      email: null,
      digest: false,
    });
    // the code is single-use
    await send(`/start ${code}`, 3);
    await drain();
    expect(chatTexts().at(-1)).toContain('Код связи не подошёл');
    const saved = await api('PUT', '/api/notifications/preferences', {
      ...prefs,
      email: 'executor@otklik.test',
      kinds: { ...prefs.kinds, deadline_at_risk: { email: false, telegram: true } },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      email: 'executor@otklik.test',
      kinds: { deadline_at_risk: { email: false, telegram: true } },
    });
    expect((await api('PUT', '/api/notifications/preferences', { ...prefs, email: 'не адрес' })).statusCode).toBe(400);
    // the probe case reached the organisation's new member too (recipients are decided when the event is read)
    await tick();
    expect((await api('POST', '/api/notifications/read', { all: true })).json()).toEqual({ unread: 0 });
  });

  it('tells the organisation of a new case in the workspace, by e-mail and in Telegram, once', async () => {
    const caseId = await newCase('Крестовой');
    await tick();
    await tick();
    const list = (await api('GET', '/api/notifications?unread=true')).json();
    expect(list.unread).toBe(1);
    expect(list.items).toEqual([
      expect.objectContaining({ kind: 'new_case', caseId, title: `Новое обращение № ${caseId}`, readAt: null }),
    ]);
    const letters = (await lettersTo('executor@otklik.test')).filter(
      (l) => l.subject === `Новое обращение № ${caseId}`,
    );
    expect(letters).toHaveLength(1);
    expect(letters[0]?.text).toContain(`https://otklik.example.ru/#/cases/${caseId}`);
    expect(chatTexts().filter((t) => t.includes(`Новое обращение № ${caseId}`))).toHaveLength(1);
    const count = await api('GET', '/api/notifications/unread-count');
    expect(count.json()).toEqual({ unread: 1 });
    expect((await api('POST', '/api/notifications/read', { ids: [list.items[0].id] })).json()).toEqual({ unread: 0 });
  });

  it('tells the author of a returned answer, the staff of an extension and a reopening, and of deadlines at risk and overdue', async () => {
    const caseId = await newCase('Ломоносова');
    const executor = {
      kind: 'user' as const,
      userId: executorId,
      login: 'notify_executor',
      role: 'executor' as const,
      organisationId,
      blockCode: null,
      label: 'Исполнитель',
    };
    const operator = await makeUser(services, 'operator');
    await answerCase(ctxAs(services, executor), caseId, { kind: 'final', body: 'Мусор вывезен.' });
    await reviewAnswer(ctxAs(services, operator), caseId, {
      decision: 'return',
      reason: 'no_date',
      comment: 'Нет даты вывоза',
    });
    await extendDeadline(ctxAs(services, operator), caseId, { days: 5, reason: 'Нужна выездная проверка' });
    await tick();
    const kinds = async () =>
      (await api('GET', '/api/notifications?unread=true')).json().items as {
        kind: string;
        title: string;
        body: string;
      }[];
    const unread = await kinds();
    expect(unread.map((i) => i.kind).sort()).toEqual(['answer_returned', 'extended', 'new_case']);
    expect(unread.find((i) => i.kind === 'answer_returned')?.body).toContain('Нет даты вывоза');
    expect(unread.find((i) => i.kind === 'extended')?.title).toMatch(/продлён до \d\d\.\d\d\.\d{4}/);

    // the final answer is accepted, then the citizen's low rating reopens the case
    await answerCase(ctxAs(services, executor), caseId, { kind: 'final', body: 'Мусор вывезен 24.11.2026.' });
    await reviewAnswer(ctxAs(services, operator), caseId, { decision: 'accept' });
    await changeStatus(ctxAs(services, operator), caseId, { action: 'reopen' });
    await tick();
    expect((await kinds()).map((i) => i.kind)).toContain('reopened');

    // deadlines: less than a quarter of the term left, then past it
    const kase = await services.database.db
      .selectFrom('cases')
      .select(['created_at', 'final_answer_due_at'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    await services.database.db
      .updateTable('cases')
      .set({ final_answer_at: null, status: 'in_progress' })
      .where('id', '=', caseId)
      .execute();
    const due = kase.final_answer_due_at!.getTime();
    const term = due - kase.created_at.getTime();
    services.clock.set(new Date(due - term * 0.1));
    await tick();
    await tick();
    services.clock.set(new Date(due + 60_000));
    await tick();
    await signIn();
    const all = (await api('GET', '/api/notifications?pageSize=200')).json().items as {
      kind: string;
      caseId: string;
    }[];
    expect(all.filter((i) => i.caseId === caseId && i.kind === 'deadline_at_risk')).toHaveLength(1);
    expect(all.filter((i) => i.caseId === caseId && i.kind === 'overdue')).toHaveLength(1);
    const subjects = (await lettersTo('executor@otklik.test')).map((l) => l.subject ?? '');
    // e-mail was switched off for «at risk», Telegram was not
    expect(subjects.filter((s) => s.includes('под угрозой'))).toHaveLength(0);
    expect(chatTexts().filter((t) => t.includes(`№ ${caseId} под угрозой`))).toHaveLength(1);
    expect(subjects.filter((s) => s === `Срок ответа по обращению № ${caseId} нарушен`)).toHaveLength(1);
    expect((await api('POST', '/api/notifications/read', { all: true })).json()).toEqual({ unread: 0 });
  });

  it('tells the citizen of an extension through the channel the message came from (59-ФЗ), once per message', async () => {
    const text = 'В Рыбинске на улице Гоголя не вывозят мусор вторую неделю';
    const tgMessage = await receiveMessage(ctx(), {
      channel: 'messenger_telegram',
      externalId: '777000111:15',
      text,
      author: { externalId: '777000111' },
      labels: { telegram: { chatId: 777000111, messageId: 15 } },
    });
    const caseId = tgMessage.result.caseId;
    await receiveMessage(ctx(), {
      channel: 'email',
      externalId: '<citizen-1@mail.test>',
      text: `${text}!`,
      author: { contact: 'citizen@mail.test' },
      labels: { messageId: 'citizen-1@mail.test', subject: 'Мусор на Гоголя' },
    });
    await services.database.db
      .updateTable('messages')
      .set({ case_id: caseId })
      .where('external_id', '=', '<citizen-1@mail.test>')
      .execute();
    await receiveMessage(ctx(), { channel: 'portal', externalId: 'pos-1', text: `${text}.` });
    await services.database.db
      .updateTable('messages')
      .set({ case_id: caseId })
      .where('external_id', '=', 'pos-1')
      .execute();
    const operator = await makeUser(services, 'operator');
    await extendDeadline(ctxAs(services, operator), caseId, { days: 10, reason: 'Нужна проверка перевозчика' });
    await tick();
    await tick();
    const toChat = tg.sent.filter((m) => Number(m.chat_id) === 777000111 && m.text.includes('продлён'));
    expect(toChat).toHaveLength(1);
    expect(toChat[0]?.text).toMatch(
      new RegExp(
        `Срок рассмотрения вашего обращения № ${caseId} продлён до \\d\\d\\.\\d\\d\\.\\d{4}.*59-ФЗ.*Нужна проверка перевозчика`,
      ),
    );
    const letters = await lettersTo('citizen@mail.test');
    expect(letters).toHaveLength(1);
    expect(letters[0]?.subject).toBe(`Re: Мусор на Гоголя [Обращение № ${caseId}]`);
    expect(letters[0]?.inReplyTo).toBe('<citizen-1@mail.test>');
    const events = await services.database.db
      .selectFrom('case_events')
      .select('data')
      .where('case_id', '=', caseId)
      .where('type', '=', 'citizen_notice')
      .execute();
    expect(events.map((e) => [e.data.channel, e.data.delivered]).sort()).toEqual([
      ['email', true],
      ['messenger_telegram', true],
      ['portal', false],
    ]);
  });

  it('gathers notifications into one daily digest for users who chose it', async () => {
    const prefs = (await api('GET', '/api/notifications/preferences')).json();
    await api('PUT', '/api/notifications/preferences', { kinds: prefs.kinds, digest: true });
    const sentBefore = sink.letters.length;
    const chatBefore = chatTexts().length;
    services.clock.set('2026-12-14T09:00:00+03:00');
    await signIn();
    const first = await newCase('Пушкина');
    const second = await newCase('Чкалова');
    await tick();
    expect(sink.letters.length).toBe(sentBefore);
    expect(chatTexts().length).toBe(chatBefore);
    services.clock.set('2026-12-14T10:05:00+03:00');
    await tick();
    await tick();
    const digests = (await lettersTo('executor@otklik.test')).filter((l) =>
      l.subject?.startsWith('Сводка уведомлений за 14.12.2026'),
    );
    expect(digests).toHaveLength(1);
    expect(digests[0]?.text).toContain(`Новое обращение № ${first}`);
    expect(digests[0]?.text).toContain(`Новое обращение № ${second}`);
    expect(chatTexts().filter((t) => t.startsWith('Сводка уведомлений за 14.12.2026'))).toHaveLength(1);
  });

  it('announces a spike to the centre staff of the block once', async () => {
    const curator = await makeUser(services, 'operator');
    await services.database.db
      .updateTable('users')
      .set({ block_code: 'tko' })
      .where('id', '=', curator.userId)
      .execute();
    services.clock.set('2026-12-15T12:00:00+03:00');
    for (let i = 0; i < 6; i++) await newCase(`Садовой ${i}`);
    await tick();
    services.clock.advance(16 * 60_000);
    await tick();
    const { listNotifications } = await import('./notifications.repository');
    const spikes = (await listNotifications(ctxAs(services, curator), { page: 1, pageSize: 200 })).items.filter(
      (i) => i.kind === 'spike',
    );
    expect(spikes).toHaveLength(1);
    expect(spikes[0]?.title).toMatch(/^Всплеск: .+ — Рыбинск/);
    expect(spikes[0]?.body).toMatch(/^6 обращений за день/);
  });

  it('still reads an event that became visible after the cursor passed its id (commit order on PostgreSQL)', async () => {
    const caseId = await newCase('Поздней');
    await tick();
    const max = await services.database.db
      .selectFrom('case_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    // the event below gets an id under the cursor, as a transaction that took its id earlier and committed later would
    await services.database.db
      .updateTable('notification_state')
      .set({ value: JSON.stringify({ lastId: String(Number(max.id) + 50) }) })
      .where('key', '=', 'notifications.events')
      .execute();
    const operator = await makeUser(services, 'operator');
    await extendDeadline(ctxAs(services, operator), caseId, { days: 3, reason: 'Запрошены документы' });
    await tick();
    const { listNotifications } = await import('./notifications.repository');
    const executor = {
      kind: 'user' as const,
      userId: executorId,
      login: 'notify_executor',
      role: 'executor' as const,
      organisationId,
      blockCode: null,
      label: 'Исполнитель',
    };
    const items = (await listNotifications(ctxAs(services, executor), { page: 1, pageSize: 200 })).items;
    expect(items.filter((i) => i.caseId === caseId && i.kind === 'extended')).toHaveLength(1);
  });

  it('runs the producers as one chain of outbox jobs, a minute apart, however often the server starts', async () => {
    await drain();
    await scheduleNotifications(services);
    await scheduleNotifications(services);
    const pending = () =>
      services.database.db
        .selectFrom('outbox')
        .select(['run_after'])
        .where('kind', '=', NOTIFICATIONS_TICK_JOB)
        .where('status', '=', 'pending')
        .execute();
    expect(await pending()).toHaveLength(1);
    await runDueJobs(services);
    const [next] = await pending();
    expect(next?.run_after.getTime()).toBe(services.clock.now().getTime() + 60_000);
    await runDueJobs(services);
    expect(await pending()).toHaveLength(1);
    services.clock.advance(60_000);
    await runDueJobs(services);
    expect(await pending()).toHaveLength(1);
    expect((await pending())[0]?.run_after.getTime()).toBe(services.clock.now().getTime() + 60_000);
  });

  it('keeps each user to their own notifications and refuses integrations', async () => {
    const other = await makeUser(services, 'operator');
    const { listNotifications } = await import('./notifications.repository');
    expect((await listNotifications(ctxAs(services, other), { page: 1, pageSize: 50 })).total).toBe(0);
    expect((await app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
  });
});
