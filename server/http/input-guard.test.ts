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
