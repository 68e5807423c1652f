// The administration of settings over HTTP: organisations, routing rules, deadline policies, monitoring keyword sets,
// workload norms and the state of the channels. Each change takes effect for new cases and is journalled with who
// and when; bad input gets a Russian 400 and changes nothing; other roles get 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../auth/users';
import { receiveMessage } from '../intake/receive-message';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { startTestApp, type TestApp } from '../../test/test-app';
import { recordChannelRun } from '../channels/channel-health';

let t: TestApp;
let admin = '';
let operator = '';
const PASSWORD = 'Пароль-админа-2026';

async function signIn(login: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password: PASSWORD } });
  expect(res.statusCode, res.body).toBe(200);
  return `otklik_session=${res.cookies.find((c) => c.name === 'otklik_session')?.value}`;
}
const call = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie, 'x-otklik-request': '1' }, ...(payload ? { payload } : {}) });
const journal = async (entity: string) =>
  (await call(admin, 'GET', `/api/admin/changes?entity=${entity}`)).json<{
    items: { actor: string; action: string; key: string; details: Record<string, unknown> }[];
  }>().items;
const newCase = async (externalId: string, text: string) => {
  const r = await receiveMessage(rootContext(t.services, SYSTEM_ACTOR), { channel: 'web', externalId, text });
  return t.services.database.db
    .selectFrom('cases')
    .select(['organisation_id', 'block_code', 'category_code', 'final_answer_due_at', 'created_at'])
    .where('id', '=', r.result.caseId)
    .executeTakeFirstOrThrow();
};

beforeAll(async () => {
  t = await startTestApp({ analyzer: createTestAnalyzer() });
  const ctx = rootContext(t.services, SYSTEM_ACTOR);
  await addUser(ctx, { login: 'settings_admin', password: PASSWORD, role: 'admin', fullName: 'Админ Настроек' });
  await addUser(ctx, { login: 'settings_op', password: PASSWORD, role: 'operator' });
  admin = await signIn('settings_admin');
  operator = await signIn('settings_op');
});
afterAll(async () => {
  await t.close();
});

describe('administration of settings', () => {
  it('organisations: created, renamed, deactivated and brought back, journalled; bad input 400; operators 403', async () => {
    expect((await call(operator, 'GET', '/api/admin/organisations')).statusCode).toBe(403);
    const bad = await call(admin, 'POST', '/api/admin/organisations', { name: 'Оо', kind: 'other' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/[а-я]/);
    expect(
      (
        await call(admin, 'POST', '/api/admin/organisations', {
          name: 'МУП «Водоканал Мышкина»',
          kind: 'utility',
          municipality: 'нет-такого',
        })
      ).json().error.message,
    ).toMatch(/Неизвестный муниципалитет/);
    const created = await call(admin, 'POST', '/api/admin/organisations', {
      name: 'МУП «Водоканал Мышкина»',
      kind: 'utility',
      municipality: 'myshkin',
    });
    expect(created.statusCode, created.body).toBe(201);
    const org = created.json<{ id: number; active: boolean; municipality: string }>();
    expect(org).toMatchObject({ active: true, municipality: 'myshkin' });
    expect(
      (await call(admin, 'POST', '/api/admin/organisations', { name: 'МУП «Водоканал Мышкина»', kind: 'utility' }))
        .statusCode,
    ).toBe(409);
    const renamed = await call(admin, 'PATCH', `/api/admin/organisations/${org.id}`, {
      name: 'МУП «Водоканал г. Мышкин»',
    });
    expect(renamed.json()).toMatchObject({ name: 'МУП «Водоканал г. Мышкин»' });
    expect((await call(admin, 'PATCH', `/api/admin/organisations/${org.id}`, { active: false })).json()).toMatchObject({
      active: false,
    });
    const reference = await call(admin, 'GET', '/api/reference');
    expect(reference.json<{ organisations: { id: number }[] }>().organisations.map((o) => o.id)).not.toContain(org.id);
    expect((await call(admin, 'PATCH', `/api/admin/organisations/${org.id}`, { active: true })).json()).toMatchObject({
      active: true,
    });
    expect((await call(admin, 'PATCH', '/api/admin/organisations/999999', { active: true })).statusCode).toBe(404);
    expect((await journal('organisation')).slice(0, 4).map((c) => c.action)).toEqual([
      'activated',
      'deactivated',
      'changed',
      'created',
    ]);
    expect((await journal('organisation'))[0]?.actor).toMatch(/settings_admin|Админ Настроек/);
  });

  it('routing rules: a new rule routes new cases at once; removing it restores the old routing; journalled', async () => {
    const before = await newCase('route-1', 'В Угличе огромная яма на дороге у дома 5');
    expect(before.block_code).toBe('roads');
    const target = (
      await call(admin, 'POST', '/api/admin/organisations', {
        name: 'ГКУ «Дорожный контроль Углича»',
        kind: 'regional_body',
      })
    ).json<{ id: number }>();
    expect(
      (
        await call(admin, 'POST', '/api/admin/routing-rules', {
          block: 'нет',
          category: null,
          municipality: null,
          target: 'organisation',
          organisationId: target.id,
        })
      ).json().error.message,
    ).toMatch(/Неизвестный блок/);
    expect(
      (
        await call(admin, 'POST', '/api/admin/routing-rules', {
          block: 'roads',
          category: null,
          municipality: 'uglich',
          target: 'organisation',
          organisationId: null,
        })
      ).statusCode,
    ).toBe(400);
    const rule = await call(admin, 'POST', '/api/admin/routing-rules', {
      block: 'roads',
      category: null,
      municipality: 'uglich',
      target: 'organisation',
      organisationId: target.id,
      note: 'проверка',
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const { id } = rule.json<{ id: number }>();
    const list = (await call(admin, 'GET', '/api/admin/routing-rules')).json<{
      items: { id: number; organisation: string | null }[];
    }>().items;
    expect(list.find((r) => r.id === id)?.organisation).toBe('ГКУ «Дорожный контроль Углича»');
    // the most specific rule wins: block + municipality beats the block's own rule
    expect((await newCase('route-2', 'В Угличе опасная яма на дороге у школы')).organisation_id).toBe(target.id);
    expect((await call(admin, 'DELETE', `/api/admin/routing-rules/${id}`)).statusCode).toBe(200);
    expect((await newCase('route-3', 'В Угличе глубокая яма на дороге у рынка')).organisation_id).toBe(
      before.organisation_id,
    );
    expect((await call(admin, 'DELETE', `/api/admin/routing-rules/${id}`)).statusCode).toBe(404);
    expect((await journal('routing_rule')).map((c) => c.action).slice(0, 2)).toEqual(['removed', 'created']);
  });

  it('deadline policies: changed terms apply to new cases; a duplicate is a conflict; journalled', async () => {
    const policies = (await call(admin, 'GET', '/api/admin/deadline-policies')).json<{
      items: { id: number; channel: string | null; block: string | null; category: string | null }[];
    }>().items;
    const web = policies.find((p) => p.channel === 'web' && p.block === null && p.category === null);
    expect(web).toBeDefined();
    const bad = await call(admin, 'PUT', `/api/admin/deadline-policies/${web?.id}`, {
      channel: 'web',
      block: null,
      category: null,
      firstResponse: { amount: 0, unit: 'working_days' },
      finalAnswer: { amount: 3, unit: 'parsecs' },
    });
    expect(bad.statusCode).toBe(400);
    const changed = await call(admin, 'PUT', `/api/admin/deadline-policies/${web?.id}`, {
      channel: 'web',
      block: null,
      category: null,
      firstResponse: { amount: 1, unit: 'calendar_days' },
      finalAnswer: { amount: 20, unit: 'calendar_days' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const c = await newCase('deadline-1', 'В Рыбинске не вывозят мусор с площадки на улице Ломоносова');
    const days = ((c.final_answer_due_at?.getTime() ?? 0) - c.created_at.getTime()) / 86_400_000;
    expect(days, 'the final answer is due at the end of the 20th calendar day').toBeGreaterThanOrEqual(20);
    expect(days).toBeLessThan(21.5);
    const dup = await call(admin, 'POST', '/api/admin/deadline-policies', {
      channel: 'web',
      block: null,
      category: null,
      firstResponse: { amount: 1, unit: 'working_days' },
      finalAnswer: { amount: 5, unit: 'working_days' },
    });
    expect(dup.statusCode).toBe(409);
    const added = await call(admin, 'POST', '/api/admin/deadline-policies', {
      channel: 'web',
      block: 'roads',
      category: null,
      firstResponse: { amount: 4, unit: 'working_hours' },
      finalAnswer: { amount: 5, unit: 'working_days' },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(
      (await call(admin, 'DELETE', `/api/admin/deadline-policies/${added.json<{ id: number }>().id}`)).statusCode,
    ).toBe(200);
    expect((await journal('deadline_policy')).map((j) => j.action).slice(0, 3)).toEqual([
      'removed',
      'created',
      'changed',
    ]);
  });

  it('keyword sets and workload norms: listed for every block, saved, journalled with what changed', async () => {
    const sets = (await call(admin, 'GET', '/api/admin/keyword-sets')).json<{
      items: { block: string; keywords: string[] }[];
    }>().items;
    const roads = sets.find((s) => s.block === 'roads');
    expect(roads?.keywords.length).toBeGreaterThan(0);
    expect(
      (await call(admin, 'PUT', '/api/admin/keyword-sets/roads', { keywords: ['я'], active: true })).statusCode,
    ).toBe(400);
    expect(
      (await call(admin, 'PUT', '/api/admin/keyword-sets/nope', { keywords: ['яма'], active: true })).statusCode,
    ).toBe(400);
    const saved = await call(admin, 'PUT', '/api/admin/keyword-sets/roads', {
      keywords: [...(roads?.keywords ?? []), 'Выбоины у переезда'],
      active: true,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<{ keywords: string[] }>().keywords).toContain('выбоины у переезда');
    expect((await journal('keyword_set'))[0]?.details).toMatchObject({ added: ['выбоины у переезда'], removed: [] });

    const norms = (await call(admin, 'GET', '/api/admin/workload-norms')).json<{
      items: { block: string; minutesPerMessage: number | null }[];
    }>().items;
    expect(norms.find((n) => n.block === 'roads')?.minutesPerMessage).toBeNull();
    expect(
      (
        await call(admin, 'PUT', '/api/admin/workload-norms/roads', {
          minutesPerMessage: 10,
          minutesPerAnswer: 20,
          hoursPerStaffMonth: 0,
        })
      ).statusCode,
    ).toBe(400);
    const put = await call(admin, 'PUT', '/api/admin/workload-norms/roads', {
      minutesPerMessage: 10,
      minutesPerAnswer: 20,
      hoursPerStaffMonth: 160,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(
      put
        .json<{ items: { block: string; minutesPerMessage: number | null; updatedBy: string | null }[] }>()
        .items.find((n) => n.block === 'roads'),
    ).toMatchObject({ minutesPerMessage: 10, updatedBy: 'settings_admin' });
    expect((await journal('workload_norms'))[0]).toMatchObject({
      key: 'roads',
      details: { from: null, to: { minutesPerMessage: 10 } },
    });
  });

  it('channels: configured or not, the last message, the last run and the last error of each', async () => {
    const at = t.services.clock.now();
    await recordChannelRun(t.services.database.db, 'email', at);
    await recordChannelRun(
      t.services.database.db,
      'email',
      new Date(at.getTime() + 1000),
      new Error('IMAP: соединение отклонено'),
    );
    const res = await call(admin, 'GET', '/api/admin/channels');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{
      items: {
        adapter: string;
        configured: boolean;
        lastMessageAt: string | null;
        lastRunAt: string | null;
        lastError: string | null;
      }[];
    }>().items;
    expect(items.map((i) => i.adapter)).toEqual(['email', 'telegram', 'vk', 'open311', 'widget', 'monitoring']);
    expect(items.find((i) => i.adapter === 'email')).toMatchObject({
      configured: false,
      lastRunAt: at.toISOString(),
      lastError: 'IMAP: соединение отклонено',
    });
    expect(items.find((i) => i.adapter === 'widget')?.lastMessageAt).not.toBeNull();
    expect((await call(operator, 'GET', '/api/admin/channels')).statusCode).toBe(403);
  });
});
