import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Practice, Recommendation } from '../../../shared/api/practices';
import { startTestApp, type TestApp } from '../../test/test-app';
import { makeUser } from '../../test/test-services';
import { sessionCookie } from '../reports/test-fixture';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let t: TestApp;
let app: FastifyInstance;
let media: string;
let executor: string;
let orgId: number;

async function call<T>(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  cookie: string,
  payload?: object,
): Promise<{ status: number; body: T }> {
  const res = await app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json<T>() };
}

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-23T12:00:00+03:00' });
  app = t.app;
  orgId = (
    await t.services.database.db
      .insertInto('organisations')
      .values({ name: 'Администрация Тестового МО', kind: 'municipal_admin' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  media = await sessionCookie(t.services, (await makeUser(t.services, 'media_officer')).userId);
  executor = await sessionCookie(t.services, (await makeUser(t.services, 'executor', orgId)).userId);
});
afterAll(() => t.close());

describe('practices and recommendations', () => {
  it('the library is filled by the media officer and searched by an executor by the words of a complaint', async () => {
    const created = await call<Practice>('POST', '/api/practices', media, {
      title: 'Дворы по заявкам жителей',
      categoryCode: 'yards',
      problem: 'Жалобы на разбитые дворы и детские площадки',
      solution: 'Голосование жителей за очерёдность ремонта дворов',
      effect: 'Жалоб на дворы на 40 % меньше',
      place: 'Вологодская область',
      status: 'recommended',
    });
    expect(created.body).toMatchObject({ category: 'Дворы и детские площадки', status: 'recommended' });
    await call('POST', '/api/practices', media, {
      title: 'Графики вывоза ТКО на сайте',
      problem: 'Жалобы на вывоз мусора',
      solution: 'Публиковать графики',
    });
    expect(
      (
        await call('POST', '/api/practices', executor, {
          title: 'Своя практика',
          problem: 'Проблема',
          solution: 'Решение',
        })
      ).status,
    ).toBe(403);
    const found = await call<{ items: Practice[] }>(
      'GET',
      `/api/practices?q=${encodeURIComponent('ДЕТСКИЕ площадки')}`,
      executor,
    );
    expect(found.body.items.map((p) => p.title)).toEqual(['Дворы по заявкам жителей']);
    expect((await call<{ items: Practice[] }>('GET', '/api/practices?q=100%25', executor)).body.items).toEqual([]);
    expect(
      (await call<{ items: Practice[] }>('GET', '/api/practices?category=yards', executor)).body.items,
    ).toHaveLength(1);
  });

  it('a recommendation has an owner and a due date, shows as overdue when open past it, and keeps its follow-up notes', async () => {
    const [practice] = (await call<{ items: Practice[] }>('GET', '/api/practices?category=yards', media)).body.items;
    const late = await call<Recommendation>('POST', '/api/recommendations', media, {
      practiceId: practice?.id,
      organisationId: orgId,
      text: 'Провести голосование по дворам',
      ownerName: 'Петров П. П.',
      dueOn: '2026-11-01',
    });
    expect(late.body).toMatchObject({
      organisation: 'Администрация Тестового МО',
      practice: 'Дворы по заявкам жителей',
      status: 'open',
      overdue: true,
    });
    await call('POST', `/api/recommendations/${late.body.id}/follow-up`, media, {
      status: 'open',
      note: 'Запрошен отчёт',
    });
    const done = await call<Recommendation>('POST', `/api/recommendations/${late.body.id}/follow-up`, media, {
      status: 'done',
      note: 'Голосование проведено',
    });
    expect(done.body).toMatchObject({
      status: 'done',
      overdue: false,
      followUp: '2026-11-23: Запрошен отчёт\n2026-11-23: Голосование проведено',
    });
    const history = await t.services.database.db
      .selectFrom('comms_history')
      .select(['action', 'actor_label'])
      .where('entity', '=', 'recommendation')
      .orderBy('id')
      .execute();
    expect(history.map((h) => h.action)).toEqual(['created', 'follow_up', 'follow_up']);
    const bad = await call<{ error: { message: string } }>('POST', '/api/recommendations', media, {
      organisationId: 999999,
      text: 'Текст',
      ownerName: 'Кто-то',
      dueOn: '2026-12-01',
    });
    expect(bad.status).toBe(400);
    expect((await call('GET', '/api/recommendations', executor)).status).toBe(403);
  });
});
