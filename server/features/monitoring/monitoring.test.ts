import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app';
import { loadConfig } from '../../config';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, type TestServices } from '../../test/test-services';
import { createToken } from '../auth/tokens';
import { addUser } from '../auth/users';
import authError from './fixtures/vk-error-auth.json' with { type: 'json' };
import page1 from './fixtures/vk-newsfeed-search.page1.json' with { type: 'json' };
import page2 from './fixtures/vk-newsfeed-search.page2.json' with { type: 'json' };
import { createMonitoringAdapter } from './monitoring.adapter';
import { buildQueries, createVkApi, pollVkNewsfeed } from './vk-newsfeed';
import { loadKeywordSets, postExternalId } from './ingest-posts';
import { YAROSLAVL_GAZETTEER } from '../places';

const VK_TOKEN = 'vk-service-token-for-tests';

let services: TestServices;
let app: FastifyInstance;
let token: string;

/** A stand-in of the VK API on loopback: newsfeed.search answers the committed fixtures, page by page. */
interface VkCall {
  method: string;
  params: URLSearchParams;
}
let vk: http.Server;
let vkUrl: string;
const vkCalls: VkCall[] = [];

beforeAll(async () => {
  services = await createTestServices({ analyzer: createTestAnalyzer() });
  app = await buildApp(services);
  token = (await createToken(rootContext(services, SYSTEM_ACTOR), 'мониторинг')).token;
  vk = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const params = new URLSearchParams(body);
      url.searchParams.forEach((v, k) => params.set(k, v));
      const method = url.pathname.replace('/method/', '');
      vkCalls.push({ method, params });
      res.setHeader('content-type', 'application/json; charset=utf-8');
      if (params.get('access_token') !== VK_TOKEN) return res.end(JSON.stringify(authError));
      if (method !== 'newsfeed.search' || !params.get('v'))
        return res.end(
          JSON.stringify({ error: { error_code: 3, error_msg: 'Unknown method passed.', request_params: [] } }),
        );
      return res.end(JSON.stringify(params.get('start_from') === page1.response.next_from ? page2 : page1));
    });
  });
  await new Promise<void>((resolve) => vk.listen(0, '127.0.0.1', resolve));
  vkUrl = `http://127.0.0.1:${(vk.address() as AddressInfo).port}/method`;
});
afterAll(async () => {
  await app.close();
  await services.close();
  await new Promise<void>((resolve) => vk.close(() => resolve()));
});

const countMessages = async (): Promise<number> =>
  Number(
    (
      await services.database.db
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const postBatch = (body: unknown, auth: string | null = token, extra: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/monitoring/v1/posts',
    payload: body as object,
    headers: { ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...extra },
  });

const complaint = {
  network: 'vk',
  url: 'https://vk.com/wall-170000009_15',
  author: 'Житель Переславля',
  text: 'В Переславле-Залесском на улице Советской снова огромная яма на дороге, когда заделают?',
  time: '2026-11-22T10:00:00+03:00',
  geo: { lat: 56.7361, lon: 38.8543 },
};

describe('external ids of posts', () => {
  it('are network + owner + post id where the link tells them, else the provider id or a hash of the link', () => {
    expect(postExternalId('vk', 'https://vk.com/wall-123_456?reply=1')).toBe('vk:-123_456');
    expect(postExternalId('ok', 'https://ok.ru/group/5500/topic/7700')).toBe('ok:5500_7700');
    expect(postExternalId('telegram', 'https://t.me/Yar_News/812')).toBe('telegram:yar_news_812');
    expect(postExternalId('dzen', 'https://dzen.ru/a/xyz', 'p-1')).toBe('dzen:p-1');
    expect(postExternalId('dzen', 'https://dzen.ru/a/xyz')).toMatch(/^dzen:url:[0-9a-f]{32}$/);
  });
});

describe('POST /monitoring/v1/posts (provider)', () => {
  it('takes in posts that pass the keyword, region and relevance filters, keeps the link, and skips the rest', async () => {
    const res = await postBatch({
      posts: [
        complaint,
        {
          network: 'telegram',
          url: 'https://t.me/rybinsk_chat/5012',
          author: { name: 'Аноним', id: 77 },
          text: 'Рыбинск, улица Крестовая: не вывозят мусор с контейнерной площадки уже неделю!',
          time: '2026-11-22T12:00:00+03:00',
        },
        {
          network: 'vk',
          url: 'https://vk.com/wall-1_2',
          text: 'Продам контейнер для мусора в Ярославле, доставка, цена 5000 руб',
          time: '2026-11-22T12:00:00+03:00',
        },
        {
          network: 'vk',
          url: 'https://vk.com/wall-1_3',
          text: 'В Воронеже опять не вывозят мусор, сколько можно!',
          time: '2026-11-22T12:00:00+03:00',
        },
        {
          network: 'ok',
          url: 'https://ok.ru/group/1/topic/2',
          text: 'Отличная погода сегодня в Ярославле, гуляем на набережной',
          time: '2026-11-22T12:00:00+03:00',
        },
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ received: 5, accepted: 2, created: 2, repeated: 0, rejected: 3 });
    expect(body.results.map((r: { reason: string }) => r.reason)).toEqual([
      'ключевые слова, регион и релевантность',
      'ключевые слова, регион и релевантность',
      expect.stringMatching(/низкая релевантность/),
      expect.stringMatching(/не про регион/),
      expect.stringMatching(/нет ключевых слов/),
    ]);
    const message = await services.database.db
      .selectFrom('messages')
      .selectAll()
      .where('external_id', '=', 'vk:-170000009_15')
      .executeTakeFirstOrThrow();
    expect(message).toMatchObject({
      channel: 'social_vk',
      author_name: 'Житель Переславля',
      lat: 56.7361,
      lon: 38.8543,
    });
    expect(message.labels).toMatchObject({
      monitoring: { source: 'provider', network: 'vk', url: complaint.url, blocks: ['roads'] },
    });
    expect(message.attachments).toEqual([{ url: complaint.url, name: 'Публикация' }]);
    expect(message.created_at.toISOString()).toBe('2026-11-22T07:00:00.000Z');
    const tg = await services.database.db
      .selectFrom('messages')
      .selectAll()
      .where('external_id', '=', 'telegram:rybinsk_chat_5012')
      .executeTakeFirstOrThrow();
    expect(tg).toMatchObject({ channel: 'social_telegram', author_external_id: '77' });
  });

  it('the same batch delivered twice creates nothing the second time', async () => {
    const before = await countMessages();
    const again = (await postBatch({ posts: [complaint] })).json();
    expect(again).toMatchObject({ accepted: 1, created: 0, repeated: 1 });
    expect(await countMessages()).toBe(before);
  });

  it('refuses requests without an integration token (401/403) and malformed batches (400)', async () => {
    expect((await postBatch({ posts: [complaint] }, null)).statusCode).toBe(401);
    expect((await postBatch({ posts: [complaint] }, 'otk_wrong')).statusCode).toBe(401);
    await addUser(rootContext(services, SYSTEM_ACTOR), { login: 'mon_admin', password: 'Пароль-2026', role: 'admin' });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'mon_admin', password: 'Пароль-2026' },
    });
    const cookie = `otklik_session=${login.cookies.find((c) => c.name === 'otklik_session')?.value}`;
    expect((await postBatch({ posts: [complaint] }, null, { cookie })).statusCode).toBe(403);
    for (const bad of [
      {},
      { posts: [] },
      { posts: [{ ...complaint, url: 'не ссылка' }] },
      { posts: [{ ...complaint, time: 'вчера' }] },
      { posts: [{ ...complaint, text: '' }] },
      { posts: [{ ...complaint, geo: { lat: 200, lon: 0 } }] },
    ]) {
      const res = await postBatch(bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    const broken = await app.inject({
      method: 'POST',
      url: '/monitoring/v1/posts',
      payload: '{"posts": [',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
  });
});

describe('VK newsfeed poller (vk-io against a loopback stand-in)', () => {
  it('builds keyword × town queries from the keyword sets and the gazetteer', async () => {
    const queries = buildQueries(await loadKeywordSets(services.database.db), YAROSLAVL_GAZETTEER);
    expect(queries).toContain('мусор Ярославль');
    expect(queries).toContain('автобус Рыбинск');
    expect(queries.some((q) => q.includes('~') || q.includes('$'))).toBe(false);
  });

  it('searches, pages through next_from, and takes in only the relevant posts of the region, once', async () => {
    const before = await countMessages();
    vkCalls.length = 0;
    const first = await pollVkNewsfeed(services, createVkApi(VK_TOKEN, vkUrl), 2);
    expect(first.queries).toHaveLength(2);
    expect(vkCalls.map((c) => c.method)).toEqual([
      'newsfeed.search',
      'newsfeed.search',
      'newsfeed.search',
      'newsfeed.search',
    ]);
    expect(vkCalls[0]?.params.get('q')).toBe(first.queries[0]);
    expect(vkCalls[0]?.params.get('extended')).toBe('1');
    expect(Number(vkCalls[0]?.params.get('start_time'))).toBe(
      Math.floor(services.clock.now().getTime() / 1000) - 86_400,
    );
    expect(vkCalls[1]?.params.get('start_from')).toBe(page1.response.next_from);
    expect(first.found).toBe(7);
    const accepted = first.outcomes
      .filter((o) => o.accepted)
      .map((o) => o.externalId)
      .sort();
    expect(accepted).toEqual(['vk:-170000001_4512', 'vk:-170000001_4530', 'vk:-170000004_640', 'vk:500000004_205']);
    expect(await countMessages()).toBe(before + 4);
    const geoOnly = await services.database.db
      .selectFrom('messages')
      .selectAll()
      .where('external_id', '=', 'vk:500000004_205')
      .executeTakeFirstOrThrow();
    expect(geoOnly).toMatchObject({
      channel: 'social_vk',
      author_name: 'Ольга Тестова',
      author_external_id: '500000004',
      lat: 57.6298,
      lon: 39.8737,
    });
    expect(geoOnly.labels).toMatchObject({
      monitoring: { source: 'vk_newsfeed', url: 'https://vk.com/wall500000004_205' },
    });

    vkCalls.length = 0;
    const second = await pollVkNewsfeed(services, createVkApi(VK_TOKEN, vkUrl), 2);
    expect(second.queries).not.toEqual(first.queries);
    expect(second.outcomes.filter((o) => o.accepted).every((o) => o.repeated)).toBe(true);
    expect(await countMessages()).toBe(before + 4);
  });

  it('a post the provider already sent is not taken in again by the poller', async () => {
    const url = 'https://vk.com/wall-170000001_4512';
    const rows = await services.database.db
      .selectFrom('messages')
      .select('id')
      .where('external_id', '=', postExternalId('vk', url))
      .execute();
    expect(rows).toHaveLength(1);
    const res = (await postBatch({ posts: [{ ...complaint, url, text: page1.response.items[0]?.text ?? '' }] })).json();
    expect(res).toMatchObject({ created: 0, repeated: 1 });
  });

  it('a refused token is an error of the run and creates nothing', async () => {
    const before = await countMessages();
    await expect(pollVkNewsfeed(services, createVkApi('wrong-token', vkUrl), 1)).rejects.toThrow(
      /authorization failed/,
    );
    expect(await countMessages()).toBe(before);
  });

  it('the poller runs only when a VK token is configured', () => {
    expect(createMonitoringAdapter(services)?.start).toBeUndefined();
    const configured = {
      ...services,
      config: loadConfig({
        OTKLIK_DATA_DIR: 'memory://',
        OTKLIK_MONITORING_VK_TOKEN: VK_TOKEN,
        OTKLIK_MONITORING_VK_API_URL: vkUrl,
      }),
    };
    expect(createMonitoringAdapter(configured)?.start).toBeTypeOf('function');
  });
});
