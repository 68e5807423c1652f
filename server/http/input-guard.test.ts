// Input no route can take is refused with 400 before validation: NUL in a text, a query parameter or a key, bodies
// nested deeper than the limit, ids past the database's ranges. The alias table of organisations: admin only.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../features/auth/users';
import { createToken } from '../features/auth/tokens';
import { channelTime } from '../features/channels/channel-time';
import { rootContext, SYSTEM_ACTOR } from '../lib/context';
import { createTestAnalyzer } from '../test/test-analyzer';
import { createTestServices, type TestServices } from '../test/test-services';
import { buildApp } from './app';

let services: TestServices;
let app: FastifyInstance;
let token: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  services = await createTestServices({ analyzer: createTestAnalyzer() });
  app = await buildApp(services);
  token = (await createToken(rootContext(services, SYSTEM_ACTOR), 'тест')).token;
  for (const role of ['operator', 'admin'] as const) {
    await addUser(rootContext(services, SYSTEM_ACTOR), { login: `guard_${role}`, password: 'Пароль-2026', role });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: `guard_${role}`, password: 'Пароль-2026' },
    });
    cookies[role] = `otklik_session=${res.cookies.find((c) => c.name === 'otklik_session')?.value}`;
  }
});
afterAll(async () => {
  await app.close();
  await services.close();
});

const intake = (payload: string) =>
  app.inject({
    method: 'POST',
    url: '/api/messages',
    payload,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });

describe('input limits', () => {
  it('answers 400 to NUL in a text, an id or a key, and to labels nested 10 000 deep; nothing is stored', async () => {
    const base = { channel: 'web', externalId: 'nul-1', text: 'Яма на дороге' };
    for (const body of [
      JSON.stringify({ ...base, text: 'Яма\u0000' }),
      JSON.stringify({ ...base, externalId: 'a\u0000' }),
      JSON.stringify({ ...base, labels: { 'k\u0000': 1 } }),
      JSON.stringify({ ...base, labels: 0 }).replace('0}', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`),
      JSON.stringify({ ...base, labels: 0 }).replace('0}', `${'['.repeat(10_000)}${']'.repeat(10_000)}}`),
    ]) {
      const res = await intake(body);
      expect(res.statusCode, body.slice(0, 80)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect(await services.database.db.selectFrom('messages').select('id').execute()).toHaveLength(0);
    expect((await intake(JSON.stringify({ ...base, labels: { a: { b: { c: 1 } } } }))).statusCode).toBe(201);
  });

  it('answers 400 to NUL in a query parameter and to ids past the database ranges', async () => {
    for (const url of [
      '/api/cases?q=%00',
      '/api/cases?block=a%00b',
      '/api/cases/9223372036854775808',
      '/api/cases?organisation=6228728742014039',
      '/api/cases?ids=99999999999999999999',
    ]) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies.operator! } });
      expect(res.statusCode, url).toBe(400);
    }
  });

  it("takes a channel's timestamp only within the accepted window and not ahead of now", () => {
    const now = new Date('2026-11-20T10:00:00Z');
    expect(channelTime(Date.parse('2026-11-20T09:00:00Z'), now)).toBe('2026-11-20T09:00:00.000Z');
    for (const ms of [8.64e15 * 10, 0, Date.parse('2026-11-21T00:00:00Z'), Number.NaN])
      expect(channelTime(ms, now)).toBeUndefined();
  });
});

describe('the encoding of a body', () => {
  // «Яма на дороге» in windows-1251 and KOI8-R, bytes as a site written in those encodings would send them
  const cp1251 = Buffer.from([0xdf, 0xec, 0xe0, 0x20, 0xed, 0xe0, 0x20, 0xe4, 0xee, 0xf0, 0xee, 0xe3, 0xe5]);
  const koi8 = Buffer.from([0xf1, 0xcd, 0xc1, 0x20, 0xce, 0xc1, 0x20, 0xc4, 0xcf, 0xd2, 0xcf, 0xc7, 0xc5]);
  const body = (id: string, text: Buffer) =>
    Buffer.concat([Buffer.from(`{"channel":"web","externalId":"${id}","text":"`), text, Buffer.from('"}')]);
  const post = (payload: Buffer, contentType: string) =>
    app.inject({
      method: 'POST',
      url: '/api/messages',
      payload,
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    });
  const textOf = async (externalId: string) =>
    (
      await services.database.db
        .selectFrom('messages')
        .select('text')
        .where('external_id', '=', externalId)
        .executeTakeFirst()
    )?.text;

  it('refuses a body that is not UTF-8 when it declares no other charset; nothing is stored', async () => {
    for (const contentType of ['application/json', 'application/json; charset=utf-8']) {
      const res = await post(body('enc-1', cp1251), contentType);
      expect(res.statusCode, contentType).toBe(400);
      expect(res.json()).toEqual({
        error: { code: 'bad_request', message: expect.stringMatching(/^Тело запроса не в кодировке UTF-8/) },
      });
    }
    expect(await textOf('enc-1')).toBeUndefined();
  });

  it('decodes a body in the charset it declares', async () => {
    expect((await post(body('enc-2', cp1251), 'application/json; charset=windows-1251')).statusCode).toBe(201);
    expect((await post(body('enc-3', koi8), 'application/json;charset="KOI8-R"')).statusCode).toBe(201);
    expect((await post(body('enc-4', Buffer.from('Яма на дороге')), 'application/json')).statusCode).toBe(201);
    expect([await textOf('enc-2'), await textOf('enc-3'), await textOf('enc-4')]).toEqual([
      'Яма на дороге',
      'Яма на дороге',
      'Яма на дороге',
    ]);
  });
});

describe('impossible values', () => {
  const detailsOf = (res: { statusCode: number; json: () => { error: { code: string; details?: unknown } } }) => {
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    return res.json().error.details;
  };

  it('refuses a period with a date not in the calendar with 400, not 500', async () => {
    for (const url of ['/api/cases?from=2026-02-30', '/api/cases/facets?to=2026-04-31', '/api/cases?from=2026-13-01']) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies.operator! } });
      expect(detailsOf(res), url).toEqual([
        { path: expect.stringMatching(/^\/(from|to)$/), message: 'такой даты нет в календаре (ожидается ГГГГ-ММ-ДД)' },
      ]);
    }
    const leap = await app.inject({
      method: 'GET',
      url: '/api/cases?from=2028-02-29',
      headers: { cookie: cookies.operator! },
    });
    expect(leap.statusCode).toBe(200);
  });

  it('refuses a createdAt not in the calendar and a point with one coordinate; nothing is stored', async () => {
    const base = { channel: 'web', text: 'Яма на дороге' };
    const wrongDay = await intake(JSON.stringify({ ...base, externalId: 'imp-1', createdAt: '2026-02-30T10:00:00Z' }));
    expect(detailsOf(wrongDay)).toEqual([{ path: '/createdAt', message: 'такой даты нет в календаре: 2026-02-30' }]);
    for (const location of [{ lat: 57.6 }, { lon: 39.8, lat: null }]) {
      const res = await intake(JSON.stringify({ ...base, externalId: 'imp-2', location }));
      expect(detailsOf(res)).toEqual([{ path: '/location', message: 'Координаты lat и lon указываются вместе' }]);
    }
    const stored = await services.database.db
      .selectFrom('messages')
      .select('id')
      .where('external_id', 'in', ['imp-1', 'imp-2'])
      .execute();
    expect(stored).toHaveLength(0);
    const leap = await intake(JSON.stringify({ ...base, externalId: 'imp-3', createdAt: '2024-02-29T10:00:00+03:00' }));
    expect(leap.statusCode, leap.body).toBe(201);
  });
});

describe('organisation aliases', () => {
  it('lets the admin list, add and remove aliases; others get 403; a taken name is 409', async () => {
    const org = await services.database.db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const as = (role: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
      app.inject({
        method,
        url: `/api/reference/organisation-aliases${url}`,
        headers: { cookie: cookies[role]! },
        ...(payload ? { payload } : {}),
      });
    expect((await as('operator', 'GET', '')).statusCode).toBe(403);
    expect((await as('operator', 'POST', '', { alias: 'Другое имя', organisationId: org.id })).statusCode).toBe(403);
    const created = await as('admin', 'POST', '', { alias: 'Другое  имя', organisationId: org.id });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ alias: 'Другое  имя', organisationId: org.id, organisation: org.name });
    expect((await as('admin', 'POST', '', { alias: '«другое имя»', organisationId: org.id })).statusCode).toBe(409);
    expect((await as('admin', 'POST', '', { alias: org.name.toUpperCase(), organisationId: org.id })).statusCode).toBe(
      409,
    );
    expect((await as('admin', 'POST', '', { alias: 'Ещё имя', organisationId: 2_000_000_000 })).statusCode).toBe(400);
    expect((await as('admin', 'GET', '')).json().items).toHaveLength(1);
    expect((await as('admin', 'DELETE', `/${created.json().id}`)).statusCode).toBe(200);
    expect((await as('admin', 'DELETE', `/${created.json().id}`)).statusCode).toBe(404);
    expect((await as('admin', 'GET', '')).json().items).toHaveLength(0);
  });
});
