import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../import-export/import-file';
import { addUser } from '../auth/users';
import { receiveMessage } from '../intake/receive-message';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { startTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
const PASSWORD = 'Пароль-админа-2026';

beforeAll(async () => {
  t = await startTestApp({ analyzer: createTestAnalyzer() });
  await addUser(rootContext(t.services, SYSTEM_ACTOR), {
    login: 'chief',
    password: PASSWORD,
    role: 'admin',
    fullName: 'Админ Главный',
  });
});
afterAll(async () => {
  await t.close();
});

async function signIn(login: string, password: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
  expect(res.statusCode, res.body).toBe(200);
  return `otklik_session=${res.cookies.find((c) => c.name === 'otklik_session')?.value}`;
}
const call = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie, 'x-otklik-request': '1' }, ...(payload ? { payload } : {}) });

describe('administration', () => {
  it('creates an executor who sees only their organisation; a change ends their sessions; deactivation locks them out; all journaled', async () => {
    const admin = await signIn('chief', PASSWORD);
    const ctx = rootContext(t.services, SYSTEM_ACTOR);
    const roads = await receiveMessage(ctx, {
      channel: 'web',
      externalId: 'adm-1',
      text: 'В Угличе огромная яма на дороге',
    });
    await receiveMessage(ctx, { channel: 'web', externalId: 'adm-2', text: 'В Рыбинске не вывозят мусор с площадки' });
    const orgId = (
      await t.services.database.db
        .selectFrom('cases')
        .select('organisation_id')
        .where('id', '=', roads.result.caseId)
        .executeTakeFirstOrThrow()
    ).organisation_id;
    expect(orgId).not.toBeNull();

    const created = await call(admin, 'POST', '/api/admin/users', {
      login: 'isp1',
      fullName: 'Исполнитель Первый',
      password: 'Пароль-исполнителя-1',
      role: 'executor',
      organisationId: orgId,
    });
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json<{ id: number; organisationId: number }>();
    expect(user.organisationId).toBe(orgId);
    expect(
      (
        await call(admin, 'POST', '/api/admin/users', {
          login: 'isp1',
          fullName: 'Ещё',
          password: 'Пароль-исполнителя-1',
          role: 'operator',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await call(admin, 'POST', '/api/admin/users', {
          login: 'nb',
          fullName: 'Без блока',
          password: 'Пароль-исполнителя-1',
          role: 'block_owner',
          block: 'nope',
        })
      ).statusCode,
    ).toBe(400);

    const executor = await signIn('isp1', 'Пароль-исполнителя-1');
    const list = await call(executor, 'GET', '/api/cases');
    const items = list.json<{ items: { organisationId?: number | null; id: string }[] }>().items;
    expect(items.map((c) => c.id)).toContain(roads.result.caseId);
    expect(items).toHaveLength(1);

    const renamed = await call(admin, 'PATCH', `/api/admin/users/${user.id}`, {
      fullName: 'Исполнитель Переименованный',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await call(executor, 'GET', '/api/cases')).statusCode, 'a changed user signs in again').toBe(401);

    const again = await signIn('isp1', 'Пароль-исполнителя-1');
    const reset = await call(admin, 'POST', `/api/admin/users/${user.id}/password`, {
      password: 'Совсем-новый-пароль-7',
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await call(again, 'GET', '/api/cases')).statusCode).toBe(401);
    const fresh = await signIn('isp1', 'Совсем-новый-пароль-7');
    expect((await call(admin, 'POST', '/api/users/isp1/deactivate')).statusCode).toBe(200);
    expect((await call(fresh, 'GET', '/api/cases')).statusCode, 'deactivation ends the session at once').toBe(401);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'isp1', password: 'Совсем-новый-пароль-7' },
    });
    expect(refused.statusCode).toBe(401);
    const users = (await call(admin, 'GET', '/api/admin/users')).json<{ items: { login: string; active: boolean }[] }>()
      .items;
    expect(users.find((u) => u.login === 'isp1')?.active).toBe(false);

    const journal = (await call(admin, 'GET', '/api/admin/changes?entity=user')).json<{
      items: { actor: string; key: string; action: string }[];
    }>().items;
    expect(journal.filter((c) => c.key === 'isp1').map((c) => [c.action, c.actor])).toEqual([
      ['deactivated', 'Админ Главный'],
      ['password_reset', 'Админ Главный'],
      ['changed', 'Админ Главный'],
      ['saved', 'Админ Главный'],
    ]);
  });

  it('a revoked token is refused with 401 from the next request; creation and revocation are journaled', async () => {
    const admin = await signIn('chief', PASSWORD);
    const created = await call(admin, 'POST', '/api/tokens', { name: 'Портал', scopes: ['messages:web'] });
    const { id, token } = created.json<{ id: number; token: string }>();
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/messages',
        headers: { authorization: `Bearer ${token}` },
        payload: { channel: 'web', externalId: `tok-${Math.random()}`, text: 'В Угличе яма' },
      });
    expect((await send()).statusCode).toBeLessThan(300);
    const listed = (await call(admin, 'GET', '/api/tokens')).json<{ id: number; lastUsedAt: string | null }[]>();
    expect(listed.find((x) => x.id === id)?.lastUsedAt).not.toBeNull();
    expect((await call(admin, 'POST', `/api/tokens/${id}/revoke`)).statusCode).toBe(200);
    expect((await send()).statusCode).toBe(401);
    const journal = (await call(admin, 'GET', '/api/admin/changes?entity=token')).json<{
      items: { key: string; action: string }[];
    }>().items;
    expect(journal.filter((c) => c.key === String(id)).map((c) => c.action)).toEqual(['revoked', 'created']);
  });

  it('renames, moves and retires a category: old labels stay in the history, training examples follow a move', async () => {
    const admin = await signIn('chief', PASSWORD);
    const db = t.services.database.db;
    const categories = (await call(admin, 'GET', '/api/admin/categories')).json<{
      items: { id: number; block: string; code: string; name: string; isOther: boolean }[];
    }>().items;
    const pothole = categories.find((c) => c.block === 'roads' && !c.isOther)!;
    const other = categories.find((c) => c.isOther)!;
    await db
      .insertInto('training_examples')
      .values({ text: 'пример', block_code: pothole.block, category_code: pothole.code, source: 'operator' })
      .execute();

    const renamed = await call(admin, 'PATCH', `/api/admin/categories/${pothole.id}`, {
      name: 'Новое название категории',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json<{ versions: { name: string }[] }>().versions.map((v) => v.name)).toEqual([pothole.name]);
    const reference = (await call(admin, 'GET', '/api/reference')).json<{
      categories: { code: string; blockCode: string; name: string }[];
      categoryHistory: { code: string; name: string; validTo: string }[];
    }>();
    expect(reference.categories.find((c) => c.blockCode === 'roads' && c.code === pothole.code)?.name).toBe(
      'Новое название категории',
    );
    expect(reference.categoryHistory.find((v) => v.code === pothole.code)?.name).toBe(pothole.name);

    const moved = await call(admin, 'PATCH', `/api/admin/categories/${pothole.id}`, { block: 'zhkh' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<{ versions: { block: string; name: string }[] }>().versions).toHaveLength(2);
    const example = await db
      .selectFrom('training_examples')
      .select('block_code')
      .where('category_code', '=', pothole.code)
      .where('text', '=', 'пример')
      .executeTakeFirstOrThrow();
    expect(example.block_code).toBe('zhkh');

    expect((await call(admin, 'PATCH', `/api/admin/categories/${other.id}`, { active: false })).statusCode).toBe(409);
    expect((await call(admin, 'PATCH', `/api/admin/categories/${pothole.id}`, { block: 'nope' })).statusCode).toBe(400);
    expect((await call(admin, 'PATCH', `/api/admin/categories/${pothole.id}`, { active: false })).statusCode).toBe(200);
    const after = (await call(admin, 'GET', '/api/reference')).json<{ categories: { code: string }[] }>();
    expect(after.categories.some((c) => c.code === pothole.code)).toBe(false);
    const journal = (await call(admin, 'GET', '/api/admin/changes?entity=category')).json<{ items: unknown[] }>().items;
    expect(journal).toHaveLength(3);
  });

  it('lists organisation names of imports that matched nothing, and matches one by an alias', async () => {
    const admin = await signIn('chief', PASSWORD);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'otklik-held-'));
    try {
      const csv = path.join(dir, 'im.csv');
      writeFileSync(
        csv,
        'Номер инцидента;Дата создания;Исполнитель;Текст инцидента;Статус\nIM-1;01.11.2026 10:00;МУП Чистый Углич;Не убран снег;В работе\nIM-2;02.11.2026 10:00;МУП Чистый Углич;Снова снег;В работе\n',
      );
      expect(
        (await importFile(rootContext(t.services, SYSTEM_ACTOR), { file: csv, channel: 'social_vk' })).at(-1),
      ).toBe('imported 2, unchanged 0, failed 0');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const held = async () =>
      (await call(admin, 'GET', '/api/admin/held-organisations')).json<{
        items: { name: string; cases: number; matchedTo: number | null }[];
      }>().items;
    expect(await held()).toEqual([expect.objectContaining({ name: 'МУП Чистый Углич', cases: 2, matchedTo: null })]);
    const added = await call(admin, 'POST', '/api/reference/organisation-aliases', {
      alias: 'МУП Чистый Углич',
      organisationId: 1,
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(await held()).toEqual([expect.objectContaining({ name: 'МУП Чистый Углич', cases: 2, matchedTo: 1 })]);
  });
});
