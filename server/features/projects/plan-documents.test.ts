import { sql } from 'kysely';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PassportVersions, PlanDocumentDetail } from '../../../shared/api/po-plans';
import type { ProjectDetail } from '../../../shared/api/projects';
import { buildApp } from '../../http/app';
import { createTestServices, makeUser, type TestServices } from '../../test/test-services';
import { insertFixture, sessionCookie } from '../reports/test-fixture';
import { samplePassport } from './test-passport';

// Role by role through the decree's chains: the block owner drafts a progress report and a change request, the head
// agrees or returns, the curator approves or returns; the head forms a consolidated plan, the curator approves it.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let services: TestServices;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let projectId = 0;

async function person(name: string, role: Parameters<typeof makeUser>[1], block: string | null = null): Promise<void> {
  const user = await makeUser(services, role);
  await services.database.db
    .updateTable('users')
    .set({ block_code: block, full_name: name })
    .where('id', '=', user.userId)
    .execute();
  cookies[name] = await sessionCookie(services, user.userId);
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
async function ok<T = PlanDocumentDetail>(res: Promise<LightMyRequestResponse>): Promise<T> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
  return r.json<T>();
}
async function refused(res: Promise<LightMyRequestResponse>, status: number, message?: RegExp): Promise<void> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  // the message, or for a schema error its details by field
  if (message) expect(JSON.stringify(r.json<{ error: unknown }>().error)).toMatch(message);
}
const step = (who: string, id: number, action: string, comment = '') =>
  call(who, 'POST', `/plan-documents/${id}/${action}`, { comment });
const registered = (kind: string) =>
  services.database.db
    .selectFrom('official_documents')
    .select(['number', 'entity_id', 'pdf_sha256', 'docx_sha256'])
    .where('kind', '=', kind)
    .orderBy('id')
    .execute();

beforeAll(async () => {
  services = await createTestServices({ now: '2026-11-23T12:00:00+03:00' });
  app = await buildApp(services);
  const muni = await services.database.db
    .selectFrom('municipalities')
    .select('id')
    .orderBy('id')
    .executeTakeFirstOrThrow();
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
  ]);
  await services.database.db.updateTable('cases').set({ municipality_id: muni.id }).where('id', 'in', cases).execute();
  await person('Владелец ЖКХ', 'block_owner', 'zhkh');
  await person('Владелец ТКО', 'block_owner', 'tko');
  await person('Руководитель', 'head');
  await person('Куратор', 'curator');
  await person('Аудитор', 'auditor');
  await person('Исполнитель', 'executor');
  const created = await ok<ProjectDetail>(
    call('Владелец ЖКХ', 'POST', '/projects', { blockCode: 'zhkh', passport: samplePassport('Тёплый дом', muni.id) }),
  );
  projectId = created.project.id;
});
afterAll(async () => {
  await app.close();
  await services.close();
});

const cpInput = [
  { title: 'Проект котельной согласован', doneDate: '2026-03-25' },
  { title: 'Пуск котельной', atRisk: true, comment: 'задержка поставки' },
];
const subjects = [
  'Показатель «Доля ответов в срок»',
  'Показатель «Жалобы на отопление»',
  'Контрольная точка «Пуск котельной»',
];
const q1 = { period: { kind: 'quarter', year: 2026, number: 1 }, summary: 'Работы идут', controlPoints: cpInput };

describe('before the passport is approved', () => {
  it('neither a report nor a change request can be drafted', async () => {
    await refused(
      call('Владелец ЖКХ', 'POST', `/projects/${projectId}/progress-reports`, q1),
      409,
      /утверждённому паспорту/,
    );
    await refused(
      call('Владелец ЖКХ', 'POST', `/projects/${projectId}/change-requests`, {
        reason: 'Сдвиг',
        passport: samplePassport(),
      }),
      409,
      /утверждённому паспорту/,
    );
    for (const [who, action] of [
      ['Владелец ЖКХ', 'submit'],
      ['Руководитель', 'agree'],
      ['Куратор', 'approve'],
    ] as const) {
      await ok<ProjectDetail>(call(who, 'POST', `/projects/${projectId}/passport/${action}`, {}));
    }
    const lists = await ok<{ reports: unknown[]; canDraft: boolean; passportApproved: boolean }>(
      call('Владелец ЖКХ', 'GET', `/projects/${projectId}/plan-documents`),
    );
    expect(lists).toMatchObject({ reports: [], canDraft: true, passportApproved: true });
    expect(
      (await ok<{ canDraft: boolean }>(call('Руководитель', 'GET', `/projects/${projectId}/plan-documents`))).canDraft,
    ).toBe(false);
  });
});

describe('progress report: block owner drafts → head agrees → curator approves, with returns', () => {
  let id = 0;

  it('only the block’s owner drafts it; bad input is refused in Russian and nothing is created', async () => {
    await refused(call('Исполнитель', 'POST', `/projects/${projectId}/progress-reports`, q1), 403);
    for (const who of ['Владелец ТКО', 'Руководитель', 'Куратор', 'Аудитор'])
      await refused(call(who, 'POST', `/projects/${projectId}/progress-reports`, q1), 403);
    await refused(
      call('Владелец ЖКХ', 'POST', `/projects/${projectId}/progress-reports`, {
        ...q1,
        period: { kind: 'quarter', year: 2026, number: 5 },
      }),
      400,
    );
    await refused(
      call('Владелец ЖКХ', 'POST', `/projects/${projectId}/progress-reports`, {
        ...q1,
        period: { kind: 'month', year: 2027, number: 1 },
      }),
      400,
      /не начался/,
    );
    await refused(
      call('Владелец ЖКХ', 'POST', `/projects/${projectId}/progress-reports`, {
        ...q1,
        controlPoints: [{ title: 'Нет такой' }],
      }),
      400,
      /Нет такой/,
    );
    await refused(
      call('Владелец ЖКХ', 'POST', `/projects/${projectId}/progress-reports`, {
        ...q1,
        controlPoints: [{ title: 'Пуск котельной', doneDate: '2026-12-01' }],
      }),
      400,
      /не наступила/,
    );
    expect(
      (await ok<{ reports: unknown[] }>(call('Аудитор', 'GET', `/projects/${projectId}/plan-documents`))).reports,
    ).toEqual([]);
  });

  it('the server fills plan and fact from the passport and the platform; deviations need explanations before sending', async () => {
    const created = await ok(call('Владелец ЖКХ', 'POST', `/projects/${projectId}/progress-reports`, q1));
    id = created.document.id;
    expect(created.document).toMatchObject({
      type: 'progress_report',
      status: 'draft',
      title: 'Отчёт о ходе реализации «Тёплый дом» за 1 квартал 2026 года',
      allowed: ['edit', 'submit'],
    });
    const report = created.report?.content;
    expect(report?.indicators.find((i) => i.code === 'on_time')).toMatchObject({
      computed: true,
      plan: 90,
      fact: 50,
      deviation: -40,
      factMonth: 3,
    });
    expect(report?.indicators.find((i) => i.code === 'heating_cases')).toMatchObject({
      plan: 1,
      fact: 2,
      deviation: -1,
    });
    expect(report?.indicators.find((i) => i.code === 'boilers')).toMatchObject({
      plan: null,
      fact: null,
      deviation: null,
    });
    expect(report?.controlPoints.map((c) => [c.title, c.status, c.doneDate])).toEqual([
      ['Проект котельной согласован', 'done', '2026-03-25'],
      ['Пуск котельной', 'at_risk', null],
    ]);
    expect(report?.deviations.map((d) => d.subject)).toEqual(subjects);
    await refused(call('Владелец ЖКХ', 'POST', `/projects/${projectId}/progress-reports`, q1), 409, /уже есть/);
    await refused(step('Владелец ЖКХ', id, 'submit'), 400, /Объясните отклонение.*Доля ответов в срок/);
    await refused(step('Руководитель', id, 'agree'), 409);
  });

  it('returns go back to the drafter with a comment; approval registers the report with PDF and DOCX', async () => {
    const deviations = subjects.map((subject) => ({
      subject,
      explanation: 'Рост обращений',
      measures: 'Дополнительные операторы',
    }));
    await refused(call('Владелец ТКО', 'PUT', `/plan-documents/${id}`, { content: { ...q1, deviations } }), 403);
    await refused(
      call('Владелец ЖКХ', 'PUT', `/plan-documents/${id}`, { content: { ...q1, period: { kind: 'week' } } }),
      400,
    );
    await ok(
      call('Владелец ЖКХ', 'PUT', `/plan-documents/${id}`, {
        content: { ...q1, deviations },
        comment: 'Добавлены причины',
      }),
    );
    await refused(step('Владелец ТКО', id, 'submit'), 403);
    expect((await ok(step('Владелец ЖКХ', id, 'submit', 'Прошу согласовать'))).document.status).toBe('agreement');
    await refused(step('Куратор', id, 'approve'), 409);
    await refused(step('Руководитель', id, 'return', ' '), 400);
    expect((await ok(step('Руководитель', id, 'return', 'Уточните меры'))).document.status).toBe('draft');
    await ok(step('Владелец ЖКХ', id, 'submit'));
    expect((await ok(step('Руководитель', id, 'agree'))).document.status).toBe('approval');
    await refused(step('Руководитель', id, 'approve'), 403);
    await ok(step('Куратор', id, 'return', 'Нужен прогноз'));
    await ok(
      call('Владелец ЖКХ', 'PUT', `/plan-documents/${id}`, {
        content: { ...q1, deviations, summary: 'Прогноз: пуск в срок' },
      }),
    );
    await ok(step('Владелец ЖКХ', id, 'submit'));
    await ok(step('Руководитель', id, 'agree'));
    const approved = await ok(step('Куратор', id, 'approve', 'Утверждаю'));
    expect(approved.document).toMatchObject({ status: 'approved', allowed: [] });
    expect(approved.report?.approved?.summary).toBe('Прогноз: пуск в срок');
    expect(approved.document.steps.map((s) => [s.action, s.actor])).toEqual([
      ['create', 'Владелец ЖКХ'],
      ['edit', 'Владелец ЖКХ'],
      ['submit', 'Владелец ЖКХ'],
      ['return', 'Руководитель'],
      ['submit', 'Владелец ЖКХ'],
      ['agree', 'Руководитель'],
      ['return', 'Куратор'],
      ['edit', 'Владелец ЖКХ'],
      ['submit', 'Владелец ЖКХ'],
      ['agree', 'Руководитель'],
      ['approve', 'Куратор'],
    ]);
    expect(approved.registered).toEqual([expect.objectContaining({ version: 1, number: 'ОХ-2026/1' })]);
    expect(await registered('progress_report')).toEqual([
      expect.objectContaining({
        entity_id: `${id}/1`,
        pdf_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        docx_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    await expect(
      sql`update po_document_versions set content = '{}'::jsonb where document_id = ${id}`.execute(
        services.database.db,
      ),
    ).rejects.toThrow(/неизменна/);
  });
});

describe('change request: the passport’s chain; approval makes and registers the next passport version', () => {
  let id = 0;
  let stale = 0;

  it('only the block owner drafts it, with a reason and at least one change', async () => {
    const current = (await ok<ProjectDetail>(call('Аудитор', 'GET', `/projects/${projectId}`))).approvedPassport;
    if (!current) throw new Error('passport not approved');
    const next = {
      ...current,
      controlPoints: [current.controlPoints[0], { title: 'Пуск котельной', date: '2026-12-01' }],
      team: [...current.team, { name: 'Петров П. П.', role: 'Инженер', share: 30 }],
    };
    await refused(
      call('Руководитель', 'POST', `/projects/${projectId}/change-requests`, {
        reason: 'Сдвиг поставки',
        passport: next,
      }),
      403,
    );
    await refused(
      call('Владелец ТКО', 'POST', `/projects/${projectId}/change-requests`, {
        reason: 'Сдвиг поставки',
        passport: next,
      }),
      403,
    );
    await refused(
      call('Владелец ЖКХ', 'POST', `/projects/${projectId}/change-requests`, { reason: ' ', passport: next }),
      400,
    );
    await refused(
      call('Владелец ЖКХ', 'POST', `/projects/${projectId}/change-requests`, { reason: 'Ничего', passport: current }),
      400,
      /ничего не меняет/,
    );
    const created = await ok(
      call('Владелец ЖКХ', 'POST', `/projects/${projectId}/change-requests`, {
        reason: 'Сдвиг поставки',
        passport: next,
      }),
    );
    id = created.document.id;
    expect(created.changeRequest?.content).toMatchObject({ baseVersion: 1, reason: 'Сдвиг поставки' });
    expect(created.changeRequest?.content.changes).toEqual([
      {
        field: 'Контрольные точки',
        change: 'changed',
        item: 'Пуск котельной',
        before: '01.10.2026',
        after: '01.12.2026',
      },
      { field: 'Команда', change: 'added', item: 'Петров П. П.', before: null, after: 'Инженер, 30% рабочего времени' },
    ]);
    stale = (
      await ok(
        call('Владелец ЖКХ', 'POST', `/projects/${projectId}/change-requests`, {
          reason: 'Другое',
          passport: { ...current, risks: ['Новый риск'] },
        }),
      )
    ).document.id;
  });

  it('head returns, curator approves; the passport gets version 2, registered, with what changed', async () => {
    await ok(step('Владелец ЖКХ', id, 'submit'));
    await refused(step('Куратор', id, 'agree'), 403);
    await ok(step('Руководитель', id, 'return', 'Обоснуйте дату'));
    await ok(step('Владелец ЖКХ', id, 'submit', 'Поставщик подтвердил'));
    await ok(step('Руководитель', id, 'agree'));
    const approved = await ok(step('Куратор', id, 'approve'));
    expect(approved.document.status).toBe('approved');
    expect(approved.registered).toEqual([]);
    const project = await ok<ProjectDetail>(call('Аудитор', 'GET', `/projects/${projectId}`));
    expect(project.project).toMatchObject({ status: 'approved', approvedVersion: 2 });
    expect(project.approvedPassport?.controlPoints[1]).toEqual({ title: 'Пуск котельной', date: '2026-12-01' });
    const versions = await ok<PassportVersions>(call('Аудитор', 'GET', `/projects/${projectId}/passport-versions`));
    expect(versions.items.map((v) => [v.version, v.number])).toEqual([
      [2, 'ПАС-2026/2'],
      [1, 'ПАС-2026/1'],
    ]);
    expect(versions.items[0]?.comment).toBe(`По запросу на изменение № ${id}: Сдвиг поставки`);
    expect(versions.items[0]?.changes.map((c) => c.item)).toEqual(['Пуск котельной', 'Петров П. П.']);
    expect((await registered('project_passport')).map((r) => r.entity_id)).toEqual([
      `${project.document.id}/1`,
      `${project.document.id}/2`,
    ]);
  });

  it('a request made against an older version cannot be approved until it is updated', async () => {
    await ok(step('Владелец ЖКХ', stale, 'submit'));
    await ok(step('Руководитель', stale, 'agree'));
    await refused(step('Куратор', stale, 'approve'), 409, /редакции 1.*действует редакция 2/);
    expect((await ok(call('Аудитор', 'GET', `/plan-documents/${stale}`))).document.status).toBe('approval');
  });
});

describe('consolidated plan: head forms, curator approves; plan vs fact of its parts', () => {
  let id = 0;
  const items = [
    { kind: 'control_point', projectId: 0, title: 'Проект котельной согласован' },
    { kind: 'control_point', projectId: 0, title: 'Пуск котельной' },
    { kind: 'measure', projectId: null, title: 'Совещание с РСО', date: '2026-05-01', responsible: 'Руководитель' },
  ];
  const body = () => ({
    blockCode: 'zhkh',
    topic: 'Отопительный сезон',
    year: 2026,
    items: items.map((i) => ({ ...i, projectId: i.projectId === 0 ? projectId : null })),
  });

  it('only the head forms it; points come from approved passports', async () => {
    for (const who of ['Владелец ЖКХ', 'Куратор', 'Аудитор'])
      await refused(call(who, 'POST', '/consolidated-plans', body()), 403);
    expect((await ok<{ canCreate: boolean }>(call('Руководитель', 'GET', '/consolidated-plans'))).canCreate).toBe(true);
    await refused(
      call('Руководитель', 'POST', '/consolidated-plans', {
        ...body(),
        items: [{ kind: 'control_point', projectId, title: 'Нет' }],
      }),
      400,
      /нет контрольной точки/,
    );
    await refused(call('Руководитель', 'POST', '/consolidated-plans', { ...body(), items: [] }), 400);
    const created = await ok(call('Руководитель', 'POST', '/consolidated-plans', body()));
    id = created.document.id;
    expect(created.plan?.content.items.map((i) => [i.title, i.date, i.projectTitle])).toEqual([
      ['Проект котельной согласован', '2026-04-15', 'Тёплый дом'],
      ['Совещание с РСО', '2026-05-01', ''],
      ['Пуск котельной', '2026-12-01', 'Тёплый дом'],
    ]);
  });

  it('no agreeing step: head sends to the curator, who returns and then approves; registered', async () => {
    expect((await ok(step('Руководитель', id, 'submit'))).document.status).toBe('approval');
    await ok(step('Куратор', id, 'return', 'Добавьте ответственного'));
    await ok(call('Руководитель', 'PUT', `/plan-documents/${id}`, { content: body() }));
    await ok(step('Руководитель', id, 'submit'));
    const approved = await ok(step('Куратор', id, 'approve'));
    expect(approved.registered.map((r) => r.number)).toEqual(['СП-2026/1']);
    expect(
      (await ok<{ items: { id: number; status: string }[] }>(call('Аудитор', 'GET', '/consolidated-plans'))).items,
    ).toEqual([expect.objectContaining({ id, status: 'approved' })]);
  });

  it('plan vs fact: points done by the approved report, measures marked by the head with who and when', async () => {
    const before = (await ok(call('Аудитор', 'GET', `/plan-documents/${id}`))).plan?.parts;
    expect(before?.map((p) => [p.title, p.status, p.doneDate, p.factSource])).toEqual([
      ['Проект котельной согласован', 'done', '2026-03-25', 'отчёт за 1 квартал 2026 года'],
      ['Совещание с РСО', 'late', null, null],
      // due 01.12.2026, eight days after today: under threat by itself
      ['Пуск котельной', 'at_risk', null, null],
    ]);
    await refused(
      call('Владелец ЖКХ', 'POST', `/plan-documents/${id}/measures`, {
        title: 'Совещание с РСО',
        doneDate: '2026-05-05',
      }),
      403,
    );
    await refused(
      call('Руководитель', 'POST', `/plan-documents/${id}/measures`, { title: 'Нет', doneDate: '2026-05-05' }),
      400,
    );
    await refused(
      call('Руководитель', 'POST', `/plan-documents/${id}/measures`, {
        title: 'Совещание с РСО',
        doneDate: '05.05.2026',
      }),
      400,
      /ГГГГ-ММ-ДД/,
    );
    const after = await ok(
      call('Руководитель', 'POST', `/plan-documents/${id}/measures`, {
        title: 'Совещание с РСО',
        doneDate: '2026-05-05',
      }),
    );
    expect(after.plan?.parts[1]).toMatchObject({
      status: 'done',
      doneDate: '2026-05-05',
      factSource: 'отметил Руководитель 23.11.2026',
    });
  });
});
