import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../cli/operations';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { addTestUser, get, post, signedIn, startAuthApp } from '../../test/auth-kit';
import type { TestServices } from '../../test/test-services';
import { createToken } from './tokens';

let services: TestServices;
let app: FastifyInstance;

beforeAll(async () => {
  ({ services, app } = await startAuthApp());
  await addTestUser(services, 'keeper', 'admin');
  await addTestUser(services, 'clerk', 'operator');
}, 180_000);
afterAll(async () => {
  await app.close();
  await services.close();
});

const system = () => rootContext(services, SYSTEM_ACTOR);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
let seq = 0;
const message = (channel: string) => ({
  channel,
  externalId: `scope-${++seq}`,
  text: 'В Рыбинске на улице Крестовой не вывозят мусор',
});
const postMessage = (token: string, channel: string) =>
  app.inject({ method: 'POST', url: '/api/messages', headers: bearer(token), payload: message(channel) });
const postOpen311 = (token: string) =>
  app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      api_key: token,
      service_code: 'roads-potholes',
      lat: '57.6261',
      long: '39.8845',
      description: `Яма на дороге у дома ${++seq} по улице Свободы`,
    }).toString(),
  });
const postMonitoring = (token: string) =>
  app.inject({
    method: 'POST',
    url: '/monitoring/v1/posts',
    headers: bearer(token),
    payload: {
      posts: [
        {
          network: 'vk',
          url: `https://vk.com/wall-1_${++seq}`,
          text: 'Рыбинск, улица Крестовая: не вывозят мусор уже неделю!',
          time: '2026-11-22T12:00:00+03:00',
        },
      ],
    },
  });

describe('integration tokens with scopes', () => {
  it('a token is refused with 403 outside its scopes, on every intake route', async () => {
    const vk = (await createToken(system(), 'ВК', ['messages:social_vk'])).token;
    expect((await postMessage(vk, 'social_vk')).statusCode).toBe(201);
    const wrongChannel = await postMessage(vk, 'web');
    expect(wrongChannel.statusCode).toBe(403);
    expect(wrongChannel.json().error.code).toBe('forbidden');
    expect((await postOpen311(vk)).statusCode).toBe(403);
    expect((await postMonitoring(vk)).statusCode).toBe(403);

    const open311 = (await createToken(system(), 'Open311', ['open311'])).token;
    expect([200, 201]).toContain((await postOpen311(open311)).statusCode);
    expect((await postMessage(open311, 'web')).statusCode).toBe(403);
    expect((await postMessage(open311, 'social_vk')).statusCode).toBe(403);

    const monitoring = (await createToken(system(), 'Мониторинг', ['monitoring'])).token;
    expect((await postMonitoring(monitoring)).statusCode).toBe(200);
    expect((await postMessage(monitoring, 'social_vk')).statusCode).toBe(403);

    const all = (await createToken(system(), 'Все каналы', ['messages'])).token;
    for (const channel of ['web', 'email', 'social_vk']) expect((await postMessage(all, channel)).statusCode).toBe(201);
  }, 60_000);

  it('without scopes a token gets the documented default (messages, open311, monitoring); unknown scopes are refused', async () => {
    const legacy = await createToken(system(), 'по умолчанию');
    expect(legacy.scopes).toEqual(['messages', 'open311', 'monitoring']);
    expect((await postMessage(legacy.token, 'web')).statusCode).toBe(201);
    expect([200, 201]).toContain((await postOpen311(legacy.token)).statusCode);
    await expect(createToken(system(), 'x', ['messages:fax'])).rejects.toThrow(/Неизвестные области/);
    await expect(createToken(system(), 'x', ['everything'])).rejects.toThrow(/Неизвестные области/);
  }, 60_000);

  it('administrators list tokens without secrets, create and revoke them; a revoked token is refused at once', async () => {
    const admin = await signedIn(app, 'keeper');
    const created = await post(app, '/api/tokens', admin, { name: 'Портал', scopes: ['messages:portal'] });
    expect(created.statusCode, created.body).toBe(201);
    const { id, token } = created.json<{ id: number; token: string }>();
    expect((await postMessage(token, 'portal')).statusCode).toBe(201);
    const list = await get(app, '/api/tokens', admin);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(token);
    expect(list.body).not.toMatch(/hash/);
    expect(list.json()).toContainEqual(
      expect.objectContaining({
        id,
        name: 'Портал',
        scopes: ['messages:portal'],
        revokedAt: null,
        lastUsedAt: expect.any(String),
      }),
    );
    const revoked = await post(app, `/api/tokens/${id}/revoke`, admin);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).toEqual(expect.any(String));
    expect((await postMessage(token, 'portal')).statusCode).toBe(401);
    expect((await post(app, '/api/tokens/999999/revoke', admin)).statusCode).toBe(404);
    expect((await post(app, '/api/tokens', admin, { name: 'x', scopes: ['root'] })).statusCode).toBe(400);

    const clerk = await signedIn(app, 'clerk');
    expect((await get(app, '/api/tokens', clerk)).statusCode).toBe(403);
    expect((await post(app, '/api/tokens', clerk, { name: 'x' })).statusCode).toBe(403);
    expect((await post(app, `/api/tokens/${id}/revoke`, clerk)).statusCode).toBe(403);
  }, 60_000);

  it('the CLI creates with scopes, lists without secrets and revokes', async () => {
    const made = await OPERATIONS['tokens.create']!.run(
      services,
      { name: 'CLI', scopes: ['messages:email', 'open311'] },
      {},
    );
    const token = made.at(-1)!;
    expect(made[0]).toMatch(/области: messages:email, open311/);
    const listed = (await OPERATIONS['tokens.list']!.run(services, {}, {})).join('\n');
    expect(listed).toMatch(/\tCLI\tmessages:email,open311\t/);
    expect(listed).not.toContain(token);
    const id = /^(\d+)\tCLI\t/m.exec(listed)![1]!;
    const revoke = OPERATIONS['tokens.revoke']!;
    expect((await revoke.run(services, revoke.schema.parse({ id }), {})).join('')).toMatch(/ОТОЗВАН/);
    expect((await postMessage(token, 'email')).statusCode).toBe(401);
  }, 60_000);
});
