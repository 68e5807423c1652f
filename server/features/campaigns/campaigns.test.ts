import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CampaignDetail, CampaignInput } from '../../../shared/api/campaigns';
import type { ImportResult } from '../../../shared/api/public-pages';
import { buildApp } from '../../http/app';
import { runDueJobs } from '../../jobs/dispatcher';
import { startTelegramStandIn, type TelegramStandIn } from '../../test/stand-ins/telegram-bot-api';
import { startVkStandIn, type VkStandIn } from '../../test/stand-ins/vk-api';
import { createTestServices, makeUser, type TestServices } from '../../test/test-services';
import { startSmtpSink, type SmtpSink } from '../email/mail-servers.test-support';
import { sessionCookie } from '../reports/test-fixture';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

const TG_TOKEN = '123456:campaign-test-token';
const VK_TOKEN = 'vk1.a.campaign-community-token';
const GROUP = 218372615;

let services: TestServices;
let app: FastifyInstance;
let vk: VkStandIn;
let tg: TelegramStandIn;
let smtp: SmtpSink;
let media: string;
let head: string;
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
async function drain(): Promise<void> {
  while ((await runDueJobs(services)) > 0) {
    /* next batch */
  }
}

/** Cases of the effect fixture: (municipality, category, created at). */
const FIXTURE: [string, string, string][] = [
  ['uglich', 'potholes', '2026-10-24T23:59:00+03:00'], // a minute before the window before: not counted
  ['uglich', 'potholes', '2026-10-25T00:00:00+03:00'], // first minute of the window before
  ['uglich', 'potholes', '2026-10-31T23:59:00+03:00'], // last minute of the window before
  ['uglich', 'potholes', '2026-11-01T00:00:00+03:00'], // the start: window after
  ['uglich', 'potholes', '2026-11-07T23:59:00+03:00'], // last minute of the window after
  ['uglich', 'potholes', '2026-11-08T00:00:00+03:00'], // after the window after: not counted
  ['uglich', 'yards', '2026-11-02T10:00:00+03:00'], // another category
  ['rybinsk', 'potholes', '2026-10-26T10:00:00+03:00'],
  ['rybinsk', 'potholes', '2026-10-27T10:00:00+03:00'],
  ['rybinsk', 'potholes', '2026-10-28T10:00:00+03:00'],
  ['yaroslavl', 'potholes', '2026-11-03T10:00:00+03:00'], // not a municipality of the campaign
];

const input = (over: Partial<CampaignInput> = {}): CampaignInput => ({
  title: 'Как сообщить о яме',
  goal: 'Объяснить, куда и как сообщать о ямах и когда их заделают',
  audience: 'Водители Углича и Рыбинска',
  categoryCode: 'potholes',
  municipalityCodes: ['uglich', 'rybinsk'],
  spike: { from: '2026-10-25', to: '2026-10-31' },
  startsOn: '2026-11-01',
  effectWindowDays: 7,
  channels: [
    { kind: 'vk_wall' },
    { kind: 'telegram_channel', target: '@yar_cur_news' },
    { kind: 'email_list', target: 'a@example.ru, b@example.ru' },
  ],
  posts: [{ publishOn: '2026-11-01', text: 'Ямочный ремонт: куда сообщать' }],
  mediaPlan: [],
  ...over,
});

beforeAll(async () => {
  vk = await startVkStandIn(VK_TOKEN);
  tg = await startTelegramStandIn(TG_TOKEN);
  smtp = await startSmtpSink();
  services = await createTestServices({
    now: '2026-11-23T12:00:00+03:00',
    config: {
      vk: {
        token: VK_TOKEN,
        groupId: GROUP,
        confirmation: 'c0nf1rm8',
        secret: 'vk-secret-campaigns',
        apiBaseUrl: `${vk.url}/method`,
      },
      telegram: { token: TG_TOKEN, webhookSecret: 'tg-secret-campaigns', username: 'otklik_test_bot', apiRoot: tg.url },
      email: { imap: null, smtp: smtp.settings },
    },
  });
  app = await buildApp(services);
  media = await sessionCookie(services, (await makeUser(services, 'media_officer')).userId);
  head = await sessionCookie(services, (await makeUser(services, 'head')).userId);
  operator = await sessionCookie(services, (await makeUser(services, 'operator')).userId);
  const db = services.database.db;
  const places = new Map(
    (await db.selectFrom('municipalities').select(['id', 'code']).execute()).map((m) => [m.code, m.id]),
  );
  for (const [place, category, at] of FIXTURE) {
    const row = await db
      .insertInto('cases')
      .values({
        status: 'assigned',
        channel: 'pos',
        municipality_id: places.get(place) ?? null,
        block_code: category === 'potholes' ? 'roads' : 'improvement',
        category_code: category,
        created_at: at,
        summary: 'Жалоба',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    caseId = row.id;
  }
});
afterAll(async () => {
  await app.close();
  await services.close();
  await vk.close();
  await tg.close();
  await smtp.stop();
});

describe('informing campaigns', () => {
  let id = 0;

  it('a campaign from a spike: the head returns it with comments, the author fixes it, the head approves; all in the history', async () => {
    const created = await call<CampaignDetail>('POST', '/api/campaigns', media, input({ goal: 'Рассказать о ямах' }));
    expect(created.status).toBe(200);
    id = created.body.id;
    expect(created.body).toMatchObject({
      status: 'draft',
      category: 'Ямы и ремонт дорог',
      spike: { from: '2026-10-25', to: '2026-10-31' },
      allowedActions: ['edit', 'submit'],
    });
    expect((await call('POST', `/api/campaigns/${id}/approve`, head, {})).status).toBe(409); // not submitted yet
    expect((await call('POST', `/api/campaigns/${id}/submit`, media)).body).toMatchObject({
      status: 'on_approval',
      allowedActions: [],
    });
    // the media officer cannot approve; nobody edits a campaign on approval
    expect((await call('POST', `/api/campaigns/${id}/approve`, media, {})).status).toBe(403);
    expect((await call('PUT', `/api/campaigns/${id}`, media, input())).status).toBe(409);
    const noComment = await call<{ error: { message: string } }>('POST', `/api/campaigns/${id}/return`, head, {
      comment: '',
    });
    expect(noComment.status).toBe(400);
    const returned = await call<CampaignDetail>('POST', `/api/campaigns/${id}/return`, head, {
      comment: 'Цель — сократить число жалоб, а не рассказать',
    });
    expect(returned.body).toMatchObject({
      status: 'returned',
      approvalComment: 'Цель — сократить число жалоб, а не рассказать',
    });
    const fixed = await call<CampaignDetail>('PUT', `/api/campaigns/${id}`, media, input());
    expect(fixed.body).toMatchObject({ status: 'returned', goal: input().goal });
    await call('POST', `/api/campaigns/${id}/submit`, media);
    const approved = await call<CampaignDetail>('POST', `/api/campaigns/${id}/approve`, head, {
      comment: 'Согласовано',
    });
    expect(approved.body).toMatchObject({ status: 'approved', allowedActions: ['publish', 'record_reach'] });
    expect(approved.body.history.map((h) => [h.action, h.actor])).toEqual([
      ['approve', 'Тест head'],
      ['submit', 'Тест media_officer'],
      ['changed', 'Тест media_officer'],
      ['return', 'Тест head'],
      ['submit', 'Тест media_officer'],
      ['created', 'Тест media_officer'],
    ]);
  });

  it('bad input is a 400 in Russian and saves nothing', async () => {
    const before = await call<{ items: unknown[] }>('GET', '/api/campaigns', operator);
    const bad = await call<{ error: { message: string } }>(
      'POST',
      '/api/campaigns',
      media,
      input({ municipalityCodes: ['atlantis'] }),
    );
    expect(bad).toMatchObject({
      status: 400,
      body: { error: { message: 'Муниципалитета «atlantis» нет в справочнике' } },
    });
    expect(
      (
        await call(
          'POST',
          '/api/campaigns',
          media,
          input({ channels: [{ kind: 'telegram_channel', target: 'канал' }] }),
        )
      ).status,
    ).toBe(400);
    expect(
      (await call('POST', '/api/campaigns', media, input({ channels: [{ kind: 'page_task', pageId: 99999 }] }))).body,
    ).toMatchObject({ error: { message: 'Госпаблика № 99999 нет в реестре' } });
    expect((await call<{ items: unknown[] }>('GET', '/api/campaigns', operator)).body.items).toHaveLength(
      before.body.items.length,
    );
    expect((await call('POST', '/api/campaigns', operator, input())).status).toBe(403);
  });

  it('publishes to the VK wall, the Telegram channel and an e-mail list through the outbox, retrying a provider that is down', async () => {
    await vk.setMode('error');
    const published = await call<CampaignDetail>('POST', `/api/campaigns/${id}/publish`, media);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.status).toBe('published');
    expect(published.body.publications.map((p) => [p.channelKind, p.status])).toEqual([
      ['vk_wall', 'pending'],
      ['telegram_channel', 'pending'],
      ['email_list', 'pending'],
    ]);
    await drain();
    let detail = (await call<CampaignDetail>('GET', `/api/campaigns/${id}`, operator)).body;
    expect(detail.publications.map((p) => [p.channelKind, p.status])).toEqual([
      ['vk_wall', 'pending'],
      ['telegram_channel', 'sent'],
      ['email_list', 'sent'],
    ]);
    expect(detail.publications[0]?.lastError).toMatch(/Internal server error/);
    await vk.setMode('ok');
    services.clock.advance(services.config.delivery.retryScheduleMs[0] ?? 0);
    await drain();
    detail = (await call<CampaignDetail>('GET', `/api/campaigns/${id}`, operator)).body;
    expect(detail.publications.map((p) => [p.status, p.url])).toEqual([
      ['sent', expect.stringMatching(new RegExp(`^https://vk\\.com/wall-${GROUP}_\\d+$`))],
      ['sent', expect.stringMatching(/^https:\/\/t\.me\/yar_cur_news\/\d+$/)],
      ['sent', null],
    ]);
    expect(vk.posted.filter((p) => p.method === 'wall.post').map((p) => [p.params.owner_id, p.params.message])).toEqual(
      [[String(-GROUP), 'Ямочный ремонт: куда сообщать']],
    );
    expect(tg.sent.map((m) => [m.chat_id, m.text])).toEqual([['@yar_cur_news', 'Ямочный ремонт: куда сообщать']]);
    expect(smtp.letters.flatMap((l) => l.to).sort()).toEqual(['a@example.ru', 'b@example.ru', 'cur@otklik.test']);
    // the e-mail list returned its reach: two addresses accepted
    expect(detail.reachRows).toMatchObject([
      { channel: 'Рассылка по e-mail', reach: 2, source: 'adapter', municipalityCode: null },
    ]);
    expect(detail.history.filter((h) => h.action === 'published')).toHaveLength(3);
    // running again posts nothing twice
    await drain();
    expect(vk.posted.filter((p) => p.method === 'wall.post')).toHaveLength(1);
    expect((await call('POST', `/api/campaigns/${id}/publish`, media)).status).toBe(409);
  });

  it('the effect: cases of the category in each municipality in equal windows before and after, as computed by hand, each drilling down to the same cases', async () => {
    const detail = (await call<CampaignDetail>('GET', `/api/campaigns/${id}`, operator)).body;
    expect(detail.effect).toEqual({
      windowDays: 7,
      beforeFrom: '2026-10-25',
      beforeTo: '2026-10-31',
      afterFrom: '2026-11-01',
      afterTo: '2026-11-07',
      afterComplete: true,
      rows: [
        { municipalityCode: 'rybinsk', municipality: 'Рыбинск', before: 3, after: 0, reach: 0 },
        { municipalityCode: 'uglich', municipality: 'Угличский муниципальный округ', before: 2, after: 2, reach: 0 },
      ],
      before: 5,
      after: 2,
    });
    for (const row of detail.effect.rows) {
      for (const [from, to, expected] of [
        [detail.effect.beforeFrom, detail.effect.beforeTo, row.before],
        [detail.effect.afterFrom, detail.effect.afterTo, row.after],
      ] as const) {
        const inbox = await call<{ total: number }>(
          'GET',
          `/api/cases?municipality=${row.municipalityCode}&category=potholes&from=${from}&to=${to}`,
          operator,
        );
        expect(inbox.body.total, `${row.municipalityCode} ${from}`).toBe(expected);
      }
    }
    const list = await call<{ items: { id: number; effect: { before: number; after: number } }[] }>(
      'GET',
      '/api/campaigns?from=2026-11-01&to=2026-11-30',
      operator,
    );
    expect(list.body.items.find((c) => c.id === id)?.effect).toMatchObject({ before: 5, after: 2 });
    expect(
      (await call<{ items: unknown[] }>('GET', '/api/campaigns?from=2026-12-20&to=2026-12-31', operator)).body.items,
    ).toEqual([]);
  });

  it('reach per municipality by hand and from a file, bad rows reported by line; a page task is closed with a link', async () => {
    const byHand = await call<CampaignDetail>('POST', `/api/campaigns/${id}/reach`, media, {
      items: [{ municipalityCode: 'uglich', channel: 'Госпаблики', reach: 1200, recordedOn: '2026-11-05' }],
    });
    expect(byHand.status).toBe(200);
    const csv =
      'Муниципалитет;Канал;Охват;Дата\nРыбинск;ВКонтакте;3 400;06.11.2026\nАтлантида;VK;10;06.11.2026\nУглич;VK;много;06.11.2026\n';
    const imported = await call<ImportResult>('POST', `/api/campaigns/${id}/reach/import`, media, {
      fileName: 'охват.csv',
      contentBase64: Buffer.from(csv).toString('base64'),
    });
    expect(imported.body).toEqual({
      imported: 1,
      updated: 0,
      failed: [
        { line: 3, message: 'муниципалитета «Атлантида» нет в справочнике' },
        { line: 4, message: 'Охват: не число «много»' },
      ],
    });
    const detail = (await call<CampaignDetail>('GET', `/api/campaigns/${id}`, operator)).body;
    expect(detail.effect.rows.map((r) => [r.municipalityCode, r.reach])).toEqual([
      ['rybinsk', 3400],
      ['uglich', 1200],
    ]);
    expect(detail.reach).toBe(3400 + 1200 + 2);

    const org = await services.database.db.selectFrom('organisations').select('id').executeTakeFirstOrThrow();
    const page = await services.database.db
      .insertInto('official_pages')
      .values({
        organisation_id: org.id,
        network: 'ok',
        url: 'https://ok.ru/group/uglich-admin',
        title: 'Администрация Углича',
        owner_name: 'Петрова',
        category: 'active',
        posting_norm: 5,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const second = (
      await call<CampaignDetail>(
        'POST',
        '/api/campaigns',
        media,
        input({ title: 'Ямы: Углич', channels: [{ kind: 'page_task', pageId: page.id }] }),
      )
    ).body;
    await call('POST', `/api/campaigns/${second.id}/submit`, media);
    await call('POST', `/api/campaigns/${second.id}/approve`, head, {});
    const tasks = (await call<CampaignDetail>('POST', `/api/campaigns/${second.id}/publish`, media)).body.publications;
    expect(tasks).toMatchObject([
      { channelKind: 'page_task', status: 'task_open', pageTitle: 'Администрация Углича', pageOwner: 'Петрова' },
    ]);
    const done = await call<CampaignDetail>('POST', `/api/campaigns/publications/${tasks[0]?.id ?? ''}/done`, media, {
      url: 'https://ok.ru/group/uglich-admin/topic/1',
    });
    expect(done.body.publications).toMatchObject([
      { status: 'task_done', url: 'https://ok.ru/group/uglich-admin/topic/1', doneBy: 'Тест media_officer' },
    ]);
    expect(
      (await call('POST', `/api/campaigns/publications/${tasks[0]?.id ?? ''}/done`, media, { url: 'https://ok.ru/x' }))
        .status,
    ).toBe(409);
  });

  it('media interactions name the campaign and show on it; the media officer still cannot touch cases', async () => {
    const outlet = await call<{ id: number }>('POST', '/api/media', media, {
      kind: 'outlet',
      name: 'Угличская газета',
    });
    const noted = await call('POST', `/api/media/${outlet.body.id}/interactions`, media, {
      kind: 'publication',
      happenedOn: '2026-11-03',
      topic: 'Статья о ямочном ремонте',
      url: 'https://example.ru/1',
      campaignId: id,
    });
    expect(noted.status).toBe(200);
    expect(
      (
        await call('POST', `/api/media/${outlet.body.id}/interactions`, media, {
          kind: 'comment',
          happenedOn: '2026-11-03',
          topic: 'Комментарий',
          campaignId: 999999,
        })
      ).status,
    ).toBe(400);
    const detail = (await call<CampaignDetail>('GET', `/api/campaigns/${id}`, operator)).body;
    expect(detail.interactions).toMatchObject([
      { contactName: 'Угличская газета', kind: 'publication', campaignId: id },
    ]);
    const take = await call('POST', `/api/cases/${caseId}/transitions`, media, { action: 'take' });
    expect(take.status).toBe(403);
    const answer = await call('POST', `/api/cases/${caseId}/answers`, media, {
      kind: 'final',
      body: 'Яму заделали, проверьте, пожалуйста',
    });
    expect(answer.status).toBe(403);
  });
});
