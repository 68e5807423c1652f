import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../http/app';
import { rootContext, SYSTEM_ACTOR } from '../../../lib/context';
import { createTestServices, type TestServices } from '../../../test/test-services';
import { addUser } from '../../auth/users';
import { createDefaultAnalyzer } from '../../understanding/analyze-message';
import { loadActiveClassifier } from './activate';
import { RETRAIN_JOB, retrainIfDue, scheduleRetraining } from './retrain.job';

// End to end: operators correct cases through the API → retraining from the database → the new version is
// active and intake classifies with it; a worse version stays a candidate until an administrator switches it on.
const SCOOTERS = [
  'Электросамокаты кикшеринга бросают прямо у подъезда, не пройти с коляской',
  'Арендные самокаты стоят поперёк тротуара возле школы',
  'Просим убрать самокаты проката с газона у дома',
  'Самокаты кикшеринга гоняют по тротуару на большой скорости',
  'Подростки вдвоём катаются на одном арендном самокате',
  'Парковка самокатов устроена прямо на пешеходном переходе',
  'Самокат проката сбил ребёнка во дворе, кто отвечает',
  'Ограничьте скорость электросамокатов в парке',
  'Кикшеринг оставляет самокаты у входа в поликлинику',
  'Электросамокаты ночью заряжают и выставляют на тротуар рядами',
  'Самокаты проката валяются в кустах после выходных',
  'Запретите езду на электросамокатах по набережной',
];
const HEATING_PHRASES = [
  'батареи холодные',
  'нет отопления',
  'в квартире очень холодно',
  'отопление так и не включили',
  'радиаторы еле тёплые',
];
const HEATING_PLACES = ['третий день', 'в детской комнате', 'у пожилой мамы'];
const HEATING_AS_WASTE = HEATING_PHRASES.flatMap((p) =>
  HEATING_PLACES.map((w) => `${w[0]?.toUpperCase()}${w.slice(1)} ${p}, градусов четырнадцать`),
);

let services: TestServices;
let app: FastifyInstance;
let operator: string;
let admin: string;
let n = 0;

async function login(loginName: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login: loginName, password: 'Пароль-2026' },
  });
  expect(res.statusCode).toBe(200);
  return `otklik_session=${res.cookies.find((c) => c.name === 'otklik_session')?.value}`;
}

async function intake(text: string): Promise<{ caseId: string; block: string | null; category: string | null }> {
  n += 1;
  const res = await app.inject({
    method: 'POST',
    url: '/api/messages',
    headers: { cookie: operator },
    payload: { channel: 'web', externalId: `rt-${n}`, text },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function correct(caseId: string, block: string, category: string): Promise<void> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/cases/${caseId}/classification`,
    headers: { cookie: operator },
    payload: { block, category },
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function modelOf(caseId: string): Promise<string | undefined> {
  const row = await services.database.db
    .selectFrom('cases')
    .select('classification')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  return row.classification?.model;
}

beforeAll(async () => {
  services = await createTestServices({ analyzer: createDefaultAnalyzer(), config: { modelTolerance: 0 } });
  app = await buildApp(services);
  const ctx = rootContext(services, SYSTEM_ACTOR);
  await addUser(ctx, { login: 'rt_operator', password: 'Пароль-2026', role: 'operator' });
  await addUser(ctx, { login: 'rt_admin', password: 'Пароль-2026', role: 'admin' });
  operator = await login('rt_operator');
  admin = await login('rt_admin');
}, 120_000);
afterAll(async () => {
  await app.close();
  await services.close();
});

describe("retraining from operators' corrections", () => {
  it('refuses to retrain with no corrections, plainly', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/classifier/models',
      headers: { cookie: admin },
      payload: {},
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/нет исправлений операторов/);
  });

  it('corrections → retrain → the new version is active and intake uses it', async () => {
    const before = await intake('Самокаты кикшеринга перегородили проход у магазина');
    expect(`${before.block}.${before.category}`).not.toBe('transport.other');
    expect(await modelOf(before.caseId)).toBe('default-1');
    for (const text of SCOOTERS) await correct((await intake(text)).caseId, 'transport', 'other');

    const res = await app.inject({
      method: 'POST',
      url: '/api/classifier/models',
      headers: { cookie: admin },
      payload: { tolerance: 0.05 },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 1, status: 'active', corrections: SCOOTERS.length + 0, worse: [] });

    const after = await intake('Самокаты кикшеринга перегородили проход у аптеки');
    expect(`${after.block}.${after.category}`).toBe('transport.other');
    expect(await modelOf(after.caseId)).toBe('v1');

    const list = await app.inject({ method: 'GET', url: '/api/classifier/models', headers: { cookie: admin } });
    const body = list.json();
    expect(body.activeVersion).toBe(1);
    expect(body.items[0]).toMatchObject({ version: 1, status: 'active' });
    expect(body.items[0].evaluation.check.new.n).toBeGreaterThan(20);
    expect(body.items[0].evaluation.heldOut.new.n).toBeGreaterThan(0);
  }, 120_000);

  it('a worse model stays a candidate; an administrator can switch it on and roll back', async () => {
    // Deliberately wrong corrections: heating complaints labelled as waste collection.
    for (const text of HEATING_AS_WASTE) await correct((await intake(text)).caseId, 'tko', 'collection');
    const res = await app.inject({
      method: 'POST',
      url: '/api/classifier/models',
      headers: { cookie: admin },
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ version: 2, status: 'candidate', comparedWith: 'версия 1' });
    expect(r.worse.join(' ')).toMatch(/контрольный набор/);
    expect(r.message).toMatch(/НЕ включена/);
    expect(await modelOf((await intake('Самокаты проката у стадиона мешают пройти')).caseId)).toBe('v1');

    const on = await app.inject({
      method: 'POST',
      url: '/api/classifier/models/2/activate',
      headers: { cookie: admin },
    });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().activeVersion).toBe(2);
    expect(await modelOf((await intake('Самокаты проката у бассейна мешают пройти')).caseId)).toBe('v2');

    const back = await app.inject({
      method: 'POST',
      url: '/api/classifier/models/1/activate',
      headers: { cookie: admin },
    });
    expect(back.json()).toMatchObject({ activeVersion: 1 });
    expect(back.json().items.map((m: { status: string }) => m.status)).toEqual(['candidate', 'active']);
    const missing = await app.inject({
      method: 'POST',
      url: '/api/classifier/models/9/activate',
      headers: { cookie: admin },
    });
    expect(missing.statusCode).toBe(404);
  }, 180_000);

  it('on start the active version is loaded from the database', async () => {
    const fresh = createDefaultAnalyzer();
    expect(fresh.analyze('Самокаты кикшеринга у школы', new Date()).model).toBe('default-1');
    await loadActiveClassifier({ ...services, analyzer: fresh });
    const analysis = fresh.analyze('Самокаты кикшеринга перегородили проход у школы', new Date());
    expect(analysis.model).toBe('v1');
    expect(`${analysis.block}.${analysis.category}`).toBe('transport.other');
  });

  it('on schedule retrains only when enough corrections are new, with the newest ones held out', async () => {
    const ctx = rootContext(services, SYSTEM_ACTOR);
    expect(await retrainIfDue(ctx)).toEqual({ skipped: 'новых исправлений 0 с версии 2, нужно не меньше 20' });
    for (const text of SCOOTERS.slice(0, 2))
      await correct((await intake(`${text}, опять`)).caseId, 'transport', 'other');
    const eager = { ...services, config: { ...services.config, retraining: { everyDays: 7, minCorrections: 2 } } };
    const outcome = await retrainIfDue(rootContext(eager, SYSTEM_ACTOR));
    if (!('retrained' in outcome)) throw new Error(outcome.skipped);
    // 29 corrections: the newest six (the heating ones labelled as waste and the two new scooter ones) are held out
    expect(outcome.retrained).toMatchObject({ version: 3, corrections: 29 });
    expect(outcome.retrained.heldOut?.new.n).toBe(6);
  }, 180_000);

  it('schedules the run at 02:00 Moscow time when the server starts, and not at all when switched off', async () => {
    await scheduleRetraining({
      ...services,
      config: { ...services.config, retraining: { everyDays: 0, minCorrections: 20 } },
    });
    expect(
      await services.database.db.selectFrom('outbox').select('id').where('kind', '=', RETRAIN_JOB).execute(),
    ).toHaveLength(0);
    await scheduleRetraining(services);
    await scheduleRetraining(services);
    const runs = await services.database.db
      .selectFrom('outbox')
      .select(['run_after', 'payload'])
      .where('kind', '=', RETRAIN_JOB)
      .execute();
    expect(runs).toHaveLength(1);
    expect(runs[0]?.run_after.toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(runs[0]?.payload).toEqual({ day: '2026-11-23' });
  });
});
