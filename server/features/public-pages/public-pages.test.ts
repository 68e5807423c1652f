import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PageDetail, PageRating } from '../../../shared/api/public-pages';
import type { Db } from '../../db/database';
import { startTestApp, type TestApp } from '../../test/test-app';
import { makeUser } from '../../test/test-services';
import { createToken } from '../auth/tokens';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { sessionCookie } from '../reports/test-fixture';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

// A hand-made fortnight (Mon 05.10.2026 – Sun 18.10.2026) for two pages; every expected point is worked out below.
let t: TestApp;
let app: FastifyInstance;
let media: string;
let operator: string;
let uglichOrg: number;
let regionalOrg: number;

async function orgIn(db: Db, name: string, municipality: string | null): Promise<number> {
  const m = municipality
    ? await db.selectFrom('municipalities').select('id').where('code', '=', municipality).executeTakeFirstOrThrow()
    : null;
  return (
    await db
      .insertInto('organisations')
      .values({ name, kind: 'other', municipality_id: m?.id ?? null })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** A case with one message through a channel, with the given labels and first answer. */
async function messageThrough(
  db: Db,
  n: number,
  channel: string,
  labels: Record<string, unknown>,
  createdAt: string,
  firstResponseAt: string | null,
): Promise<void> {
  const c = await db
    .insertInto('cases')
    .values({
      status: firstResponseAt ? 'answered' : 'assigned',
      channel,
      created_at: createdAt,
      first_response_at: firstResponseAt,
      summary: `Сообщение ${n}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('messages')
    .values({
      channel,
      external_id: `page-${n}`,
      case_id: c.id,
      text: `Сообщение ${n}`,
      created_at: createdAt,
      labels: JSON.stringify(labels),
    })
    .execute();
}
const vkComment = (ownerId: number) => ({
  vk: { kind: 'comment', ownerId, postId: 1, commentId: 1, url: 'https://vk.com/wall' },
});

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
  fileName: 'недели.csv',
  contentBase64: Buffer.from(lines.join('\n'), 'utf8').toString('base64'),
});

let pageA: PageDetail;
let pageB: PageDetail;

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-23T12:00:00+03:00' });
  app = t.app;
  const db = t.services.database.db;
  uglichOrg = await orgIn(db, 'Администрация Угличского МО', 'uglich');
  regionalOrg = await orgIn(db, 'Департамент ЖКХ области', null);
  media = await sessionCookie(t.services, (await makeUser(t.services, 'media_officer')).userId);
  operator = await sessionCookie(t.services, (await makeUser(t.services, 'operator')).userId);
});
afterAll(() => t.close());

describe('official pages registry', () => {
  it('the media officer registers pages; an operator may read but not change the registry', async () => {
    const a = await call<PageDetail>('POST', '/api/public-pages', media, {
      organisationId: uglichOrg,
      network: 'vk',
      url: 'https://vk.com/uglich_adm',
      title: 'Администрация Углича',
      ownerName: 'Иванова А. П.',
      category: 'active',
      postingNorm: 5,
      isHeadPage: true,
      vkOwnerId: -111,
      widgetSource: 'uglich-vk',
    });
    expect(a.status).toBe(200);
    pageA = a.body;
    const b = await call<PageDetail>('POST', '/api/public-pages', media, {
      organisationId: regionalOrg,
      network: 'ok',
      url: 'https://ok.ru/group/555',
      title: 'ЖКХ области',
      category: 'card',
      postingNorm: 3,
    });
    pageB = b.body;
    expect(pageA.history[0]).toMatchObject({ action: 'created', actor: 'Тест media_officer' });
    expect((await call('GET', '/api/public-pages', operator)).status).toBe(200);
    const refused = await call<{ error: { code: string } }>('POST', '/api/public-pages', operator, {
      ...a.body,
      url: 'https://vk.com/other',
    });
    expect(refused.status).toBe(403);
    const twice = await call<{ error: { code: string } }>('POST', '/api/public-pages', media, {
      organisationId: uglichOrg,
      network: 'vk',
      url: 'https://vk.com/uglich_adm',
      title: 'Повтор',
      category: 'card',
      postingNorm: 3,
    });
    expect(twice.status).toBe(409);
  });

  it('records checks of the required elements with date and evidence; a check without evidence is refused', async () => {
    const check = (element: string, passed: boolean, checkedOn: string) =>
      call<PageDetail>('POST', `/api/public-pages/${pageA.id}/checks`, media, {
        element,
        passed,
        checkedOn,
        evidence: `снимок экрана ${element}`,
      });
    await check('gov_mark', true, '2026-10-01');
    await check('pos_widget', false, '2026-10-01');
    await check('contacts', true, '2026-10-02');
    await check('description', true, '2026-10-02');
    const later = await check('gov_mark', false, '2026-10-25'); // after the period below: the rating of October's first half ignores it
    expect(later.body.checks.find((c) => c.element === 'gov_mark')).toMatchObject({
      passed: false,
      checkedOn: '2026-10-25',
    });
    expect(later.body.allChecks).toHaveLength(5);
    expect(later.body.history[0]?.summary).toContain('Отметка «Госорганизация»: нет (2026-10-25)');
    const bare = await call('POST', `/api/public-pages/${pageA.id}/checks`, media, {
      element: 'contacts',
      passed: true,
      checkedOn: '2026-10-02',
      evidence: '',
    });
    expect(bare.status).toBe(400);
  });

  it('imports weekly figures from a CSV file: bad rows are reported by line, good ones kept; a repeated week replaces its figures', async () => {
    const res = await call<{ imported: number; updated: number; failed: { line: number; message: string }[] }>(
      'POST',
      '/api/public-pages/weeks/import',
      media,
      csv([
        'Страница;Неделя;Публикации;Просмотры;Комментарии;Подписчики;Отвечено;Время ответа, ч',
        'https://vk.com/uglich_adm;05.10.2026;4;4000;10;1000;8;5',
        'vk.com/uglich_adm/;12.10.2026;6;8000;10;1 050;9;',
        'https://vk.com/nobody;12.10.2026;1;1;1;1;1;',
        'https://vk.com/uglich_adm;13.10.2026;1;1;1;1;1;',
        'https://vk.com/uglich_adm;19.10.2026;много;1;1;1;1;',
      ]),
    );
    expect(res.body).toEqual({
      imported: 2,
      updated: 0,
      failed: [
        { line: 4, message: 'страницы https://vk.com/nobody нет в реестре' },
        { line: 5, message: 'неделя должна начинаться с понедельника: 2026-10-13' },
        { line: 6, message: 'Публикации: не число «много»' },
      ],
    });
    const again = await call<{ imported: number; updated: number }>(
      'POST',
      '/api/public-pages/weeks/import',
      media,
      csv([
        'Страница;Неделя;Публикации;Просмотры;Комментарии;Подписчики;Отвечено',
        'https://vk.com/uglich_adm;12.10.2026;6;8000;10;1050;10',
      ]),
    );
    expect(again.body).toMatchObject({ imported: 0, updated: 1 });
    const page = await call<PageDetail>('GET', `/api/public-pages/${pageA.id}`, operator);
    expect(page.body.weeks.map((w) => [w.weekStart, w.answeredComments, w.source])).toEqual([
      ['2026-10-12', 10, 'file'],
      ['2026-10-05', 8, 'file'],
    ]);
  });

  it('a monitoring provider pushes figures with a token of scope monitoring; a token without it and a user are refused', async () => {
    const week = {
      url: 'https://ok.ru/group/555',
      weekStart: '2026-10-05',
      posts: 2,
      views: 500,
      comments: 0,
      subscribers: 200,
      answeredComments: 0,
      answerHours: 30,
    };
    const push = (auth: string) =>
      app.inject({
        method: 'POST',
        url: '/api/public-pages/weeks',
        headers: { authorization: `Bearer ${auth}` },
        payload: { weeks: [week] },
      });
    const narrow = (await createToken(rootContext(t.services, SYSTEM_ACTOR), 'только сообщения', ['messages'])).token;
    expect((await push(narrow)).statusCode).toBe(403);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/public-pages/weeks',
          headers: { cookie: media },
          payload: { weeks: [week] },
        })
      ).statusCode,
    ).toBe(403);
    const ok = await push(t.token);
    expect(ok.json()).toEqual({ imported: 1, updated: 0, failed: [] });
  });
});

describe('page rating from imported figures and the platform’s own answers (hand-computed)', () => {
  beforeAll(async () => {
    const db = t.services.database.db;
    // through page A: two VK comments of its community and one widget message with its source, one comment never answered
    await messageThrough(db, 1, 'social_vk', vkComment(-111), '2026-10-06T10:00:00+03:00', '2026-10-06T20:00:00+03:00'); // 10 h
    await messageThrough(db, 2, 'social_vk', vkComment(-111), '2026-10-07T10:00:00+03:00', '2026-10-09T10:00:00+03:00'); // 48 h
    await messageThrough(
      db,
      3,
      'web',
      { widget: { source: 'uglich-vk' } },
      '2026-10-13T09:00:00+03:00',
      '2026-10-13T13:00:00+03:00',
    ); // 4 h
    await messageThrough(db, 4, 'social_vk', vkComment(-111), '2026-10-18T10:00:00+03:00', null); // unanswered, 36 days old
    // not through page A: another community, a widget without source, and a comment after the period
    await messageThrough(db, 5, 'social_vk', vkComment(-222), '2026-10-08T10:00:00+03:00', null);
    await messageThrough(db, 6, 'web', { widget: { source: null } }, '2026-10-08T10:00:00+03:00', null);
    await messageThrough(db, 7, 'social_vk', vkComment(-111), '2026-10-19T10:00:00+03:00', null);
  });

  it('scores each page by the configured criteria and averages by municipality and by body', async () => {
    const { status, body } = await call<PageRating>(
      'GET',
      '/api/public-pages/ratings?from=2026-10-05&to=2026-10-18',
      operator,
    );
    expect(status).toBe(200);
    expect(body.weeks).toBe(2);
    const [a, b] = body.pages;
    // A: posting 10/(5×2)=1 → 25; elements 3/4 (gov mark, contacts, description) → 15; views 12000/10=1200 ≥ 1000 → 15;
    //    comments 18/20 → 13.5; answers in 24 h by the platform: 10 h and 4 h of 10, 48, 4 and the unanswered one → 2/4 → 12.5
    expect(a).toMatchObject({ pageId: pageA.id, score: 81, platform: { messages: 4, answeredInTime: 2 } });
    expect(a?.parts.map((p) => p.earned)).toEqual([25, 15, 15, 13.5, 12.5]);
    // the unanswered comment counts with its age (2026-10-18 10:00 → 2026-11-23 12:00 = 866 h): median of 4, 10, 48, 866
    expect(a?.platform.medianHours).toBe(29);
    // B: posting 2/(3×2) → 8.33; no checks → 0; views 250/1000 → 3.75; no comments → 15; no platform messages, imported 30 h → 24/30 → 20
    expect(b).toMatchObject({
      pageId: pageB.id,
      score: 47.1,
      platform: { messages: 0, answeredInTime: 0, medianHours: null },
    });
    expect(b?.parts.map((p) => p.earned)).toEqual([8.33, 0, 3.75, 15, 20]);
    expect(body.municipalities).toEqual([
      { name: 'Угличский муниципальный округ', pages: 1, score: 81 },
      { name: 'Региональный уровень', pages: 1, score: 47.1 },
    ]);
    expect(body.organisations.map((o) => o.name)).toEqual(['Администрация Угличского МО', 'Департамент ЖКХ области']);
    for (const bad of [
      'from=2026-02-31&to=2026-03-10',
      'from=2026-10-18&to=2026-10-05',
      'from=2020-01-01&to=2026-01-01',
    ]) {
      expect((await call('GET', `/api/public-pages/ratings?${bad}`, operator)).status, bad).toBe(400);
    }
  });

  it('the quarterly score of heads’ pages uses its own criteria and only heads’ pages', async () => {
    const { body } = await call<PageRating>(
      'GET',
      '/api/public-pages/ratings?from=2026-10-05&to=2026-10-18&set=heads',
      operator,
    );
    expect(body.pages).toHaveLength(1);
    // posting 20; mark 10; widget 0; elements 3/4×10 = 7.5; views 1200/2000×15 = 9; subscribers +5 % of 5 % → 10;
    // comments 0.9×10 = 9; answers 2/4×15 = 7.5
    expect(body.pages[0]?.parts.map((p) => p.earned)).toEqual([20, 10, 0, 7.5, 9, 10, 9, 7.5]);
    expect(body.pages[0]?.score).toBe(73);
  });

  it('criteria are configurable: their points must add up to 100; a change is in the history and changes the score', async () => {
    const bad = await call<{ error: { message: string } }>('PUT', '/api/public-pages/criteria/rating', media, {
      items: [{ metric: 'posting', title: 'Публикации', points: 90, target: null }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('100');
    expect(
      (
        await call('PUT', '/api/public-pages/criteria/rating', operator, {
          items: [{ metric: 'posting', title: 'Публикации', points: 100, target: null }],
        })
      ).status,
    ).toBe(403);
    const ok = await call('PUT', '/api/public-pages/criteria/rating', media, {
      items: [
        { metric: 'posting', title: 'Публикации', points: 50, target: null },
        { metric: 'answer_speed', title: 'Ответы за 12 ч', points: 50, target: 12 },
      ],
    });
    expect(ok.status).toBe(200);
    const { body } = await call<PageRating>('GET', '/api/public-pages/ratings?from=2026-10-05&to=2026-10-18', operator);
    // A: 50 + 50 × (the 10 h and 4 h answers within 12 h, not the 48 h one nor the unanswered: 2/4) = 75
    expect(body.pages.find((p) => p.pageId === pageA.id)?.score).toBe(75);
    const history = await t.services.database.db
      .selectFrom('comms_history')
      .select(['entity', 'actor_label'])
      .where('entity', '=', 'criteria')
      .execute();
    expect(history).toEqual([{ entity: 'criteria', actor_label: 'Тест media_officer' }]);
  });
});

describe('the media officer works with pages, not with cases', () => {
  it('answering, classifying or reviewing a case is refused to the media officer', async () => {
    const c = await t.services.database.db.selectFrom('cases').select('id').executeTakeFirstOrThrow();
    for (const [url, payload] of [
      [`/api/cases/${c.id}/answers`, { kind: 'interim', body: 'Ответ специалиста по СМИ' }],
      [`/api/cases/${c.id}/classification`, { block: 'roads', category: 'potholes' }],
      [`/api/cases/${c.id}/review`, { decision: 'accept' }],
    ] as const) {
      expect((await call('POST', url, media, payload)).status, url).toBe(403);
    }
  });
});
