import { sql } from 'kysely';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProjectDetail } from '../../../shared/api/projects';
import { buildApp } from '../../http/app';
import { createTestServices, makeUser, type TestServices } from '../../test/test-services';
import { insertFixture, sessionCookie } from '../reports/test-fixture';
import { samplePassport } from './test-passport';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let services: TestServices;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};
let municipalityId: number;

async function person(name: string, role: Parameters<typeof makeUser>[1], block: string | null = null): Promise<void> {
  const user = await makeUser(services, role);
  await services.database.db
    .updateTable('users')
    .set({ block_code: block, full_name: name })
    .where('id', '=', user.userId)
    .execute();
  cookies[name] = await sessionCookie(services, user.userId);
  ids[name] = user.userId;
}

function call(
  who: string,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: object,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url: `/api${url}`,
    headers: { cookie: cookies[who] ?? '' },
    ...(payload ? { payload } : {}),
  });
}
async function ok<T = ProjectDetail>(res: Promise<LightMyRequestResponse>): Promise<T> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
  return r.json<T>();
}
async function notificationsOf(who: string): Promise<string[]> {
  const rows = await services.database.db
    .selectFrom('notifications')
    .select('title')
    .where('user_id', '=', ids[who] ?? 0)
    .where('kind', '=', 'po_document')
    .execute();
  return rows.map((r) => r.title);
}

beforeAll(async () => {
  services = await createTestServices({ now: '2026-11-23T12:00:00+03:00' });
  app = await buildApp(services);
  const muni = await services.database.db
    .selectFrom('municipalities')
    .select('id')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  municipalityId = muni.id;
  const cases = await insertFixture(services.database.db, [
    {
      org: 'Департамент ЖКХ',
      createdAt: '2026-03-02T10:00:00+03:00',
      finalAnswerAt: '2026-03-05T10:00:00+03:00',
      finalDueAt: '2026-03-10T18:00:00+03:00',
    },
    {
      org: 'Департамент ЖКХ',
      createdAt: '2026-03-03T10:00:00+03:00',
      finalAnswerAt: '2026-03-20T10:00:00+03:00',
      finalDueAt: '2026-03-15T18:00:00+03:00',
    },
    {
      org: 'Департамент ЖКХ',
      createdAt: '2026-03-04T10:00:00+03:00',
      category: 'water',
      finalDueAt: '2026-05-15T18:00:00+03:00',
    },
    {
      org: 'Администрация Углича',
      createdAt: '2026-04-01T10:00:00+03:00',
      finalAnswerAt: '2026-04-02T10:00:00+03:00',
      finalDueAt: '2026-04-10T18:00:00+03:00',
    },
  ]);
  await services.database.db
    .updateTable('cases')
    .set({ municipality_id: municipalityId })
    .where('id', 'in', cases.slice(0, 3))
    .execute();
  await person('Владелец ЖКХ', 'block_owner', 'zhkh');
  await person('Владелец ТКО', 'block_owner', 'tko');
  await person('Руководитель', 'head');
  await person('Куратор', 'curator');
  await person('Аудитор', 'auditor');
  await person('Исполнитель', 'executor');
});
afterAll(async () => {
  await app.close();
  await services.close();
});

describe('project passport: block owner drafts → head agrees → curator approves, with returns', () => {
  let id: number;

  it('only the block’s owner creates a project; bad input is refused and nothing is created', async () => {
    expect((await call('Исполнитель', 'GET', '/projects')).statusCode).toBe(403);
    expect((await ok<{ createInBlock: string | null }>(call('Аудитор', 'GET', '/projects'))).createInBlock).toBeNull();
    expect((await ok<{ createInBlock: string | null }>(call('Владелец ЖКХ', 'GET', '/projects'))).createInBlock).toBe(
      'zhkh',
    );
    const body = { blockCode: 'zhkh', kind: 'project', passport: samplePassport('Тёплый дом', municipalityId) };
    for (const who of ['Владелец ТКО', 'Руководитель', 'Куратор'])
      expect((await call(who, 'POST', '/projects', body)).statusCode, who).toBe(403);
    const bad = await call('Владелец ЖКХ', 'POST', '/projects', { ...body, passport: { ...body.passport, goals: [] } });
    expect(bad.statusCode).toBe(400);
    const badDate = await call('Владелец ЖКХ', 'POST', '/projects', {
      ...body,
      passport: { ...body.passport, controlPoints: [{ title: 'x', date: '15.04.2026' }] },
    });
    expect(JSON.stringify(badDate.json().error)).toMatch(/ГГГГ-ММ-ДД/);
    expect((await ok<{ items: unknown[] }>(call('Аудитор', 'GET', '/projects'))).items).toHaveLength(0);
    const created = await ok(call('Владелец ЖКХ', 'POST', '/projects', body));
    id = created.project.id;
    expect(created.project).toMatchObject({
      blockCode: 'zhkh',
      blockName: 'ЖКХ',
      title: 'Тёплый дом',
      status: 'draft',
      approvedVersion: null,
    });
    expect(created.document.allowed).toEqual(['edit', 'submit']);
    expect((await ok(call('Руководитель', 'GET', `/projects/${id}`))).document.allowed).toEqual([]);
  });

  it('each step belongs to one role; a return needs a comment and goes back to the drafter', async () => {
    expect((await call('Руководитель', 'POST', `/projects/${id}/passport/agree`, {})).statusCode).toBe(409);
    expect((await call('Владелец ТКО', 'POST', `/projects/${id}/passport/submit`, {})).statusCode).toBe(403);
    const sent = await ok(
      call('Владелец ЖКХ', 'POST', `/projects/${id}/passport/submit`, { comment: 'Прошу согласовать' }),
    );
    expect(sent.project.status).toBe('agreement');
    // Monday 23.11.2026 + 5 working days: the end of the working day on Monday 30.11.2026
    expect(sent.document.stepDueAt).toBe(new Date('2026-11-30T18:00:00+03:00').toISOString());
    expect(await notificationsOf('Руководитель')).toEqual(['Паспорт проекта «Тёплый дом»: направлен']);
    expect((await call('Куратор', 'POST', `/projects/${id}/passport/approve`, {})).statusCode).toBe(409);
    expect((await call('Куратор', 'POST', `/projects/${id}/passport/agree`, {})).statusCode).toBe(403);
    expect(
      (await call('Владелец ЖКХ', 'PUT', `/projects/${id}/passport`, { passport: samplePassport() })).statusCode,
    ).toBe(409);
    expect((await call('Руководитель', 'POST', `/projects/${id}/passport/return`, { comment: ' ' })).statusCode).toBe(
      400,
    );
    const back = await ok(
      call('Руководитель', 'POST', `/projects/${id}/passport/return`, { comment: 'Добавьте контрольную точку' }),
    );
    expect(back.project.status).toBe('draft');
    expect(back.document.stepDueAt).toBeNull();
    expect(await notificationsOf('Владелец ЖКХ')).toEqual(['Паспорт проекта «Тёплый дом»: возвращён на доработку']);
  });

  it('the curator may also return; approval stores an immutable version with its SHA-256', async () => {
    const p = samplePassport('Тёплый дом', municipalityId);
    p.controlPoints.push({ title: 'Отчёт о пуске', date: '2026-12-15' });
    await ok(call('Владелец ЖКХ', 'PUT', `/projects/${id}/passport`, { passport: p, comment: 'Добавлена точка' }));
    await ok(call('Владелец ЖКХ', 'POST', `/projects/${id}/passport/submit`, {}));
    const agreed = await ok(call('Руководитель', 'POST', `/projects/${id}/passport/agree`, {}));
    expect(agreed.project.status).toBe('approval');
    expect(await notificationsOf('Куратор')).toEqual(['Паспорт проекта «Тёплый дом»: согласован']);
    expect((await call('Руководитель', 'POST', `/projects/${id}/passport/approve`, {})).statusCode).toBe(403);
    await ok(call('Куратор', 'POST', `/projects/${id}/passport/return`, { comment: 'Уточните критерии' }));
    await ok(call('Владелец ЖКХ', 'POST', `/projects/${id}/passport/submit`, {}));
    await ok(call('Руководитель', 'POST', `/projects/${id}/passport/agree`, {}));
    const approved = await ok(call('Куратор', 'POST', `/projects/${id}/passport/approve`, { comment: 'Утверждаю' }));
    expect(approved.project).toMatchObject({ status: 'approved', approvedVersion: 1 });
    expect(approved.approvedPassport?.controlPoints).toHaveLength(3);
    expect(approved.document.versions).toEqual([
      expect.objectContaining({ version: 1, approvedBy: 'Куратор', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
    expect(approved.document.steps.map((s) => [s.action, s.actor, s.comment])).toEqual([
      ['create', 'Владелец ЖКХ', ''],
      ['submit', 'Владелец ЖКХ', 'Прошу согласовать'],
      ['return', 'Руководитель', 'Добавьте контрольную точку'],
      ['edit', 'Владелец ЖКХ', 'Добавлена точка'],
      ['submit', 'Владелец ЖКХ', ''],
      ['agree', 'Руководитель', ''],
      ['return', 'Куратор', 'Уточните критерии'],
      ['submit', 'Владелец ЖКХ', ''],
      ['agree', 'Руководитель', ''],
      ['approve', 'Куратор', 'Утверждаю'],
    ]);
    // the approved version is an official document: registered with a number, PDF and DOCX, sealed into the chain
    const registered = await services.database.db
      .selectFrom('official_documents')
      .select(['kind', 'number', 'entity_id', 'pdf_sha256', 'docx_sha256', 'payload'])
      .where('kind', '=', 'project_passport')
      .execute();
    expect(registered).toEqual([
      expect.objectContaining({
        number: 'ПАС-2026/1',
        pdf_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        docx_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        payload: expect.objectContaining({ version: 1, contentSha256: approved.document.versions[0]!.sha256 }),
      }),
    ]);
    await expect(sql`update po_document_versions set sha256 = 'x'`.execute(services.database.db)).rejects.toThrow(
      /неизменна/,
    );
    await expect(sql`delete from po_document_versions`.execute(services.database.db)).rejects.toThrow(/неизменна/);
  });

  it('editing an approved passport starts a new draft; the approved version stays the baseline', async () => {
    const edited = await ok(
      call('Владелец ЖКХ', 'PUT', `/projects/${id}/passport`, {
        passport: { ...samplePassport('Тёплый дом — 2'), indicators: [] },
      }),
    );
    expect(edited.project).toMatchObject({ status: 'draft', approvedVersion: 1, title: 'Тёплый дом — 2' });
    expect(edited.approvedPassport?.name).toBe('Тёплый дом');
    expect(
      (await ok<{ indicators: unknown[] }>(call('Аудитор', 'GET', `/projects/${id}/progress?year=2026`))).indicators,
    ).toHaveLength(3);
  });

  it('plan vs fact by month: computed indicators from the platform, hand facts with who and when', async () => {
    type P = {
      year: number;
      indicators: {
        code: string;
        computed: boolean;
        yearPlan: number | null;
        months: {
          month: number;
          plan: number | null;
          fact: number | null;
          deviation: number | null;
          source: string;
          enteredBy: string | null;
        }[];
      }[];
    };
    const progress = await ok<P>(call('Аудитор', 'GET', `/projects/${id}/progress?year=2026`));
    const onTime = progress.indicators.find((i) => i.code === 'on_time');
    expect(onTime?.yearPlan).toBe(95);
    expect(onTime?.months[2]).toMatchObject({ month: 3, plan: 90, fact: 50, deviation: -40, source: 'computed' });
    expect(onTime?.months[3]).toMatchObject({ month: 4, plan: 90, fact: 100, deviation: 10 });
    expect(onTime?.months[4]).toMatchObject({ month: 5, plan: null, fact: 0 });
    expect(onTime?.months[11]).toMatchObject({ month: 12, fact: null, source: 'none' });
    const heating = progress.indicators.find((i) => i.code === 'heating_cases');
    expect(heating?.months[2]).toMatchObject({ plan: 1, fact: 2, deviation: -1 });
    expect(heating?.months[3]).toMatchObject({ fact: 0 });
    expect(
      (
        await call('Аудитор', 'POST', `/projects/${id}/facts`, {
          indicatorCode: 'boilers',
          year: 2026,
          month: 6,
          value: 2,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call('Руководитель', 'POST', `/projects/${id}/facts`, {
          indicatorCode: 'on_time',
          year: 2026,
          month: 6,
          value: 2,
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await call('Руководитель', 'POST', `/projects/${id}/facts`, {
          indicatorCode: 'boilers',
          year: 2026,
          month: 12,
          value: 2,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await call('Руководитель', 'POST', `/projects/${id}/facts`, {
          indicatorCode: 'nope',
          year: 2026,
          month: 6,
          value: 2,
        })
      ).statusCode,
    ).toBe(400);
    await ok<P>(
      call('Владелец ЖКХ', 'POST', `/projects/${id}/facts`, {
        indicatorCode: 'boilers',
        year: 2026,
        month: 6,
        value: 2,
      }),
    );
    const after = await ok<P>(
      call('Руководитель', 'POST', `/projects/${id}/facts`, {
        indicatorCode: 'boilers',
        year: 2026,
        month: 6,
        value: 4,
        comment: 'уточнено',
      }),
    );
    expect(after.indicators.find((i) => i.code === 'boilers')?.months[5]).toMatchObject({
      plan: 3,
      fact: 4,
      deviation: 1,
      source: 'manual',
      enteredBy: 'Руководитель',
    });
    const kept = await services.database.db
      .selectFrom('project_indicator_facts')
      .select(['value', 'author_label'])
      .orderBy('id')
      .execute();
    expect(kept).toEqual([
      { value: 2, author_label: 'Владелец ЖКХ' },
      { value: 4, author_label: 'Руководитель' },
    ]);
  });
});
