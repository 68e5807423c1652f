import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { PoDocumentDetail } from '../../../shared/api/po-documents';
import { buildApp } from '../../http/app';
import { createTestServices, ctxAs, makeUser, type TestServices } from '../../test/test-services';
import { listKpis } from '../kpi/kpi-queries';
import { sessionCookie } from '../reports/test-fixture';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let services: TestServices;
let app: FastifyInstance;
const cookie: Record<string, string> = {};

async function person(name: string, role: Parameters<typeof makeUser>[1], block: string | null = null): Promise<void> {
  const u = await makeUser(services, role);
  await services.database.db
    .updateTable('users')
    .set({ block_code: block, full_name: name })
    .where('id', '=', u.userId)
    .execute();
  cookie[name] = await sessionCookie(services, u.userId);
}
const call = (
  who: string,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: object,
): Promise<LightMyRequestResponse> =>
  app.inject({ method, url: `/api${url}`, headers: { cookie: cookie[who] ?? '' }, ...(payload ? { payload } : {}) });
async function ok(res: Promise<LightMyRequestResponse>): Promise<PoDocumentDetail> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
  return r.json<PoDocumentDetail>();
}

beforeAll(async () => {
  services = await createTestServices({ now: '2026-11-23T12:00:00+03:00' });
  app = await buildApp(services);
  await person('Владелец ЖКХ', 'block_owner', 'zhkh');
  await person('Руководитель', 'head');
  await person('Куратор', 'curator');
  await person('Исполнитель', 'executor');
});
afterAll(async () => {
  await app.close();
  await services.close();
});

const group = {
  name: 'Рабочая группа по отоплению',
  kind: 'working',
  purpose: 'Пуск котельных',
  members: [{ name: 'Иванов И. И.', role: 'руководитель группы', organisation: 'Департамент ЖКХ' }],
};
const indicator = {
  code: 'boilers_modernised',
  title: 'Доля модернизированных котельных',
  federalResult: 'Модернизированы котельные',
  unit: '%',
  direction: 'up',
  formula: null,
  qualitative: 'по актам ввода',
  quantitative: '12 котельных',
  responsible: 'Иванов И. И.',
  deadline: '2026-12-31',
  targets: [{ year: 2026, target: 80 }],
  projectId: null,
  projectResult: 'Котельные модернизированы',
};

describe('working groups: block owner proposes → curator approves', () => {
  it('the composition goes straight to the curator, who returns it once and then approves it', async () => {
    expect((await call('Исполнитель', 'GET', '/po-documents')).statusCode).toBe(403);
    expect(
      (await call('Руководитель', 'POST', '/po-documents', { type: 'group', blockCode: 'zhkh', content: group }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await call('Владелец ЖКХ', 'POST', '/po-documents', {
          type: 'group',
          blockCode: 'zhkh',
          content: { ...group, members: [] },
        })
      ).statusCode,
    ).toBe(400);
    const draft = await ok(
      call('Владелец ЖКХ', 'POST', '/po-documents', { type: 'group', blockCode: 'zhkh', content: group }),
    );
    const id = draft.document.id;
    const sent = await ok(call('Владелец ЖКХ', 'POST', `/po-documents/${id}/submit`, {}));
    expect(sent.document.status).toBe('approval');
    expect((await call('Руководитель', 'POST', `/po-documents/${id}/agree`, {})).statusCode).toBe(409);
    expect((await call('Руководитель', 'POST', `/po-documents/${id}/approve`, {})).statusCode).toBe(403);
    await ok(call('Куратор', 'POST', `/po-documents/${id}/return`, { comment: 'Добавьте эксперта' }));
    const members = [...group.members, { name: 'Петров П. П.', role: 'эксперт', organisation: 'ЯрГУ' }];
    expect(
      (await call('Владелец ЖКХ', 'PUT', `/po-documents/${id}`, { content: { ...group, members: 'нет' } })).statusCode,
    ).toBe(400);
    await ok(
      call('Владелец ЖКХ', 'PUT', `/po-documents/${id}`, {
        content: { ...group, members },
        comment: 'Добавлен эксперт',
      }),
    );
    await ok(call('Владелец ЖКХ', 'POST', `/po-documents/${id}/submit`, {}));
    const approved = await ok(call('Куратор', 'POST', `/po-documents/${id}/approve`, {}));
    expect(approved.document.status).toBe('approved');
    expect(approved.approvedContent).toMatchObject({ members: [{ name: 'Иванов И. И.' }, { name: 'Петров П. П.' }] });
    expect(approved.document.steps.map((s) => s.action)).toEqual([
      'create',
      'submit',
      'return',
      'edit',
      'submit',
      'approve',
    ]);
  });
});

describe('additional indicators: the curator approves; approval adds the indicator', () => {
  it('a head’s proposal becomes an additional indicator with its targets only when the curator approves it', async () => {
    const draft = await ok(
      call('Руководитель', 'POST', '/po-documents', { type: 'indicator', blockCode: 'zhkh', content: indicator }),
    );
    const id = draft.document.id;
    await ok(call('Руководитель', 'POST', `/po-documents/${id}/submit`, {}));
    const system = ctxAs(services, { kind: 'system', label: 'Система' });
    expect((await listKpis(system)).items.some((k) => k.code === 'boilers_modernised')).toBe(false);
    await ok(call('Куратор', 'POST', `/po-documents/${id}/approve`, { comment: 'Утверждаю' }));
    const kpi = (await listKpis(system, '2026-11-23')).items.find((k) => k.code === 'boilers_modernised');
    expect(kpi).toMatchObject({
      kind: 'additional',
      title: 'Доля модернизированных котельных',
      targets: [{ year: 2026, target: 80 }],
    });
  });

  it('a proposal whose code is taken cannot be approved and stays with the curator', async () => {
    const draft = await ok(
      call('Руководитель', 'POST', '/po-documents', { type: 'indicator', blockCode: 'zhkh', content: indicator }),
    );
    await ok(call('Руководитель', 'POST', `/po-documents/${draft.document.id}/submit`, {}));
    const refused = await call('Куратор', 'POST', `/po-documents/${draft.document.id}/approve`, {});
    expect(refused.statusCode).toBe(409);
    const after = await ok(call('Куратор', 'GET', `/po-documents/${draft.document.id}`));
    expect(after.document).toMatchObject({ status: 'approval', versions: [] });
  });
});
