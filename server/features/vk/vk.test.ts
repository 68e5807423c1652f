import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app';
import { runDueJobs } from '../../jobs/dispatcher';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { answerCase } from '../cases/answer-case';
import { reviewAnswer } from '../cases/review-answer';
import { getCase } from '../cases/get-case';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { ctxAs, createTestServices, makeUser, type TestServices } from '../../test/test-services';
import { startVkStandIn, type VkStandIn } from '../../test/stand-ins/vk-api';
import { VK_TEXTS } from './vk-callback';

const TOKEN = 'vk1.a.loopback-community-token';
const SECRET = 'vk-callback-secret-42';
const GROUP = 218372615;
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
type Event = Record<string, unknown> & { object?: Record<string, unknown> };
const fixture = (name: string): Event => JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8')) as Event;

let services: TestServices;
let app: FastifyInstance;
let vk: VkStandIn;

beforeAll(async () => {
  vk = await startVkStandIn(TOKEN);
  services = await createTestServices({
    analyzer: createTestAnalyzer(),
    config: {
      vk: { token: TOKEN, groupId: GROUP, confirmation: 'c0nf1rm8', secret: SECRET, apiBaseUrl: `${vk.url}/method` },
    },
  });
  app = await buildApp(services);
});
afterAll(async () => {
  await app.close();
  await services.close();
  await vk.close();
});
beforeEach(async () => {
  await vk.setMode('ok');
});

const callback = (event: unknown) => app.inject({ method: 'POST', url: '/webhooks/vk', payload: event as object });
/** The pause before attempt n + 1 on the delivery schedule. */
const pause = (n: number): number => services.config.delivery.retryScheduleMs[n - 1] ?? 0;

async function drain(): Promise<void> {
  while ((await runDueJobs(services)) > 0) {
    /* next batch */
  }
}
const messageRow = (externalId: string) =>
  services.database.db
    .selectFrom('messages')
    .selectAll()
    .where('channel', '=', 'social_vk')
    .where('external_id', '=', externalId)
    .executeTakeFirst();
async function countMessages(): Promise<number> {
  const r = await services.database.db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

let seq = 0;
function messageEvent(text: string, peer = 512345678): Event {
  seq++;
  const e = fixture('message-new');
  const object = e.object as { message: Record<string, unknown> };
  return {
    ...e,
    event_id: `ev${seq}`,
    object: {
      ...object,
      message: {
        ...object.message,
        id: 9000 + seq,
        conversation_message_id: 3000 + seq,
        text,
        peer_id: peer,
        from_id: peer,
      },
    },
  };
}

describe('VK Callback API: handshake and secret', () => {
  it('answers the confirmation string to the confirmation event of the configured community', async () => {
    const res = await callback(fixture('confirmation'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('c0nf1rm8');
    expect((await callback({ type: 'confirmation', group_id: 1 })).statusCode).toBe(403);
  });

  it('refuses an event with a wrong or missing secret and stores nothing', async () => {
    const before = await countMessages();
    const wrong = await callback({ ...fixture('message-new'), secret: 'not-the-secret' });
    const { secret: _omitted, ...withoutSecret } = fixture('message-new');
    const missing = await callback(withoutSecret);
    expect([wrong.statusCode, missing.statusCode]).toEqual([403, 403]);
    expect(await countMessages()).toBe(before);
    expect((await callback({ hello: 'world' })).statusCode).toBe(400);
  });

  it('answers ok to events it does not handle and to malformed ones, storing nothing', async () => {
    const before = await countMessages();
    const join = await callback(fixture('group-join'));
    expect([join.statusCode, join.body]).toEqual([200, 'ok']);
    const broken = await callback({
      ...fixture('message-new'),
      object: { message: { text: 'нет обязательных полей' } },
    });
    expect([broken.statusCode, broken.body]).toEqual([200, 'ok']);
    expect(await countMessages()).toBe(before);
  });
});

describe('VK intake', () => {
  it('a community message becomes one message and case even when VK repeats the event; the citizen gets the number once', async () => {
    const first = await callback(fixture('message-new'));
    const again = await callback(fixture('message-new'));
    expect([first.body, again.body]).toEqual(['ok', 'ok']);
    const rows = await services.database.db
      .selectFrom('messages')
      .selectAll()
      .where('external_id', '=', 'message:512345678:1452')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      channel: 'social_vk',
      author_external_id: '512345678',
      author_contact: 'https://vk.com/id512345678',
    });
    await drain();
    const acks = vk.posted.filter((p) => p.method === 'messages.send' && p.params.peer_id === '512345678');
    expect(acks).toHaveLength(1);
    expect(String(acks[0]?.params.message)).toContain(`№ ${rows[0]?.case_id}`);
  });

  it('keeps a location with a photo sent without words, asks for a description, attaches both to the next text', async () => {
    const before = await countMessages();
    await callback(fixture('message-new-geo-photo'));
    expect(await countMessages()).toBe(before);
    await drain();
    expect(vk.posted.at(-1)?.params).toMatchObject({ peer_id: '598765432', message: VK_TEXTS.askDescription });
    await callback(fixture('message-new-text-after-geo'));
    const row = await messageRow('message:598765432:88');
    expect(row).toMatchObject({ lat: 57.8712, lon: 39.5347, address: 'Тутаев, проспект 50-летия Победы' });
    expect(row?.attachments).toEqual([
      expect.objectContaining({ url: 'https://sun9-1.userapi.com/impg/z.jpg', width: 1280, mimeType: 'image/jpeg' }),
    ]);
    // the point lies in the Тутаевский округ
    const kase = await services.database.db
      .selectFrom('cases')
      .innerJoin('municipalities', 'municipalities.id', 'cases.municipality_id')
      .select('municipalities.code')
      .where('cases.id', '=', row?.case_id ?? '0')
      .executeTakeFirstOrThrow();
    expect(kase.code).toBe('tutaev');
  });

  it('a comment on the community wall becomes a message with the link to it; the community’s own comments are skipped', async () => {
    await callback(fixture('wall-reply-new'));
    await callback(fixture('wall-reply-new'));
    const row = await messageRow('comment:-218372615_1177_4821');
    expect(row?.labels).toMatchObject({
      url: 'https://vk.com/wall-218372615_1177?reply=4821',
      vk: { kind: 'comment', commentId: 4821 },
    });
    const before = await countMessages();
    expect((await callback(fixture('wall-reply-new-own'))).body).toBe('ok');
    expect(await countMessages()).toBe(before);
  });
});

describe('VK answers', () => {
  async function answerFinal(externalId: string, body: string): Promise<string> {
    const row = await messageRow(externalId);
    const caseId = row?.case_id ?? '';
    const kase = await services.database.db
      .selectFrom('cases')
      .select('status')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    // a case the routing rules left to the operators is routed by hand first (not what this test is about)
    if (kase.status === 'triage') {
      await services.database.db
        .updateTable('cases')
        .set({ status: 'assigned', organisation_id: 1 })
        .where('id', '=', caseId)
        .execute();
    }
    const operator = await makeUser(services, 'operator');
    await answerCase(ctxAs(services, operator), caseId, { kind: 'final', body });
    await reviewAnswer(ctxAs(services, operator), caseId, { decision: 'accept' });
    return caseId;
  }

  it('answers a community message with messages.send and a comment with a reply comment', async () => {
    await answerFinal('message:512345678:1452', 'Мусор вывезен 24.11.2026, перевозчик предупреждён.');
    const commentCase = await answerFinal(
      'comment:-218372615_1177_4821',
      'Подача тепла в дом 12 восстановлена 24.11.2026.',
    );
    await drain();
    const message = vk.posted.find(
      (p) => p.method === 'messages.send' && String(p.params.message).includes('Мусор вывезен'),
    );
    expect(message?.params).toMatchObject({ peer_id: '512345678' });
    expect(Number(message?.params.random_id)).toBeGreaterThan(0);
    const comment = vk.posted.find((p) => p.method === 'wall.createComment');
    expect(comment?.params).toMatchObject({
      owner_id: '-218372615',
      post_id: '1177',
      reply_to_comment: '4821',
      from_group: String(GROUP),
    });
    expect(String(comment?.params.guid)).toMatch(/^[0-9a-f]{32}$/);
    const detail = await getCase(rootContext(services, SYSTEM_ACTOR), commentCase);
    expect(detail.deliveries).toEqual([expect.objectContaining({ channel: 'social_vk', status: 'sent', attempts: 1 })]);
  });

  it("a final answer in a dialogue carries 1–5 callback buttons; the author's press rates it once (1–2 reopen)", async () => {
    await callback(messageEvent('В Ярославле на улице Чехова не вывозят мусор', 644444444));
    await drain();
    const caseId = await answerFinal(`message:644444444:${3000 + seq}`, 'Мусор на Чехова вывезен 25.11.2026.');
    await drain();
    const sent = vk.posted.find(
      (p) => p.method === 'messages.send' && String(p.params.message).includes('Мусор на Чехова'),
    );
    const keyboard = JSON.parse(String(sent?.params.keyboard)) as {
      inline: boolean;
      buttons: { action: { type: string; payload: string } }[][];
    };
    expect(keyboard.inline).toBe(true);
    expect(keyboard.buttons[0]?.map((b) => b.action.type)).toEqual([
      'callback',
      'callback',
      'callback',
      'callback',
      'callback',
    ]);
    const press = (userId: number, button: number, eventId: string) =>
      callback({
        type: 'message_event',
        group_id: GROUP,
        secret: SECRET,
        event_id: eventId,
        object: {
          user_id: userId,
          peer_id: userId,
          event_id: `e-${eventId}`,
          payload: JSON.parse(keyboard.buttons[0]![button]!.action.payload) as object,
        },
      });
    const rating = () =>
      services.database.db
        .selectFrom('cases')
        .select(['status', 'rating'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
    expect((await press(655555555, 0, 'x1')).body).toBe('ok');
    expect(await rating()).toMatchObject({ rating: null });
    expect((await press(644444444, 1, 'x2')).body).toBe('ok');
    expect(await rating()).toEqual({ status: 'reopened', rating: 2 });
    await press(644444444, 4, 'x3');
    expect(await rating()).toEqual({ status: 'reopened', rating: 2 });
    await drain();
    const replies = vk.posted
      .filter((p) => p.method === 'messages.send' && Number(p.params.peer_id) === 644444444)
      .map((p) => String(p.params.message));
    expect(replies.some((t) => t.includes('снова передано в работу'))).toBe(true);
    expect(replies.some((t) => t.includes('уже учтена'))).toBe(true);
  });

  it('takes a wall_reply_new in the documented shape (post_owner_id, no owner_id)', async () => {
    const e = fixture('wall-reply-new');
    const { owner_id: _drop, ...object } = e.object as Record<string, unknown>;
    const res = await callback({
      ...e,
      event_id: 'wall-post-owner',
      object: { ...object, id: 4999, post_owner_id: -GROUP, text: 'Во дворе дома 5 на улице Чкалова в Ярославле яма' },
    });
    expect(res.body).toBe('ok');
    const row = await messageRow(`comment:-${GROUP}_1177_4999`);
    expect(row?.labels).toMatchObject({ vk: { kind: 'comment', ownerId: -GROUP, postId: 1177, commentId: 4999 } });
  });

  it('repeats a send whose response was lost with the same random_id, and VK posts it once', async () => {
    await callback(messageEvent('В Рыбинске на улице Луговой не вывозят мусор', 611111111));
    await drain();
    const externalId = `message:611111111:${3000 + seq}`;
    await vk.setMode('drop_after_accept');
    const body = 'Мусор на Луговой вывезен, контейнеры заменены.';
    const caseId = await answerFinal(externalId, body);
    await drain();
    expect((await getCase(rootContext(services, SYSTEM_ACTOR), caseId)).deliveries?.[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
    });
    await vk.setMode('ok');
    services.clock.advance(pause(1) + 1000);
    await drain();
    expect((await getCase(rootContext(services, SYSTEM_ACTOR), caseId)).deliveries?.[0]).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
    const calls = vk.calls.filter((c) => c.method === 'messages.send' && String(c.params.message).includes(body));
    expect(calls).toHaveLength(2);
    expect(calls[0]?.params.random_id).toBe(calls[1]?.params.random_id);
    expect(vk.posted.filter((p) => String(p.params.message).includes(body))).toHaveLength(1);
  });

  it('takes events in while the VK API is down, and delivers once it is back', async () => {
    await vk.setMode('error');
    const event = messageEvent('В Рыбинске на улице Гагарина переполнены мусорные баки', 622222222);
    expect((await callback(event)).body).toBe('ok');
    const externalId = `message:622222222:${3000 + seq}`;
    expect(await messageRow(externalId)).toBeDefined();
    await drain();
    await vk.setMode('refuse');
    const body = 'Баки на Гагарина опустошены, график вывоза уплотнён.';
    const caseId = await answerFinal(externalId, body);
    services.clock.advance(pause(1) + 1000);
    await drain();
    const pending = (await getCase(rootContext(services, SYSTEM_ACTOR), caseId)).deliveries?.[0];
    expect(pending?.status).toBe('pending');
    expect(pending?.lastError).toMatch(/ECONNREFUSED|connect/i);
    await vk.setMode('ok');
    services.clock.advance(pause(6) + 1000);
    await drain();
    expect((await getCase(rootContext(services, SYSTEM_ACTOR), caseId)).deliveries?.[0]?.status).toBe('sent');
    expect(vk.posted.filter((p) => String(p.params.message).includes(body))).toHaveLength(1);
    expect(
      vk.posted.filter(
        (p) => p.params.peer_id === '622222222' && String(p.params.message).includes('зарегистрировано'),
      ),
    ).toHaveLength(1);
  });
});

describe('Posts found by monitoring (VK)', () => {
  async function monitoredCase(url: string, text: string): Promise<string> {
    const { receiveMessage } = await import('../intake/receive-message');
    const received = await receiveMessage(rootContext(services, SYSTEM_ACTOR), {
      channel: 'social_vk',
      externalId: `post:${url}`,
      text,
      author: { externalId: '700000001', name: 'Житель' },
      labels: { monitoring: { source: 'vk-newsfeed', network: 'vk', url } },
    });
    return received.result.caseId;
  }

  it('answers under a post on the community’s own wall, and leaves a post on another wall waiting for export without retries', async () => {
    const own = await monitoredCase(
      `https://vk.com/wall-${GROUP}_3301`,
      'В Рыбинске на улице Рабочей мусор не вывозят третью неделю',
    );
    const foreign = await monitoredCase(
      'https://vk.com/wall-1000001_77',
      'В Рыбинске на улице Заводской мусор не вывозят вторую неделю',
    );
    const operator = await makeUser(services, 'operator');
    await answerCase(ctxAs(services, operator), own, {
      kind: 'final',
      body: 'Мусор на Рабочей вывезен, график восстановлен.',
    });
    await answerCase(ctxAs(services, operator), foreign, { kind: 'final', body: 'Мусор на Заводской вывезен.' });
    // answers reach citizens once the centre accepts them
    await reviewAnswer(ctxAs(services, operator), own, { decision: 'accept' });
    await reviewAnswer(ctxAs(services, operator), foreign, { decision: 'accept' });
    const callsBefore = vk.calls.length;
    await drain();
    const comment = vk.posted.find(
      (p) => p.method === 'wall.createComment' && String(p.params.message).includes('Рабочей вывезен'),
    );
    expect(comment?.params).toMatchObject({ owner_id: `-${GROUP}`, post_id: '3301', from_group: String(GROUP) });
    expect(comment?.params.reply_to_comment).toBeUndefined();
    expect((await getCase(rootContext(services, SYSTEM_ACTOR), own)).deliveries).toEqual([
      expect.objectContaining({ status: 'sent' }),
    ]);
    const waiting = (await getCase(rootContext(services, SYSTEM_ACTOR), foreign)).deliveries?.[0];
    expect(waiting).toMatchObject({ status: 'awaiting_export', attempts: 1 });
    expect(waiting?.lastError).toContain('https://vk.com/wall-1000001_77');
    // one call for the own-wall answer, none for the foreign post, and nothing more later
    expect(vk.calls.length - callsBefore).toBe(1);
    services.clock.advance(pause(1) + pause(2) + 1000);
    await drain();
    expect(vk.calls.length - callsBefore).toBe(1);
    const jobs = await services.database.db
      .selectFrom('outbox')
      .select(['status', 'payload'])
      .where('kind', '=', 'channel.deliver_answer')
      .execute();
    expect(jobs.find((j) => j.payload.caseId === foreign)?.status).toBe('done');
  });
});

describe('VK: a chat writes on', () => {
  it('adds a message sent right after the first to its case, and the button makes it a case of its own', async () => {
    const peer = 533000001;
    const dated = (e: Event): Event => {
      const object = e.object as { message: Record<string, unknown> };
      const date = Math.floor(services.clock.now().getTime() / 1000);
      return { ...e, object: { ...object, message: { ...object.message, date } } };
    };
    const first = dated(messageEvent('В Рыбинске на улице Луговой прорвало трубу, вода течёт по двору', peer));
    const more = dated(messageEvent('Добавлю: вода уже заливает подвал', peer));
    await callback(first);
    await callback(more);
    const externalOf = (e: Event) => {
      const m = (e.object as { message: { peer_id: number; conversation_message_id: number } }).message;
      return `message:${m.peer_id}:${m.conversation_message_id}`;
    };
    const original = await messageRow(externalOf(first));
    const added = await messageRow(externalOf(more));
    expect(added?.case_id).toBe(original?.case_id);
    await drain();
    const ack = vk.calls.filter((c) => c.method === 'messages.send' && c.params.peer_id === String(peer)).at(-1);
    expect(String(ack?.params.message)).toContain(`Добавили ваше сообщение к обращению № ${original?.case_id}`);
    const keyboard = JSON.parse(String(ack?.params.keyboard)) as {
      buttons: { action: { label: string; payload: string } }[][];
    };
    const button = keyboard.buttons[0]![0]!.action;
    expect(button.label).toBe('Это новое обращение');
    await callback({
      type: 'message_event',
      group_id: GROUP,
      secret: SECRET,
      event_id: 'new-1',
      object: { user_id: peer, peer_id: peer, event_id: 'e-new-1', payload: JSON.parse(button.payload) as object },
    });
    const moved = await messageRow(externalOf(more));
    expect(moved?.case_id).not.toBe(original?.case_id);
    await drain();
    const told = vk.calls.filter((c) => c.method === 'messages.send' && c.params.peer_id === String(peer)).at(-1);
    expect(String(told?.params.message)).toContain(`Зарегистрировали отдельное обращение № ${moved?.case_id}`);
  });
});
