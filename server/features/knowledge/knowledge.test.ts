import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KnowledgeEntry, KnowledgeSearch, KnowledgeSources } from '../../../shared/api/knowledge';
import { startTestApp, type TestApp } from '../../test/test-app';
import { makeUser } from '../../test/test-services';
import { sessionCookie } from '../reports/test-fixture';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let t: TestApp;
let app: FastifyInstance;
let media: string;
let executor: string;

async function call<T>(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  cookie: string,
  payload?: object,
): Promise<{ status: number; body: T }> {
  const res = await app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json<T>() };
}
const search = async (query: string, cookie = executor) =>
  (await call<KnowledgeSearch>('GET', `/api/knowledge/search?${query}`, cookie)).body.items;

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-23T12:00:00+03:00' });
  app = t.app;
  const orgId = (
    await t.services.database.db
      .insertInto('organisations')
      .values({ name: 'Администрация Тестового МО', kind: 'municipal_admin' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  media = await sessionCookie(t.services, (await makeUser(t.services, 'media_officer')).userId);
  executor = await sessionCookie(t.services, (await makeUser(t.services, 'executor', orgId)).userId);
  await call('POST', '/api/practices', media, {
    title: 'Голосование за очерёдность ремонта',
    categoryCode: 'yards',
    problem: 'Жалобы на разбитые дворы',
    solution: 'Жители голосуют за очерёдность ремонта дворов на ПОС',
    status: 'adopted',
  });
});
afterAll(() => t.close());

describe('knowledge base', () => {
  it('is kept by the centre: entries with category, tags and source; bad references are a 400; each change in history', async () => {
    const [practice] = (await call<KnowledgeSources>('GET', '/api/knowledge/sources', media)).body.practices;
    const yard = await call<KnowledgeEntry>('POST', '/api/knowledge', media, {
      title: 'Ремонт двора включён в программу',
      categoryCode: 'yards',
      tags: ['Ремонт', 'программа «Наши дворы»'],
      sourcePracticeId: practice?.id,
      body: 'Здравствуйте! Ваш двор включён в программу ремонта дворовых территорий на следующий год. Работы начнутся весной.',
    });
    expect(yard.body).toMatchObject({
      category: 'Дворы и детские площадки',
      blockCode: 'improvement',
      block: 'Благоустройство',
      tags: ['ремонт', 'программа «наши дворы»'],
      source: 'Практика «Голосование за очерёдность ремонта»',
    });
    await call('POST', '/api/knowledge', media, {
      title: 'Сроки благоустройства',
      blockCode: 'improvement',
      body: 'Работы по благоустройству территорий ведутся с мая по октябрь.',
    });
    await call('POST', '/api/knowledge', media, {
      title: 'Продление срока ответа',
      body: 'Срок рассмотрения продлён на 30 дней по статье 12 59-ФЗ, о чём сообщаем.',
    });
    await call('POST', '/api/knowledge', media, {
      title: 'Ямочный ремонт дворовых проездов',
      categoryCode: 'potholes',
      body: 'Ямочный ремонт дворовых проездов выполняется по заявкам управляющих компаний.',
    });
    const bad = await call<{ error: { message: string } }>('POST', '/api/knowledge', media, {
      title: 'Ошибка',
      categoryCode: 'no_such',
      body: 'Текст образца ответа',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('Категории «no_such» нет в справочнике');
    expect(
      (
        await call('POST', '/api/knowledge', media, {
          title: 'Ошибка',
          categoryCode: 'yards',
          blockCode: 'roads',
          body: 'Текст образца ответа',
        })
      ).status,
    ).toBe(400);
    expect(
      (await call('POST', '/api/knowledge', executor, { title: 'Своё', body: 'Текст образца ответа' })).status,
    ).toBe(403);
    expect((await call<{ items: KnowledgeEntry[] }>('GET', '/api/knowledge', media)).body.items).toHaveLength(4);
    const history = await t.services.database.db
      .selectFrom('comms_history')
      .select(['action', 'actor_label'])
      .where('entity', '=', 'knowledge')
      .orderBy('id')
      .execute();
    expect(history).toHaveLength(4);
    expect(history.every((h) => h.actor_label === 'Тест media_officer')).toBe(true);
  });

  it('an executor finds by the case category and by any form of the words (Russian full-text), practices included', async () => {
    const byCategory = await search('category=yards');
    expect(byCategory.map((h) => [h.kind, h.title])).toEqual([
      ['entry', 'Ремонт двора включён в программу'],
      ['practice', 'Голосование за очерёдность ремонта'],
      ['entry', 'Сроки благоустройства'],
      ['entry', 'Продление срока ответа'],
    ]);
    // «дворов» finds «двор» and «дворов»; the other category's «дворовых проездов» stays out under the case's category
    const words = await search(`category=yards&q=${encodeURIComponent('ремонт дворов')}`);
    expect(words.map((h) => h.title).sort()).toEqual([
      'Голосование за очерёдность ремонта',
      'Ремонт двора включён в программу',
    ]);
    expect(words.find((h) => h.kind === 'practice')?.text).toBe('Жители голосуют за очерёдность ремонта дворов на ПОС');
    expect((await search(`q=${encodeURIComponent('дворовых проездов')}`)).map((h) => h.title)).toEqual([
      'Ямочный ремонт дворовых проездов',
    ]);
    expect((await search(`q=${encodeURIComponent('наши дворы')}&practices=false`)).map((h) => h.title)).toEqual([
      'Ремонт двора включён в программу',
    ]);
    expect(await search(`q=${encodeURIComponent('космодром')}`)).toEqual([]);
    expect((await call('GET', '/api/knowledge/search?category=no_such', executor)).status).toBe(400);
    expect((await call('GET', '/api/knowledge', executor)).status).toBe(403);
  });

  it('an archived entry is no longer found', async () => {
    const entry = (await call<{ items: KnowledgeEntry[] }>('GET', '/api/knowledge', media)).body.items.find(
      (e) => e.title === 'Продление срока ответа',
    );
    const archived = await call<KnowledgeEntry>('PUT', `/api/knowledge/${entry?.id}`, media, {
      title: 'Продление срока ответа',
      body: entry?.body,
      active: false,
    });
    expect(archived.body.active).toBe(false);
    expect(await search(`q=${encodeURIComponent('продление')}`)).toEqual([]);
    expect(
      (await call('PUT', '/api/knowledge/999999', media, { title: 'Нет такой', body: 'Текст образца ответа' })).status,
    ).toBe(404);
  });
});
