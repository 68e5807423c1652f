import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, type TestServices } from '../../test/test-services';
import { addUser } from '../auth/users';
import { receiveMessage } from '../intake/receive-message';

// Messages written for this test: three problems hidden in «прочие» of the block «other», in two periods.
const PROBLEMS: Readonly<Record<string, readonly string[]>> = {
  scooters: [
    'Электросамокаты кикшеринга брошены на тротуаре',
    'Самокаты проката стоят поперёк тротуара',
    'Уберите самокаты кикшеринга с газона',
    'Самокаты проката гоняют по тротуару',
    'Кикшеринг оставил самокаты у подъезда',
    'Самокаты проката валяются у остановки',
    'Электросамокаты проката мешают пройти по тротуару',
    'Самокаты кикшеринга брошены у магазина',
  ],
  fireworks: [
    'Ночью соседи запускают фейерверки и петарды',
    'Петарды взрывают во дворе до трёх ночи',
    'Фейерверки во дворе пугают детей',
    'Каждую ночь салюты и петарды под окнами',
    'Запускают фейерверки у детской площадки',
    'Петарды и фейерверки не дают спать',
  ],
  pigeons: [
    'Голуби живут на чердаке, всё загажено',
    'Соседка кормит голубей, весь балкон в помёте',
    'На чердаке сотни голубей и помёт',
    'Голуби гнездятся на чердаке дома',
    'Помёт голубей на подоконниках, кормят голубей',
  ],
};

let services: TestServices;
let app: FastifyInstance;
let analyst: string;
let admin: string;
let n = 0;

// Everything lands in «other.other» (the keyword analyzer knows none of these words).
async function receive(text: string, createdAt: string): Promise<string> {
  n += 1;
  const r = await receiveMessage(rootContext(services, SYSTEM_ACTOR), {
    channel: 'web',
    externalId: `cl-${n}`,
    text,
    createdAt,
  });
  return r.result.caseId;
}

async function login(name: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login: name, password: 'Пароль-2026' },
  });
  return `otklik_session=${res.cookies.find((c) => c.name === 'otklik_session')?.value}`;
}

beforeAll(async () => {
  // the clock stands after the last message (24 November): intake refuses messages dated more than a day ahead
  services = await createTestServices({ analyzer: createTestAnalyzer(), now: '2026-11-25T12:00:00+03:00' });
  app = await buildApp(services);
  const ctx = rootContext(services, SYSTEM_ACTOR);
  await addUser(ctx, { login: 'cl_analyst', password: 'Пароль-2026', role: 'block_owner' });
  await addUser(ctx, { login: 'cl_admin', password: 'Пароль-2026', role: 'admin' });
  analyst = await login('cl_analyst');
  admin = await login('cl_admin');
  let day = 1;
  for (const [problem, texts] of Object.entries(PROBLEMS)) {
    for (const text of texts)
      await receive(text, `2026-11-${String(10 + (day++ % 15)).padStart(2, '0')}T10:00:00+03:00`);
    // The previous period (October 26 – November 9): only scooters appeared, twice.
    if (problem === 'scooters')
      for (const t of texts.slice(0, 2)) await receive(`${t}, опять`, '2026-10-30T10:00:00+03:00');
  }
});
afterAll(async () => {
  await app.close();
  await services.close();
});

const get = (cookie: string) =>
  app.inject({ method: 'GET', url: '/api/clusters?block=other&from=2026-11-10&to=2026-11-24', headers: { cookie } });

describe('decomposition of «прочие»', () => {
  it('finds the three problems with sizes, growth, top terms and examples, the same every time', async () => {
    const res = await get(analyst);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      block: 'other',
      category: 'other',
      messages: 19,
      k: 3,
      method: 'kmeans',
      minMessages: 6,
      minGroupSize: 2,
    });
    const sizes = body.clusters.map((c: { size: number }) => c.size);
    expect(sizes).toEqual([8, 6, 5]);
    const [scooters, fireworks, pigeons] = body.clusters;
    expect(scooters.terms.join(' ')).toMatch(/самокат/);
    expect(fireworks.terms.join(' ')).toMatch(/фейерверк|петард/);
    expect(pigeons.terms.join(' ')).toMatch(/голуб/);
    expect(scooters).toMatchObject({ previous: 2, growthPercent: 300 });
    expect(fireworks).toMatchObject({ previous: 0, growthPercent: null });
    expect(scooters.examples).toHaveLength(3);
    expect(scooters.caseIds).toHaveLength(8);
    expect((await get(analyst)).json()).toEqual(body);
  });

  it('shows examples with phones and e-mails to the analysts who handle cases, masked to roles without access (admin)', async () => {
    const [scooters] = (await get(analyst)).json().clusters as { caseIds: string[] }[];
    await services.database.db
      .updateTable('messages')
      .set({ text: sql<string>`text || ', звоните 8 905 123-45-67, a@example.ru'` })
      .where('case_id', 'in', scooters?.caseIds ?? [])
      .execute();
    const full = JSON.stringify((await get(analyst)).json());
    expect(full).toContain('8 905 123-45-67');
    const masked = await get(admin);
    expect(masked.statusCode).toBe(200);
    expect(masked.body).not.toMatch(/123-45-67|a@example\.ru/);
    expect(masked.body).toContain('[телефон скрыт]');
  });

  it('turns a cluster into a category in one action: category, cases moved with events, training examples', async () => {
    const scooters = (await get(analyst)).json().clusters[0];
    const denied = await app.inject({
      method: 'POST',
      url: '/api/clusters',
      headers: { cookie: analyst },
      payload: { block: 'other', code: 'scooters', name: 'Самокаты', caseIds: scooters.caseIds },
    });
    expect(denied.statusCode).toBe(403);
    const res = await app.inject({
      method: 'POST',
      url: '/api/clusters',
      headers: { cookie: admin },
      payload: { block: 'other', code: 'scooters', name: 'Электросамокаты и кикшеринг', caseIds: scooters.caseIds },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      block: 'other',
      code: 'scooters',
      name: 'Электросамокаты и кикшеринг',
      moved: 8,
      skipped: 0,
      trainingExamples: 8,
    });
    const ref = (await app.inject({ method: 'GET', url: '/api/reference', headers: { cookie: admin } })).json();
    expect(ref.categories).toContainEqual(expect.objectContaining({ blockCode: 'other', code: 'scooters' }));
    const caseRow = await services.database.db
      .selectFrom('cases')
      .select('category_code')
      .where('id', '=', scooters.caseIds[0])
      .executeTakeFirstOrThrow();
    expect(caseRow.category_code).toBe('scooters');
    const event = await services.database.db
      .selectFrom('case_events')
      .select('data')
      .where('case_id', '=', scooters.caseIds[0])
      .where('type', '=', 'reclassified')
      .executeTakeFirstOrThrow();
    expect(event.data).toMatchObject({ to: { block: 'other', category: 'scooters' } });
    const examples = await services.database.db
      .selectFrom('training_examples')
      .select(['category_code', 'source', 'case_id', 'previous'])
      .execute();
    const fromCluster = examples.filter((e) => e.category_code === 'scooters' && e.source === 'cluster');
    expect(fromCluster).toHaveLength(8);
    // The same shape as an operator's correction: the case in its column, the former category in `previous`.
    expect(new Set(fromCluster.map((e) => e.case_id))).toEqual(new Set(scooters.caseIds));
    expect(fromCluster[0]?.previous).toEqual({ block: 'other', category: expect.any(String) });

    const after = (await get(analyst)).json();
    expect(after.messages).toBe(11);
    const again = await app.inject({
      method: 'POST',
      url: '/api/clusters',
      headers: { cookie: admin },
      payload: { block: 'other', code: 'scooters', name: 'Ещё раз', caseIds: scooters.caseIds },
    });
    expect(again.statusCode).toBe(409);
  });

  it('groups a handful of messages too, only those very similar to each other', async () => {
    const texts = [
      'Бобры подгрызли деревья у пруда в парке',
      'Бобры снова грызут деревья у пруда в парке',
      'Деревья в сквере не поливают',
      'Сосед держит пчёл на балконе',
    ];
    for (const [i, text] of texts.entries()) await receive(text, `2026-09-0${i + 1}T10:00:00+03:00`);
    const res = await app.inject({
      method: 'GET',
      url: '/api/clusters?block=other&from=2026-09-01&to=2026-09-07',
      headers: { cookie: analyst },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ messages: 4, method: 'similar', minMessages: 6, minGroupSize: 2, similarity: 0.5 });
    expect(body.clusters).toHaveLength(1);
    expect(body.clusters[0].size).toBe(2);
    expect(body.clusters[0].terms.join(' ')).toMatch(/бобр/);
    const one = await app.inject({
      method: 'GET',
      url: '/api/clusters?block=other&from=2026-09-04&to=2026-09-07',
      headers: { cookie: analyst },
    });
    expect(one.json()).toMatchObject({ messages: 1, method: 'none', clusters: [] });
  });

  it('explains bad requests', async () => {
    const bad = await app.inject({
      method: 'GET',
      url: '/api/clusters?block=nope&from=2026-11-10&to=2026-11-24',
      headers: { cookie: analyst },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/Нет блока/);
    const reversed = await app.inject({
      method: 'GET',
      url: '/api/clusters?block=other&from=2026-11-24&to=2026-11-10',
      headers: { cookie: analyst },
    });
    expect(reversed.statusCode).toBe(400);
  });
});
