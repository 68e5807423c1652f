import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootContext, SYSTEM_ACTOR } from '../lib/context';
import { createToken } from '../features/auth/tokens';
import { addUser } from '../features/auth/users';
import { createTestAnalyzer } from '../test/test-analyzer';
import { createTestServices, type TestServices } from '../test/test-services';
import { buildApp } from './app';

let services: TestServices;
let app: FastifyInstance;
let token: string;

beforeAll(async () => {
  services = await createTestServices({ analyzer: createTestAnalyzer() });
  app = await buildApp(services);
  token = (await createToken(rootContext(services, SYSTEM_ACTOR), 'тест')).token;
});
afterAll(async () => {
  await app.close();
  await services.close();
});

const post = (body: unknown, auth: string | null = token) =>
  app.inject({
    method: 'POST',
    url: '/api/messages',
    payload: body as object,
    headers: auth ? { authorization: `Bearer ${auth}` } : {},
  });

async function loginAs(login: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password: 'Пароль-2026' } });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'otklik_session');
  return `otklik_session=${cookie?.value}`;
}

describe('POST /api/messages', () => {
  const msg = {
    channel: 'social_vk',
    externalId: 'vk-1',
    text: 'В Рыбинске на улице Крестовой не вывозят мусор',
    createdAt: '2026-11-20T10:00:00+03:00',
  };

  it('creates a routed case with both deadlines (201), then answers the same ids (200) and creates nothing', async () => {
    const first = await post(msg);
    expect(first.statusCode).toBe(201);
    const body = first.json();
    expect(body).toMatchObject({
      status: 'assigned',
      block: 'tko',
      category: 'collection',
      municipality: 'Рыбинск',
      duplicate: false,
    });
    expect(body.organisation).toMatch(/ТКО/);
    // social networks: first response within 8 working hours (Friday 18:00), final answer by the end of the next working day (Monday)
    expect(body.firstResponseDueAt).toBe('2026-11-20T15:00:00.000Z');
    expect(body.finalAnswerDueAt).toBe('2026-11-23T15:00:00.000Z');
    const again = await post(msg);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ messageId: body.messageId, caseId: body.caseId });
    // No lookup before the write: the unique key refuses the repeat, and a repeat whose date no longer passes
    // (in the future) is still answered with the stored message, not 400.
    const later = await post({ ...msg, createdAt: '2026-12-31T00:00:00+03:00' });
    expect(later.statusCode).toBe(200);
    expect(later.json()).toMatchObject({ messageId: body.messageId, caseId: body.caseId });
    const cases = await services.database.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(cases.n)).toBe(1);
    const count = await services.database.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('answers 400 at once to dates outside the accepted window (the year 275760 once hung the server)', async () => {
    for (const createdAt of [
      '+275760-09-13T00:00:00Z',
      '1900-01-01T00:00:00Z',
      '2999-01-01T00:00:00Z',
      '2026-12-31T00:00:00Z',
    ]) {
      const res = await post({ channel: 'web', externalId: `date-${createdAt}`, text: 'Яма на дороге', createdAt });
      expect(res.statusCode, createdAt).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('sends a message it cannot classify to triage', async () => {
    const res = await post({ channel: 'web', externalId: 'w-1', text: 'Просто хочу сказать спасибо' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'triage', organisation: null });
  });

  it('refuses bad input with {"error":{code,message}}: broken JSON, missing fields, no token, oversize', async () => {
    const broken = await app.inject({
      method: 'POST',
      url: '/api/messages',
      payload: '{"channel": "web", "text": ',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('bad_request');
    const invalid = await post({ channel: 'pigeon', externalId: 'x', text: '' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe('validation_failed');
    // each field's problem, in Russian (zod's own messages too: shared/zod-russian.ts)
    const details = invalid.json().error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path)).toContain('/channel');
    for (const d of details) expect(d.message, d.path).toMatch(/[а-яё]/i);
    expect(details.map((d) => d.message).join(' ')).not.toMatch(/Invalid|expected|received/);
    expect((await post({ channel: 'web', externalId: 'x', text: 'т' }, null)).statusCode).toBe(401);
    expect((await post({ channel: 'web', externalId: 'x', text: 'т' }, 'otk_wrong')).statusCode).toBe(401);
    expect((await post({ channel: 'web', externalId: 'big', text: 'я'.repeat(1_100_000) })).statusCode).toBe(413);
  });

  it('counts a body sent without a declared length as it arrives, and refuses one that differs from its length', async () => {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const big = JSON.stringify({ channel: 'web', externalId: 'big-stream', text: 'я'.repeat(1_100_000) });
    const streamed = await app.inject({
      method: 'POST',
      url: '/api/messages',
      payload: Readable.from([Buffer.from(big)]),
      headers,
    });
    expect(streamed.statusCode).toBe(413);
    const small = JSON.stringify({ channel: 'web', externalId: 'small-stream', text: 'Не горит фонарь у дома 3' });
    const fine = await app.inject({ method: 'POST', url: '/api/messages', payload: Readable.from([small]), headers });
    expect(fine.statusCode).toBe(201);
    const lying = await app.inject({
      method: 'POST',
      url: '/api/messages',
      payload: big,
      headers: { ...headers, 'content-length': '200' },
    });
    expect(lying.statusCode).toBe(400);
    expect(
      await services.database.db.selectFrom('messages').select('id').where('external_id', '=', 'big-stream').execute(),
    ).toEqual([]);
  });

  it('serves the health check and an OpenAPI document', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ status: 'ok' });
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/messages', '/api/cases', '/api/cases/{id}']));
  });
});

describe('roles on the server', () => {
  it('an executor sees and answers only their organisation; a curator sees all but cannot answer', async () => {
    const a = (
      await post({ channel: 'web', externalId: 'r-1', text: 'В Угличе в поликлинике не записаться к терапевту' })
    ).json();
    const b = (
      await post({ channel: 'web', externalId: 'r-2', text: 'В Ярославле на Московском проспекте ямы на дороге' })
    ).json();
    expect(a.organisation).not.toBe(b.organisation);
    const ctx = rootContext(services, SYSTEM_ACTOR);
    await addUser(ctx, { login: 'exec_a', password: 'Пароль-2026', role: 'executor', organisation: a.organisation });
    await addUser(ctx, { login: 'cur', password: 'Пароль-2026', role: 'curator' });
    const exec = await loginAs('exec_a');
    const cur = await loginAs('cur');
    const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });
    expect((await get(`/api/cases/${a.caseId}`, exec)).statusCode).toBe(200);
    expect((await get(`/api/cases/${b.caseId}`, exec)).statusCode).toBe(404);
    const list = (await get('/api/cases?pageSize=500', exec)).json();
    expect(list.items.every((i: { organisation: string }) => i.organisation === a.organisation)).toBe(true);
    expect(list.total).toBe(list.items.length);
    expect((await get(`/api/cases/${b.caseId}`, cur)).statusCode).toBe(200);
    const answer = (cookie: string, id: string) =>
      app.inject({
        method: 'POST',
        url: `/api/cases/${id}/answers`,
        headers: { cookie },
        payload: { kind: 'final', body: 'Запись к терапевту открыта с 25.11.2026.' },
      });
    expect((await answer(cur, a.caseId)).statusCode).toBe(403);
    expect((await answer(exec, b.caseId)).statusCode).toBe(404);
    const answered = await answer(exec, a.caseId);
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered' });
    expect((await get('/api/cases', '')).statusCode).toBe(401);
  });

  it('rejects a wrong password with 401', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'cur', password: 'не тот' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });
});
