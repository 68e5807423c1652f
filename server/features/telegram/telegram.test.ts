import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app';
import { runDueJobs } from '../../jobs/dispatcher';
import { addUser } from '../auth/users';
import { answerCase } from '../cases/answer-case';
import { reviewAnswer } from '../cases/review-answer';
import { getCase } from '../cases/get-case';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { ctxAs, createTestServices, makeUser, type TestServices } from '../../test/test-services';
import { startTelegramStandIn, type TelegramStandIn } from '../../test/stand-ins/telegram-bot-api';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import sharp from 'sharp';
import { createHash } from 'node:crypto';
import { ConfigError, loadConfig } from '../../config';
import { RATING_PROMPT } from './telegram.adapter';
import { TEXTS } from './telegram-inbound';

const TOKEN = '7000000001:AAFakeTokenForLoopbackStandIn_123';
const SECRET = 'otklik-webhook-secret-0123456789';
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
type Update = Record<string, unknown> & {
  update_id: number;
  message?: Record<string, unknown>;
  callback_query?: Record<string, unknown>;
};
const fixture = (name: string): Update => JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8')) as Update;

let services: TestServices;
let app: FastifyInstance;
let tg: TelegramStandIn;

beforeAll(async () => {
  tg = await startTelegramStandIn(TOKEN);
  services = await createTestServices({
    analyzer: createTestAnalyzer(),
    config: { telegram: { token: TOKEN, webhookSecret: SECRET, username: 'otklik_test_bot', apiRoot: tg.url } },
  });
  app = await buildApp(services);
});
afterAll(async () => {
  await app.close();
  await services.close();
  await tg.close();
});
beforeEach(async () => {
  await tg.setMode('ok');
});

const webhook = (update: unknown, secret: string | null = SECRET) =>
  app.inject({
    method: 'POST',
    url: '/webhooks/telegram',
    payload: update as object,
    headers: secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret },
  });

/** The pause before attempt n + 1 on the delivery schedule. */
const pause = (n: number): number => services.config.delivery.retryScheduleMs[n - 1] ?? 0;

/** Runs the outbox until nothing is due (the dispatcher's job in a running server). */
async function drain(): Promise<void> {
  while ((await runDueJobs(services)) > 0) {
    /* next batch */
  }
}

let seq = 0;
/** A text message Update like text-message.json, with fresh ids. */
function textUpdate(text: string, chatId = 287654321): Update {
  seq++;
  const u = fixture('text-message');
  const message = u.message as Record<string, unknown>;
  return {
    ...u,
    update_id: 815500000 + seq,
    message: { ...message, message_id: 5000 + seq, text, chat: { ...(message.chat as object), id: chatId } },
  };
}

async function messageRow(externalId: string) {
  return services.database.db
    .selectFrom('messages')
    .selectAll()
    .where('channel', '=', 'messenger_telegram')
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

async function countMessages(): Promise<number> {
  const r = await services.database.db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('Telegram configuration', () => {
  it('is off without variables, on with token and secret, and a half configuration is an error naming what is missing', () => {
    expect(loadConfig({}).telegram).toBeNull();
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET }).telegram).toMatchObject({
      token: TOKEN,
      webhookSecret: SECRET,
      apiRoot: 'https://api.telegram.org',
    });
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN })).toThrow(ConfigError);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
    expect(() => loadConfig({ VK_GROUP_ID: '218372615' })).toThrow(/VK_SECRET/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: 'short' })).toThrow(
      /TELEGRAM_WEBHOOK_SECRET/,
    );
  });
});

describe('Telegram webhook: secret token', () => {
  it('refuses a missing or wrong secret with 401 and stores nothing', async () => {
    const before = await countMessages();
    expect((await webhook(fixture('text-message'), null)).statusCode).toBe(401);
    expect((await webhook(fixture('text-message'), 'wrong-secret-wrong-secret')).statusCode).toBe(401);
    expect(await countMessages()).toBe(before);
    expect(await messageRow('287654321:41')).toBeUndefined();
  });
});

describe('Telegram intake', () => {
  it('greets on /start in Russian', async () => {
    expect((await webhook(fixture('start-command'))).statusCode).toBe(200);
    await drain();
    expect(tg.sent.at(-1)).toMatchObject({ chat_id: 287654321, text: TEXTS.start });
  });

  it('turns a text message into a case once, even when Telegram delivers the update twice, and answers with the number', async () => {
    const sentBefore = tg.sent.length;
    const first = await webhook(fixture('text-message'));
    const second = await webhook(fixture('text-message'));
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    const row = await messageRow('287654321:41');
    expect(row).toMatchObject({
      author_external_id: '287654321',
      author_name: 'Ирина Соколова',
      author_contact: '@irina_sokolova',
    });
    const rows = await services.database.db
      .selectFrom('messages')
      .select('id')
      .where('external_id', '=', '287654321:41')
      .execute();
    expect(rows).toHaveLength(1);
    const kase = await services.database.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', row?.case_id ?? '0')
      .executeTakeFirstOrThrow();
    expect(kase).toMatchObject({ channel: 'messenger_telegram', block_code: 'tko', status: 'assigned' });
    await drain();
    const acks = tg.sent.slice(sentBefore);
    expect(acks).toHaveLength(1);
    expect(acks[0]).toMatchObject({ chat_id: 287654321, reply_parameters: { message_id: 41 } });
    expect(acks[0]?.text).toContain(`№ ${kase.id}`);
  });

  it('takes a photo with its caption as text, and fetches the largest size through getFile in the background', async () => {
    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 90, g: 90, b: 90 } } })
      .jpeg()
      .toBuffer();
    tg.addFile('AgACAgIAAxkBAAIBZ2VsYXJnZQ', photo);
    expect((await webhook(fixture('photo-with-caption'))).statusCode).toBe(200);
    const row = await messageRow('301122334:42');
    expect(row?.text).toBe('В Угличе на улице Ярославской огромная яма на дороге, машины бьют колёса');
    expect(row?.attachments).toEqual([
      expect.objectContaining({
        mimeType: 'image/jpeg',
        size: 96345,
        telegramFileId: 'AgACAgIAAxkBAAIBZ2VsYXJnZQ',
        width: 1280,
        height: 960,
      }),
    ]);
    const file = () =>
      services.database.db
        .selectFrom('attachments')
        .selectAll()
        .where('message_id', '=', row!.id)
        .executeTakeFirstOrThrow();
    // The webhook does not call the Bot API: the file is pending until the fetch job runs.
    expect(await file()).toMatchObject({ status: 'pending', sha256: null });
    await drain();
    const stored = await file();
    expect(stored).toMatchObject({
      status: 'stored',
      mime_type: 'image/jpeg',
      size: photo.length,
      sha256: createHash('sha256').update(photo).digest('hex'),
    });
    expect(await services.blobs.get(stored.storage_key!)).toEqual(photo);
    expect(stored.thumbnail_key).not.toBeNull();
    expect(tg.calls.filter((c) => c.method === 'getFile').map((c) => c.params.file_id)).toEqual([
      'AgACAgIAAxkBAAIBZ2VsYXJnZQ',
    ]);
  });

  it('keeps a location sent alone, asks for a description, and attaches it to the next text', async () => {
    const before = await countMessages();
    expect((await webhook(fixture('location'))).statusCode).toBe(200);
    expect((await webhook(fixture('location'))).statusCode).toBe(200);
    expect(await countMessages()).toBe(before);
    await drain();
    expect(tg.sent.filter((m) => m.chat_id === 355667788 && m.text === TEXTS.askDescription)).toHaveLength(1);
    expect((await webhook(fixture('text-after-location'))).statusCode).toBe(200);
    const row = await messageRow('355667788:44');
    expect(row).toMatchObject({ lat: 57.626559, lon: 39.893813 });
    const kase = await services.database.db
      .selectFrom('cases')
      .select(['lat', 'lon'])
      .where('id', '=', row?.case_id ?? '0')
      .executeTakeFirstOrThrow();
    expect(kase).toEqual({ lat: 57.626559, lon: 39.893813 });
    const draft = await services.database.db.selectFrom('messenger_drafts').selectAll().execute();
    expect(draft).toHaveLength(0);
  });

  it('explains what it understands when it gets a sticker', async () => {
    await webhook(fixture('sticker'));
    await drain();
    expect(tg.sent.at(-1)).toMatchObject({ chat_id: 355667788, text: TEXTS.unsupported });
  });

  it('/status lists the chat’s cases with their status', async () => {
    await webhook(fixture('status-command'));
    await drain();
    const row = await messageRow('287654321:41');
    const text = tg.sent.at(-1)?.text ?? '';
    expect(text).toContain(`№ ${row?.case_id}`);
    expect(text).toContain('передано исполнителю');
    expect(text).not.toContain('фонари');
  });
});

describe('Telegram edited messages', () => {
  it('an edit of a stored message updates its text and keeps the previous one in the history, once; an unknown message is ignored', async () => {
    const original = fixture('text-message') as { message: Record<string, unknown> };
    await webhook(original);
    const stored = await messageRow('287654321:41');
    const edited = (updateId: number, messageId: number) => ({
      update_id: updateId,
      edited_message: {
        ...original.message,
        message_id: messageId,
        edit_date: 1795470600,
        text: 'Исправление: улица Крестовая, дом 7, мусор не вывозят три недели',
      },
    });
    expect((await webhook(edited(815409001, 41))).statusCode).toBe(200);
    expect((await webhook(edited(815409001, 41))).statusCode).toBe(200);
    expect(await messageRow('287654321:41')).toMatchObject({
      id: stored?.id,
      case_id: stored?.case_id,
      text: 'Исправление: улица Крестовая, дом 7, мусор не вывозят три недели',
    });
    const events = await services.database.db
      .selectFrom('case_events')
      .select('data')
      .where('case_id', '=', stored!.case_id)
      .where('type', '=', 'follow_up')
      .execute();
    expect(events).toEqual([{ data: expect.objectContaining({ edited: true, previousText: stored?.text }) }]);
    const before = await countMessages();
    await webhook(edited(815409002, 999));
    expect(await countMessages()).toBe(before);
  });
});

describe('Telegram answers and rating', () => {
  it('sends the photos and documents of an answer with sendPhoto and sendDocument before its text', async () => {
    const row = await messageRow('301122334:42');
    const operator = await makeUser(services, 'operator');
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 0, g: 200, b: 0 } } })
      .png()
      .toBuffer();
    const act = Buffer.from('%PDF-1.4\n% акт\n%%EOF\n');
    await services.database.db
      .updateTable('cases')
      .set({ status: 'assigned' })
      .where('id', '=', row!.case_id)
      .where('status', '=', 'triage')
      .execute();
    await answerCase(ctxAs(services, operator), row!.case_id, {
      kind: 'interim',
      body: 'Яму засыпали щебнем, фото и акт приложены.',
      attachments: [
        { name: 'posle.png', contentBase64: photo.toString('base64') },
        { name: 'akt.pdf', contentBase64: act.toString('base64') },
      ],
    });
    const before = tg.sentFiles.length;
    await drain();
    expect(tg.sentFiles.slice(before)).toEqual([
      { method: 'sendPhoto', chatId: '301122334', fileName: 'posle.png' },
      { method: 'sendDocument', chatId: '301122334', fileName: 'akt.pdf' },
    ]);
    expect(tg.sent.at(-1)?.text).toContain('Яму засыпали щебнем');
    const detail = await getCase(ctxAs(services, operator), row!.case_id);
    expect(detail.answers.at(-1)?.attachments.map((a) => [a.name, a.mimeType])).toEqual([
      ['posle.png', 'image/png'],
      ['akt.pdf', 'application/pdf'],
    ]);
  });

  it('pushes interim and final answers; the final one carries 1–5 buttons; only the author rates; 1–2 reopens', async () => {
    const row = await messageRow('287654321:41');
    const caseId = row?.case_id ?? '';
    const operator = await makeUser(services, 'operator');
    await answerCase(ctxAs(services, operator), caseId, {
      kind: 'interim',
      body: 'Обращение принято, вывоз назначен на завтра.',
    });
    await drain();
    expect(tg.sent.at(-1)).toMatchObject({ chat_id: 287654321, reply_parameters: { message_id: 41 } });
    expect(tg.sent.at(-1)?.text).toContain('Промежуточный ответ');
    expect(tg.sent.at(-1)?.reply_markup).toBeUndefined();

    await answerCase(ctxAs(services, operator), caseId, {
      kind: 'final',
      body: 'Мусор вывезен 24.11.2026, график восстановлен.',
    });
    await reviewAnswer(ctxAs(services, operator), caseId, { decision: 'accept' });
    await drain();
    const final = tg.sent.at(-1);
    expect(final?.text).toContain(RATING_PROMPT);
    const keyboard = (final?.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] })
      .inline_keyboard;
    expect(keyboard[0]?.map((b) => b.text)).toEqual(['1', '2', '3', '4', '5']);
    const detail = await getCase(ctxAs(services, operator), caseId);
    expect(detail.deliveries?.map((d) => d.status)).toEqual(['sent', 'sent']);

    const press = (score: number, chatId: number, updateId: number): Update => {
      const u = fixture('rating-callback');
      const cq = u.callback_query as Record<string, unknown>;
      const message = cq.message as Record<string, unknown>;
      return {
        ...u,
        update_id: updateId,
        callback_query: {
          ...cq,
          data: keyboard[0]?.[score - 1]?.callback_data,
          from: { ...(cq.from as object), id: chatId },
          message: { ...message, chat: { ...(message.chat as object), id: chatId } },
        },
      };
    };
    const stranger = await webhook(press(5, 999000111, 815402200));
    expect(stranger.statusCode).toBe(200);
    expect(stranger.json()).toMatchObject({ method: 'answerCallbackQuery', text: TEXTS.notAuthor });
    expect(
      await services.database.db.selectFrom('ratings').select('id').where('case_id', '=', caseId).execute(),
    ).toHaveLength(0);

    const own = await webhook(press(2, 287654321, 815402201));
    expect(own.json()).toMatchObject({ method: 'answerCallbackQuery', text: 'Спасибо за оценку!' });
    const again = await webhook(press(2, 287654321, 815402201));
    expect(again.json()).toMatchObject({ text: TEXTS.alreadyRated });
    const ratings = await services.database.db
      .selectFrom('ratings')
      .select('score')
      .where('case_id', '=', caseId)
      .execute();
    expect(ratings).toEqual([{ score: 2 }]);
    const kase = await services.database.db
      .selectFrom('cases')
      .select(['status', 'rating'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(kase).toEqual({ status: 'reopened', rating: 2 });
    await drain();
    expect(tg.sent.at(-1)?.text).toBe(TEXTS.thanks(2, caseId));
    expect(tg.calls.some((c) => c.method === 'editMessageReplyMarkup' && c.params.message_id === 1010)).toBe(true);
  });
});

describe('Outbound reliability (Telegram)', () => {
  // each case from a chat of its own: a chat's next message within half an hour continues its case
  async function newCase(text: string): Promise<{ caseId: string; externalId: string }> {
    const chatId = 287000000 + seq;
    const u = textUpdate(text, chatId);
    const res = await webhook(u);
    expect(res.statusCode).toBe(200);
    const externalId = `${chatId}:${(u.message as { message_id: number }).message_id}`;
    return { caseId: (await messageRow(externalId))?.case_id ?? '', externalId };
  }
  const deliveries = async (caseId: string) =>
    (await getCase(rootContext(services, SYSTEM_ACTOR), caseId)).deliveries ?? [];

  it('takes messages in while the Bot API fails, and delivers the answer once it is back', async () => {
    await tg.setMode('error');
    const { caseId } = await newCase('В Рыбинске на улице Ломоносова переполнены мусорные контейнеры');
    expect(caseId).not.toBe('');
    // the integration API keeps answering 201 too
    const token = (await (await import('../auth/tokens')).createToken(rootContext(services, SYSTEM_ACTOR), 'тест'))
      .token;
    const api = await app.inject({
      method: 'POST',
      url: '/api/messages',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        channel: 'messenger_telegram',
        externalId: '287654321:777777',
        text: 'В Рыбинске на улице Ломоносова опять мусор у контейнеров',
        author: { externalId: '287654321' },
      },
    });
    expect(api.statusCode).toBe(201);
    const operator = await makeUser(services, 'operator');
    const body = 'Контейнеры вывезены, площадка убрана 24.11.2026.';
    await answerCase(ctxAs(services, operator), caseId, { kind: 'final', body });
    await reviewAnswer(ctxAs(services, operator), caseId, { decision: 'accept' });
    await drain();
    let [d] = await deliveries(caseId);
    expect(d).toMatchObject({ channel: 'messenger_telegram', status: 'pending', attempts: 1 });
    expect(d?.lastError).toContain('500');

    await tg.setMode('refuse');
    services.clock.advance(pause(1) + 1000);
    await drain();
    [d] = await deliveries(caseId);
    expect(d).toMatchObject({ status: 'pending', attempts: 2 });
    expect(d?.lastError).toContain('ECONNREFUSED');
    expect(d?.lastError).not.toContain(TOKEN);
    expect(d?.lastError).not.toContain(TOKEN.split(':')[1]);

    await tg.setMode('ok');
    services.clock.advance(pause(2) + 1000);
    await drain();
    [d] = await deliveries(caseId);
    expect(d).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(tg.sent.filter((m) => m.text.includes(body))).toHaveLength(1);
    services.clock.advance(pause(8));
    await drain();
    expect(tg.sent.filter((m) => m.text.includes(body))).toHaveLength(1);
  });

  it('marks a delivery failed on the case when attempts run out, and staff can send it again', async () => {
    const { caseId } = await newCase('В Рыбинске на улице Пушкина не вывозят мусор неделю');
    await drain();
    await tg.setMode('error');
    const operator = await makeUser(services, 'operator');
    const body = 'Мусор вывезен, перевозчику выставлена претензия.';
    await answerCase(ctxAs(services, operator), caseId, { kind: 'final', body });
    await reviewAnswer(ctxAs(services, operator), caseId, { decision: 'accept' });
    const attempts = services.config.delivery.retryScheduleMs.length + 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      await drain();
      const [held] = await deliveries(caseId);
      // the default schedule holds for more than a day: not failed before the last attempt
      if (attempt < attempts) expect(held?.status).toBe('pending');
      services.clock.advance(pause(attempt) + 1000);
    }
    expect(services.config.delivery.retryScheduleMs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(24 * 3_600_000);
    const [d] = await deliveries(caseId);
    expect(d).toMatchObject({ status: 'failed', attempts });
    expect(d?.lastError).toContain('Попытки исчерпаны');
    const failedEvents = await services.database.db
      .selectFrom('case_events')
      .select('data')
      .where('case_id', '=', caseId)
      .where('type', '=', 'delivery_failed')
      .execute();
    expect(failedEvents).toHaveLength(1);

    await tg.setMode('ok');
    await addUser(rootContext(services, SYSTEM_ACTOR), {
      login: 'tg_operator',
      password: 'Пароль-2026',
      role: 'operator',
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'tg_operator', password: 'Пароль-2026' },
    });
    const cookie = `otklik_session=${login.cookies.find((c) => c.name === 'otklik_session')?.value}`;
    const card = await app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } });
    expect(card.json().deliveries).toEqual([
      expect.objectContaining({ channel: 'messenger_telegram', status: 'failed', attempts }),
    ]);
    const retry = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/deliveries/retry`,
      headers: { cookie },
    });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual({ queued: 1 });
    await drain();
    expect((await deliveries(caseId))[0]).toMatchObject({ status: 'sent' });
    expect(tg.sent.filter((m) => m.text.includes(body))).toHaveLength(1);
    const nothing = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/deliveries/retry`,
      headers: { cookie },
    });
    expect(nothing.statusCode).toBe(409);
  });

  it('does not give up on an ambiguous timeout: the outcome is noted and the answer is sent again on the next attempt', async () => {
    const { caseId } = await newCase('В Рыбинске на улице Чкалова мусор не вывозят с понедельника');
    await drain();
    await tg.setMode('drop_after_accept');
    const operator = await makeUser(services, 'operator');
    const body = 'Вывоз выполнен 25.11.2026, нарушений больше нет.';
    await answerCase(ctxAs(services, operator), caseId, { kind: 'final', body });
    await reviewAnswer(ctxAs(services, operator), caseId, { decision: 'accept' });
    await drain();
    let [d] = await deliveries(caseId);
    expect(d).toMatchObject({ status: 'pending', attempts: 1 });
    expect(d?.lastError).toContain('Исход предыдущей попытки неизвестен');
    await tg.setMode('ok');
    services.clock.advance(pause(1));
    await drain();
    [d] = await deliveries(caseId);
    expect(d).toMatchObject({ status: 'sent', attempts: 2 });
    // Telegram has no deduplication key: a request it acted on before the connection dropped is the documented repeat
    expect(tg.calls.filter((c) => c.method === 'sendMessage' && String(c.params.text).includes(body))).toHaveLength(2);
  });

  it('sends again a delivery interrupted by a crash (row left sending) once the job lease is over', async () => {
    const { caseId } = await newCase('В Рыбинске на улице Гоголя мусорные баки не вывозят');
    await drain();
    const operator = await makeUser(services, 'operator');
    await answerCase(ctxAs(services, operator), caseId, {
      kind: 'interim',
      body: 'Передали перевозчику, вывоз до 27.11.2026.',
    });
    const job = await services.database.db
      .selectFrom('outbox')
      .select('id')
      .where('kind', '=', 'channel.deliver_answer')
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    // The process died after claiming the row and calling the provider: the job is 'running', the delivery 'sending'.
    const answer = await services.database.db
      .selectFrom('answers')
      .select('id')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    const message = await services.database.db
      .selectFrom('messages')
      .select(['id', 'channel'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    await services.database.db
      .insertInto('deliveries')
      .values({
        case_id: caseId,
        answer_id: answer.id,
        message_id: message.id,
        channel: message.channel,
        status: 'sending',
        attempts: 1,
      })
      .execute();
    await services.database.db
      .updateTable('outbox')
      .set({ status: 'running', attempts: 1, run_after: new Date(services.clock.now().getTime() + 600_000) })
      .where('id', '=', job.id)
      .execute();
    const sentBefore = tg.sent.length;
    await drain();
    expect(tg.sent.length).toBe(sentBefore);
    services.clock.advance(600_001);
    await drain();
    expect(tg.sent.length).toBe(sentBefore + 1);
    expect((await deliveries(caseId))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    const resent = await services.database.db
      .selectFrom('case_events')
      .select('data')
      .where('case_id', '=', caseId)
      .where('type', '=', 'delivery')
      .execute();
    expect(resent.map((e) => e.data)).toEqual([expect.objectContaining({ delivered: true, resent: true })]);
    const outbox = await services.database.db
      .selectFrom('outbox')
      .select('status')
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(outbox.status).toBe('done');
  });
});

describe('Telegram: a chat writes on', () => {
  const operator = () => makeUser(services, 'operator');
  let chat = 450000000;
  /** A text update from the chat, dated by the test clock (plus `afterMs`), optionally replying to a message. */
  const say = (chatId: number, text: string, replyTo?: Record<string, unknown>): Update => {
    const u = textUpdate(text, chatId);
    const message = u.message as Record<string, unknown>;
    return {
      ...u,
      message: {
        ...message,
        date: Math.floor(services.clock.now().getTime() / 1000),
        ...(text.startsWith('/') ? { entities: [{ offset: 0, length: text.length, type: 'bot_command' }] } : {}),
        ...(replyTo ? { reply_to_message: replyTo } : {}),
      },
    };
  };
  const send = async (u: Update) => {
    expect((await webhook(u)).statusCode).toBe(200);
    const m = u.message as { message_id: number; chat: { id: number } };
    return messageRow(`${m.chat.id}:${m.message_id}`);
  };
  const lastReply = async (chatId: number) => {
    await drain();
    return tg.sent.filter((m) => m.chat_id === chatId).at(-1);
  };
  const casesOfChat = async (chatId: number) =>
    (
      await services.database.db
        .selectFrom('messages')
        .select('case_id')
        .distinct()
        .where('author_external_id', '=', String(chatId))
        .execute()
    ).map((r) => r.case_id);

  it('adds a message sent right after the first to its case, and one button makes it a case of its own', async () => {
    chat += 1;
    const first = await send(say(chat, 'В Рыбинске во дворе дома 25 на улице Андропова прорвало трубу, вода течёт'));
    const more = await send(say(chat, 'Добавлю: вода уже заливает подвал'));
    expect(more?.case_id).toBe(first?.case_id);
    const ack = await lastReply(chat);
    expect(ack?.text).toBe(
      `Добавили ваше сообщение к обращению № ${first?.case_id}. Если это другая проблема, нажмите «Это новое обращение».`,
    );
    const button = (ack?.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] })
      .inline_keyboard[0]![0]!;
    expect(button).toEqual({ text: 'Это новое обращение', callback_data: `new:${more?.id}` });
    const history = await getCase(rootContext(services, SYSTEM_ACTOR), first!.case_id);
    expect(history.history.some((e) => e.type === 'follow_up')).toBe(true);

    const press = (updateId: number, from = chat) => ({
      update_id: updateId,
      callback_query: {
        id: `cq-${updateId}`,
        from: { id: from, is_bot: false, first_name: 'Ирина' },
        chat_instance: '1',
        data: button.callback_data,
        message: {
          message_id: 9000 + updateId,
          date: 1795470000,
          chat: { id: from, type: 'private' },
          text: ack?.text,
        },
      },
    });
    // another chat cannot move the message
    expect((await webhook(press(815600001, chat + 1000))).json()).toMatchObject({ text: TEXTS.notYours });
    const pressed = await webhook(press(815600002));
    const moved = await messageRow(more!.external_id);
    expect(moved?.case_id).not.toBe(first?.case_id);
    expect(pressed.json()).toMatchObject({ method: 'answerCallbackQuery', text: `Обращение № ${moved?.case_id}` });
    expect((await lastReply(chat))?.text).toContain(`Зарегистрировали отдельное обращение № ${moved?.case_id}`);
    // pressed again: the same case, nothing split twice
    await webhook(press(815600003));
    expect((await messageRow(more!.external_id))?.case_id).toBe(moved?.case_id);
    expect(await casesOfChat(chat)).toHaveLength(2);
  });

  it('answers a status question in words instead of opening a case, and /help explains the bot', async () => {
    chat += 1;
    const first = await send(say(chat, 'На улице Гоголя в Рыбинске не горят фонари'));
    services.clock.advance(2 * 3600_000);
    const before = await countMessages();
    await webhook(say(chat, 'Какой статус моей заявки?'));
    expect(await countMessages()).toBe(before);
    expect((await lastReply(chat))?.text).toContain(`№ ${first?.case_id}`);
    await webhook(say(chat, '/help'));
    expect((await lastReply(chat))?.text).toBe(TEXTS.help);
  });

  it('a reply to the answer joins its case and marks «гражданин ответил», however late it comes', async () => {
    chat += 1;
    const first = await send(say(chat, 'В Рыбинске на улице Чкалова яма у остановки'));
    const caseId = first!.case_id;
    await services.database.db
      .updateTable('cases')
      .set({ status: 'assigned' })
      .where('id', '=', caseId)
      .where('status', '=', 'triage')
      .execute();
    const staff = ctxAs(services, await operator());
    await answerCase(staff, caseId, { kind: 'final', body: 'Яма заделана 25.11.2026.' });
    await reviewAnswer(staff, caseId, { decision: 'accept' });
    await drain();
    const delivery = await services.database.db
      .selectFrom('deliveries')
      .select('provider_ref')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    const botMessageId = Number(delivery.provider_ref!.split(':')[2]!.split(',').at(-1));
    services.clock.advance(3 * 86_400_000);
    // a new problem three days later is a new case …
    const other = await send(say(chat, 'В Рыбинске на улице Чкалова не вывозят мусор'));
    expect(other?.case_id).not.toBe(caseId);
    services.clock.advance(3600_000);
    // … a reply to the answer (its last part carries no case number) belongs to the answered case
    const thanks = await send(
      say(chat, 'Спасибо, но яму заделали только наполовину', {
        message_id: botMessageId,
        date: 1795470000,
        chat: { id: chat, type: 'private' },
        from: { id: 7000000001, is_bot: true, first_name: 'Отклик' },
        text: 'Оцените, пожалуйста, ответ',
      }),
    );
    expect(thanks?.case_id).toBe(caseId);
    expect((await lastReply(chat))?.text).toBe(`Добавили ваше сообщение к обращению № ${caseId}.`);
    const card = await getCase(rootContext(services, SYSTEM_ACTOR), caseId);
    expect(card.citizenRepliedAt).not.toBeNull();
  });

  it('does not add to a case the chat has no message in, whatever number the replied text names', async () => {
    chat += 1;
    const stranger = await send(say(chat + 5000, 'В Рыбинске на улице Ломоносова упало дерево на провода'));
    services.clock.advance(2 * 3600_000);
    const mine = await send(
      say(chat, 'Здесь то же самое, дерево на проводах в Рыбинске на улице Ломоносова', {
        message_id: 1,
        date: 1795470000,
        chat: { id: chat, type: 'private' },
        from: { id: 7000000001, is_bot: true, first_name: 'Отклик' },
        text: `Обращение зарегистрировано под № ${stranger?.case_id}.`,
      }),
    );
    expect(
      await services.database.db
        .selectFrom('case_events')
        .select('id')
        .where('case_id', '=', stranger!.case_id)
        .where('type', '=', 'follow_up')
        .execute(),
    ).toEqual([]);
    // intake took it (a duplicate of the same problem may still be joined there, as from any channel)
    expect(mine).toBeDefined();
    expect((await lastReply(chat))?.text).toMatch(/^Спасибо! /);
  });
});
