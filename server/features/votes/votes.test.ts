import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImportResult } from '../../../shared/api/public-pages';
import type { VoteDetail, VoteList } from '../../../shared/api/votes';
import { startTestApp, type TestApp } from '../../test/test-app';
import { makeUser } from '../../test/test-services';
import { sessionCookie } from '../reports/test-fixture';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let t: TestApp;
let app: FastifyInstance;
let media: string;
let operator: string;

async function call<T>(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  cookie: string,
  payload?: object,
): Promise<{ status: number; body: T }> {
  const res = await app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json<T>() };
}
const csv = (lines: string[]) => ({
  fileName: 'голосования.csv',
  contentBase64: Buffer.from(lines.join('\r\n'), 'utf8').toString('base64'),
});

async function complaint(municipality: string, category: string, createdAt: string): Promise<void> {
  const db = t.services.database.db;
  const m = await db
    .selectFrom('municipalities')
    .select('id')
    .where('code', '=', municipality)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('cases')
    .values({
      status: 'assigned',
      channel: 'pos',
      municipality_id: m.id,
      block_code: 'improvement',
      category_code: category,
      created_at: createdAt,
      summary: 'Жалоба',
    })
    .execute();
}

const FILE = [
  'Номер;Вид;Название;Муниципалитет;Категория;Вопрос;Начало;Окончание;Явка;Результат;Решение;Дата решения;Реализация',
  'ПОС-1;Голосование на ПОС;Благоустройство сквера на Успенской площади;Угличский;Парки и общественные пространства;Какой проект выбрать?;01.08.2026;20.08.2026;1 250;Проект А — 61 %;Реализовать проект А;01.09.2026;идёт',
  'ИБ-7;Инициативное бюджетирование;Ремонт двора на ул. Ломоносова;Рыбинск;yards;;01.06.2026;30.06.2026;430;Поддержано;;;не начата',
  'ИБ-8;Неведомое;Что-то;Рыбинск;;;01.06.2026;30.06.2026;;;;;',
  'ИБ-9;Публичные слушания;Генплан;Атлантида;;;01.06.2026;30.06.2026;;;;;',
  'ИБ-10;Публичные слушания;Генплан;Рыбинск;;;31.06.2026;30.06.2026;;;;;',
];

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-23T12:00:00+03:00' });
  app = t.app;
  media = await sessionCookie(t.services, (await makeUser(t.services, 'media_officer')).userId);
  operator = await sessionCookie(t.services, (await makeUser(t.services, 'operator')).userId);
  // the 30 days before the Uglich decision (01.09.2026): one complaint about public spaces; the 30 days after: four
  await complaint('uglich', 'public_spaces', '2026-08-15T10:00:00+03:00');
  for (const day of ['02', '05', '12', '30'])
    await complaint('uglich', 'public_spaces', `2026-09-${day}T10:00:00+03:00`);
  // not beside it: another category in Uglich, the same category in Rybinsk, and one before the window
  await complaint('uglich', 'yards', '2026-09-03T10:00:00+03:00');
  await complaint('rybinsk', 'public_spaces', '2026-09-03T10:00:00+03:00');
  await complaint('uglich', 'public_spaces', '2026-07-20T10:00:00+03:00');
});
afterAll(() => t.close());

describe('votes and public discussions', () => {
  it('imports votes from a CSV file; bad rows are reported by line; the same file again changes nothing', async () => {
    const first = await call<ImportResult>('POST', '/api/votes/import', media, csv(FILE));
    expect(first.body).toEqual({
      imported: 2,
      updated: 0,
      failed: [
        { line: 4, message: 'Вид: неизвестное значение «Неведомое»' },
        { line: 5, message: 'муниципалитета «Атлантида» нет в справочнике' },
        { line: 6, message: 'не дата: «31.06.2026» (ожидается ДД.ММ.ГГГГ)' },
      ],
    });
    const again = await call<ImportResult>('POST', '/api/votes/import', media, csv(FILE.slice(0, 3)));
    expect(again.body).toEqual({ imported: 0, updated: 0, failed: [] });
    expect((await call('POST', '/api/votes/import', operator, csv(FILE))).status).toBe(403);
  });

  it('shows each vote beside the complaints of its category and municipality, flagging a decision met by a rise of complaints', async () => {
    const { body } = await call<VoteList>('GET', '/api/votes', operator);
    const uglich = body.items.find((v) => v.externalId === 'ПОС-1');
    expect(uglich).toMatchObject({
      kind: 'pos_vote',
      municipalityCode: 'uglich',
      municipality: 'Угличский муниципальный округ',
      categoryCode: 'public_spaces',
      turnout: 1250,
      decisionOn: '2026-09-01',
      implementation: 'in_progress',
      complaints: { around: '2026-09-01', before: 1, after: 4, conflict: true },
    });
    expect(uglich?.lat).toBeCloseTo(57.52, 1);
    const rybinsk = body.items.find((v) => v.externalId === 'ИБ-7');
    expect(rybinsk).toMatchObject({
      kind: 'initiative_budget',
      categoryCode: 'yards',
      complaints: { around: '2026-06-30', before: 0, after: 0, conflict: false },
    });
    const filtered = await call<VoteList>(
      'GET',
      '/api/votes?municipality=uglich&category=public_spaces&from=2026-08-01&to=2026-08-31',
      operator,
    );
    expect(filtered.body.items.map((v) => v.externalId)).toEqual(['ПОС-1']);
    expect(body.rule).toEqual({ windowDays: 30, ratio: 1.5, minComplaints: 3 });
  });

  it('the media officer records a discussion and its implementation; every change is in the history; an operator cannot', async () => {
    const input = {
      kind: 'discussion',
      title: 'Обсуждение схемы движения',
      municipalityCode: 'rybinsk',
      categoryCode: null,
      startsOn: '2026-10-01',
      endsOn: '2026-10-10',
    };
    expect((await call('POST', '/api/votes', operator, input)).status).toBe(403);
    const created = await call<VoteDetail>('POST', '/api/votes', media, input);
    expect(created.status).toBe(200);
    const changed = await call<VoteDetail>('PUT', `/api/votes/${created.body.id}`, media, {
      ...input,
      decision: 'Схему изменить',
      decisionOn: '2026-10-15',
      implementation: 'done',
    });
    expect(changed.body.history.map((h) => [h.action, h.actor])).toEqual([
      ['changed', 'Тест media_officer'],
      ['created', 'Тест media_officer'],
    ]);
    expect(changed.body.history[0]?.summary).toContain('реализация: Выполнено');
    const backwards = await call<{ error: { message: string } }>('POST', '/api/votes', media, {
      ...input,
      startsOn: '2026-10-11',
    });
    expect(backwards.status).toBe(400);
    const unknown = await call<{ error: { message: string } }>('POST', '/api/votes', media, {
      ...input,
      categoryCode: 'nothing',
    });
    expect(unknown.body.error.message).toContain('nothing');
  });
});
