// What the web workspace asks of the API: the session probe, counts per filter (/api/cases/facets) that agree
// with the list, and the card's allowedActions computed for the signed-in user.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { signedIn } from '../../test/auth-kit';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, type TestServices } from '../../test/test-services';
import { addUser } from '../auth/users';
import { receiveMessage } from '../intake/receive-message';

let services: TestServices;
let app: FastifyInstance;
let organisation = '';
let caseId = '';

const TEXTS = [
  'В Угличе огромная яма на дороге',
  'В Рыбинске на улице Крестовой не вывозят мусор',
  'В Ярославле нет отопления в доме',
  'В Угличе яма у школы',
  'Просто хочу сказать спасибо',
  'В Рыбинске не вывозят мусор с площадки',
];

beforeAll(async () => {
  services = await createTestServices({ analyzer: createTestAnalyzer() });
  app = await buildApp(services);
  const ctx = rootContext(services, SYSTEM_ACTOR);
  for (const [i, text] of TEXTS.entries()) {
    const r = await receiveMessage(ctx, { channel: i % 2 ? 'email' : 'web', externalId: `web-api-${i}`, text });
    if (i === 0) {
      organisation = r.result.organisation ?? '';
      caseId = r.result.caseId;
    }
    // the citizen wrote again after the answer («гражданин ответил»)
    if (i === 1)
      await services.database.db
        .updateTable('cases')
        .set({ citizen_replied_at: services.clock.now() })
        .where('id', '=', r.result.caseId)
        .execute();
  }
  await addUser(ctx, { login: 'w_operator', password: 'Пароль-2026', role: 'operator' });
  await addUser(ctx, { login: 'w_executor', password: 'Пароль-2026', role: 'executor', organisation });
});
afterAll(async () => {
  await app.close();
  await services.close();
});

const cookieOf = (login: string): Promise<string> => signedIn(app, login);

const get = async (url: string, cookie: string) => {
  const res = await app.inject({ method: 'GET', url, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('GET /api/auth/session', () => {
  it('answers 200 with user null without a session, and the user with one', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ user: null });
    const signedIn = await get('/api/auth/session', await cookieOf('w_operator'));
    expect(signedIn.user).toMatchObject({ login: 'w_operator', role: 'operator' });
    expect(signedIn.user.permissions).toContain('cases.triage');
  });
});

describe('GET /api/cases/facets', () => {
  it('counts every value as the list with that filter would, each facet without its own filter', async () => {
    const cookie = await cookieOf('w_operator');
    const all = await get('/api/cases/facets', cookie);
    const list = await get('/api/cases?pageSize=1', cookie);
    expect(all.total).toBe(list.total);
    expect(all.total).toBeGreaterThan(3);
    const param: Record<string, string> = {
      block: 'block',
      category: 'category',
      municipality: 'municipality',
      organisation: 'organisation',
      channel: 'channel',
      status: 'status',
      deadline: 'deadline',
      priority: 'priority',
      citizenReplied: 'citizenReplied',
    };
    for (const [facet, counts] of Object.entries(all.facets as Record<string, { key: string; count: number }[]>)) {
      expect(counts.length, facet).toBeGreaterThan(0);
      for (const { key, count } of counts) {
        const listed = await get(`/api/cases?pageSize=1&${param[facet]}=${encodeURIComponent(key)}`, cookie);
        expect(listed.total, `${facet}=${key}`).toBe(count);
      }
    }
    // with a block chosen: the block facet still lists every block, the channel facet only that block's cases
    const block = (all.facets.block as { key: string; count: number }[])[0]!;
    const filtered = await get(`/api/cases/facets?block=${block.key}&facets=block,channel`, cookie);
    expect(filtered.total).toBe(block.count);
    expect(filtered.facets.block).toEqual(all.facets.block);
    const channelSum = (filtered.facets.channel as { count: number }[]).reduce((s, c) => s + c.count, 0);
    expect(channelSum).toBe(block.count);
    expect(Object.keys(filtered.facets).sort()).toEqual(['block', 'channel']);
  });

  it('counts the cases where the citizen replied, also while that filter is chosen', async () => {
    const cookie = await cookieOf('w_operator');
    const replied = await get('/api/cases?citizenReplied=true', cookie);
    expect(replied.total).toBe(1);
    const facets = await get('/api/cases/facets?citizenReplied=true&facets=citizenReplied,channel', cookie);
    expect(facets.total).toBe(1);
    expect(facets.facets.citizenReplied).toEqual([{ key: 'true', count: 1 }]);
    expect(facets.facets.channel).toEqual([{ key: replied.items[0].channel, count: 1 }]);
  });

  it('counts only the executor’s organisation for an executor', async () => {
    const cookie = await cookieOf('w_executor');
    const facets = await get('/api/cases/facets?facets=organisation', cookie);
    const list = await get('/api/cases?pageSize=1', cookie);
    expect(facets.total).toBe(list.total);
    expect((facets.facets.organisation as { key: string }[]).map((o) => o.key)).toHaveLength(1);
  });

  it('refuses an unknown facet with a Russian message', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/cases/facets?facets=colour',
      headers: { cookie: await cookieOf('w_operator') },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/[а-я]/);
  });
});

describe('search by identifier', () => {
  it('finds a case by its number, by a message id and by the channel’s own id, the exact case first', async () => {
    const cookie = await cookieOf('w_operator');
    const message = await services.database.db
      .selectFrom('messages')
      .select(['id', 'external_id'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    for (const q of [caseId, message.id, message.external_id]) {
      const list = await get(`/api/cases?q=${encodeURIComponent(q)}`, cookie);
      expect(list.items[0]?.id, q).toBe(caseId);
      expect((await get(`/api/cases/facets?q=${encodeURIComponent(q)}&facets=status`, cookie)).total, q).toBe(
        list.total,
      );
    }
    expect((await get('/api/cases?q=web-api-404', cookie)).total).toBe(0);
    // words still search the text
    expect((await get(`/api/cases?q=${encodeURIComponent('мусор')}`, cookie)).total).toBeGreaterThan(0);
  });
  it('an executor finds by number only within the own organisation', async () => {
    const cookie = await cookieOf('w_executor');
    const own = await services.database.db
      .selectFrom('cases')
      .select('organisation_id')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    const other = await services.database.db
      .selectFrom('cases')
      .select('id')
      .where((eb) => eb.or([eb('organisation_id', 'is', null), eb('organisation_id', '!=', own.organisation_id!)]))
      .executeTakeFirstOrThrow();
    expect((await get(`/api/cases?q=${other.id}`, cookie)).total).toBe(0);
    expect((await get(`/api/cases?q=${caseId}`, cookie)).items[0]?.id).toBe(caseId);
  });
});

describe('period filters', () => {
  it('take Moscow calendar days: 01:30 MSK on the 21st belongs to the 21st, not the 20th', async () => {
    const r = await receiveMessage(rootContext(services, SYSTEM_ACTOR), {
      channel: 'web',
      externalId: 'web-api-night',
      text: 'В Угличе ночью отключили свет',
      createdAt: '2026-11-21T01:30:00+03:00',
    });
    const cookie = await cookieOf('w_operator');
    const ids = async (query: string) =>
      ((await get(`/api/cases?pageSize=500&${query}`, cookie)).items as { id: string }[]).map((i) => i.id);
    expect(await ids('from=2026-11-21&to=2026-11-21')).toContain(r.result.caseId);
    expect(await ids('to=2026-11-20')).not.toContain(r.result.caseId);
    expect(await ids('from=2026-11-22')).not.toContain(r.result.caseId);
    const facets = await get('/api/cases/facets?from=2026-11-21&to=2026-11-21&facets=channel', cookie);
    expect(facets.total).toBe((await ids('from=2026-11-21&to=2026-11-21')).length);
  });
});

describe('allowedActions on the card', () => {
  it('lists only what the signed-in user may do', async () => {
    const operator = await get(`/api/cases/${caseId}`, await cookieOf('w_operator'));
    const executor = await get(`/api/cases/${caseId}`, await cookieOf('w_executor'));
    expect(operator.allowedActions).toEqual(expect.arrayContaining(['reassign', 'reject', 'final_answer']));
    expect(executor.allowedActions).toEqual(expect.arrayContaining(['take', 'interim_answer', 'final_answer']));
    expect(executor.allowedActions).not.toContain('reassign');
    expect(executor.allowedActions).not.toContain('reject');
  });
});

describe('case rules on the card and in the API', () => {
  it('offers rating, extension and reclassification by the shared rules, and the API refuses what the card hides', async () => {
    const ctx = rootContext(services, SYSTEM_ACTOR);
    const { result } = await receiveMessage(ctx, {
      channel: 'web',
      externalId: 'web-api-closed',
      text: 'В Угличе яма на дороге у вокзала',
    });
    const cookie = await cookieOf('w_operator');
    const open = await get(`/api/cases/${result.caseId}`, cookie);
    expect(open.allowedActions).toEqual(expect.arrayContaining(['reclassify', 'extend']));
    expect(open.allowedActions).not.toContain('rate');

    await services.database.db
      .updateTable('cases')
      .set({ status: 'closed', final_answer_at: services.clock.now(), closed_at: services.clock.now() })
      .where('id', '=', result.caseId)
      .execute();
    const closed = await get(`/api/cases/${result.caseId}`, cookie);
    expect(closed.allowedActions).toContain('rate');
    expect(closed.allowedActions).not.toContain('reclassify');
    expect(closed.allowedActions).not.toContain('extend');
    const refused = await app.inject({
      method: 'POST',
      url: `/api/cases/${result.caseId}/classification`,
      headers: { cookie },
      payload: { block: 'roads', category: 'parking' },
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error.code).toBe('invalid_transition');
    const after = await services.database.db
      .selectFrom('cases')
      .select('category_code')
      .where('id', '=', result.caseId)
      .executeTakeFirstOrThrow();
    expect(after.category_code).not.toBe('parking');
  });
});
