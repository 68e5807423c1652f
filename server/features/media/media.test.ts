import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MediaDetail } from '../../../shared/api/media';
import type { ImportResult } from '../../../shared/api/public-pages';
import { startTestApp, type TestApp } from '../../test/test-app';
import { makeUser } from '../../test/test-services';
import { sessionCookie } from '../reports/test-fixture';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let t: TestApp;
let app: FastifyInstance;
let media: string;
let operator: string;
let caseId: string;

async function call<T>(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  cookie: string,
  payload?: object,
): Promise<{ status: number; body: T }> {
  const res = await app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json<T>() };
}

async function xlsx(rows: (string | number)[][]): Promise<{ fileName: string; contentBase64: string }> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('СМИ');
  for (const row of rows) sheet.addRow(row);
  return { fileName: 'сми.xlsx', contentBase64: Buffer.from(await book.xlsx.writeBuffer()).toString('base64') };
}

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-23T12:00:00+03:00' });
  app = t.app;
  media = await sessionCookie(t.services, (await makeUser(t.services, 'media_officer')).userId);
  operator = await sessionCookie(t.services, (await makeUser(t.services, 'operator')).userId);
  caseId = (
    await t.services.database.db
      .insertInto('cases')
      .values({ status: 'assigned', channel: 'pos', created_at: '2026-11-20T10:00:00+03:00', summary: 'Яма' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.close());

describe('media outlets and opinion leaders', () => {
  it('imports the registry from an XLSX file, by name: a second import changes only what changed; bad rows by line', async () => {
    const header = [
      'Тип',
      'Название',
      'Каналы',
      'Аудитория',
      'Темы',
      'Муниципалитет',
      'Контактное лицо',
      'Контакт',
      'Ответственный',
    ];
    const first = await call<ImportResult>(
      'POST',
      '/api/media/import',
      media,
      await xlsx([
        header,
        [
          'СМИ',
          'Угличская газета',
          'сайт, VK',
          12000,
          'ЖКХ, дороги',
          'Угличский',
          'Петров П. П.',
          'redakciya@example.ru',
          'Сидорова',
        ],
        ['Лидер мнений', 'Блогер Иван', 'Telegram', 5000, 'благоустройство', 'Рыбинск', '', '@ivan', ''],
        ['Журнал', 'Непонятно кто', '', '', '', '', '', '', ''],
        ['СМИ', 'Газета без места', '', 'много', '', '', '', '', ''],
      ]),
    );
    expect(first.body).toEqual({
      imported: 2,
      updated: 0,
      failed: [
        { line: 4, message: 'Тип: неизвестное значение «Журнал»' },
        { line: 5, message: 'Аудитория: не число «много»' },
      ],
    });
    const second = await call<ImportResult>(
      'POST',
      '/api/media/import',
      media,
      await xlsx([
        header,
        [
          'СМИ',
          'Угличская газета',
          'сайт, VK',
          12500,
          'ЖКХ, дороги',
          'Угличский',
          'Петров П. П.',
          'redakciya@example.ru',
          'Сидорова',
        ],
        ['Лидер мнений', 'Блогер Иван', 'Telegram', 5000, 'благоустройство', 'Рыбинск', '', '@ivan', ''],
      ]),
    );
    expect(second.body).toEqual({ imported: 0, updated: 1, failed: [] });
    const list = await call<{ items: MediaDetail[] }>('GET', '/api/media', operator);
    expect(list.body.items.map((c) => [c.name, c.kind, c.municipality, c.audience])).toEqual([
      ['Блогер Иван', 'person', 'Рыбинск', 5000],
      ['Угличская газета', 'outlet', 'Угличский муниципальный округ', 12500],
    ]);
    expect((await call('POST', '/api/media/import', operator, await xlsx([header]))).status).toBe(403);
  });

  it('records interactions with dates; a mention names its case and is found from the case; every change in the history', async () => {
    const { body: list } = await call<{ items: MediaDetail[] }>('GET', '/api/media', media);
    const paper = list.items.find((c) => c.name === 'Угличская газета');
    const id = paper?.id ?? 0;
    const mention = await call<MediaDetail>('POST', `/api/media/${id}/interactions`, media, {
      kind: 'mention',
      happenedOn: '2026-11-21',
      topic: 'Статья о яме на ул. Ленина',
      url: 'https://example.ru/news/1',
      caseId,
    });
    expect(mention.status).toBe(200);
    await call('POST', `/api/media/${id}/interactions`, media, {
      kind: 'request',
      happenedOn: '2026-11-22',
      topic: 'Запрос о сроках ремонта',
      outcome: 'Ответ дан',
    });
    const detail = await call<MediaDetail>('GET', `/api/media/${id}`, operator);
    expect(detail.body).toMatchObject({ interactions: 2, lastInteractionOn: '2026-11-22' });
    expect(detail.body.interactionList.map((i) => [i.kind, i.happenedOn, i.caseId, i.author])).toEqual([
      ['request', '2026-11-22', null, 'Тест media_officer'],
      ['mention', '2026-11-21', caseId, 'Тест media_officer'],
    ]);
    expect(detail.body.history.map((h) => h.action)).toEqual(['interaction', 'interaction', 'imported', 'imported']);
    const mentions = await call<{ items: { contactName: string; topic: string }[] }>(
      'GET',
      `/api/media/mentions?case=${caseId}`,
      operator,
    );
    expect(mentions.body.items).toMatchObject([
      { contactName: 'Угличская газета', topic: 'Статья о яме на ул. Ленина' },
    ]);
    const noCase = await call<{ error: { message: string } }>('POST', `/api/media/${id}/interactions`, media, {
      kind: 'mention',
      happenedOn: '2026-11-21',
      topic: 'Статья',
      caseId: '999999',
    });
    expect(noCase.body.error.message).toBe('Обращения № 999999 нет');
    expect(
      (
        await call('POST', `/api/media/${id}/interactions`, operator, {
          kind: 'request',
          happenedOn: '2026-11-21',
          topic: 'Запрос',
        })
      ).status,
    ).toBe(403);
  });

  it('the media officer adds an outlet by hand; a taken name is a conflict', async () => {
    const created = await call<MediaDetail>('POST', '/api/media', media, {
      kind: 'outlet',
      name: 'Радио Ярославль',
      channels: 'FM',
      municipalityCode: 'yaroslavl',
    });
    expect(created.body).toMatchObject({ name: 'Радио Ярославль', municipality: 'Ярославль', interactions: 0 });
    expect((await call('POST', '/api/media', media, { kind: 'person', name: 'Радио Ярославль' })).status).toBe(409);
  });
});
