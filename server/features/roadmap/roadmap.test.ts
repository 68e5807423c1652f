import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RoadmapDetail } from '../../../shared/api/roadmap';
import { buildApp } from '../../http/app';
import { createTestServices, type TestServices } from '../../test/test-services';
import { officePeople, type OfficePeople } from '../../test/office-people';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let services: TestServices;
let app: FastifyInstance;
let p: OfficePeople;

beforeAll(async () => {
  services = await createTestServices({ now: '2026-11-23T12:00:00+03:00' });
  app = await buildApp(services);
  p = officePeople(services, () => app);
  await p.person('Секретарь', 'executive_secretary');
  await p.person('Руководитель', 'head');
  await p.person('Куратор', 'curator');
  await p.person('Владелец ЖКХ', 'block_owner', 'zhkh');
});
afterAll(async () => {
  await app.close();
  await services.close();
});

const items = [
  {
    measure: 'Подключить ПОС во всех муниципалитетах',
    block: '',
    owner: 'Ответственный секретарь',
    dueDate: '2026-06-30',
    status: 'planned',
  },
  { measure: 'Обучить операторов', block: '', owner: 'Руководитель ЦУР', dueDate: '2026-09-30', status: 'planned' },
  {
    measure: 'Разбор жалоб на отопление',
    block: 'zhkh',
    owner: 'Владелец ЖКХ',
    dueDate: '2026-12-15',
    status: 'planned',
  },
];
const agreement = { date: '2026-11-20', reference: 'письмо АНО «Диалог Регионы» № 123' };

describe('the yearly roadmap: secretary drafts → head agrees → curator approves; each version is diffed with the previous', () => {
  let id = 0;
  it('goes through the chain with a return, and the first version is all «added»', async () => {
    expect(await p.status(p.call('Владелец ЖКХ', 'POST', '/roadmap', { year: 2026 }))).toBe(403);
    expect(await p.status(p.call('Секретарь', 'POST', '/roadmap', { year: 2031 }))).toBe(400);
    const created = await p.ok<RoadmapDetail>(p.call('Секретарь', 'POST', '/roadmap', { year: 2026 }));
    id = created.document.id;
    expect(created.content.items).toEqual([]);
    expect(await p.status(p.call('Секретарь', 'POST', `/roadmap/${id}/submit`, {}))).toBe(400);
    expect(
      await p.status(
        p.call('Секретарь', 'PUT', `/roadmap/${id}`, {
          dialogAgreement: agreement,
          items: [{ ...items[0], dueDate: '2027-01-10' }],
        }),
      ),
    ).toBe(400);
    const edited = await p.ok<RoadmapDetail>(
      p.call('Секретарь', 'PUT', `/roadmap/${id}`, { dialogAgreement: { date: null, reference: '' }, items }),
    );
    expect(edited.content.items.map((i) => i.key)).toEqual(['r1', 'r2', 'r3']);
    expect(edited.changes.map((c) => c.change)).toEqual(['added', 'added', 'added']);
    await p.ok(p.call('Секретарь', 'POST', `/roadmap/${id}/submit`, {}));
    expect(await p.status(p.call('Куратор', 'POST', `/roadmap/${id}/approve`, {}))).toBe(409);
    await p.ok(p.call('Руководитель', 'POST', `/roadmap/${id}/agree`, {}));
    // no agreement with АНО «Диалог Регионы» recorded yet: the curator cannot approve and returns it
    expect(await p.status(p.call('Куратор', 'POST', `/roadmap/${id}/approve`, {}))).toBe(400);
    await p.ok(
      p.call('Куратор', 'POST', `/roadmap/${id}/return`, { comment: 'Нет согласования с АНО «Диалог Регионы»' }),
    );
    await p.ok(
      p.call('Секретарь', 'PUT', `/roadmap/${id}`, {
        dialogAgreement: agreement,
        items: edited.content.items,
        comment: 'Согласовано с АНО',
      }),
    );
    await p.ok(p.call('Секретарь', 'POST', `/roadmap/${id}/submit`, {}));
    await p.ok(p.call('Руководитель', 'POST', `/roadmap/${id}/agree`, {}));
    const approved = await p.ok<RoadmapDetail>(p.call('Куратор', 'POST', `/roadmap/${id}/approve`, {}));
    expect(approved.document.status).toBe('approved');
    expect(approved.document.steps.map((s) => s.action)).toEqual([
      'create',
      'edit',
      'submit',
      'agree',
      'return',
      'edit',
      'submit',
      'agree',
      'approve',
    ]);
    expect(approved.versions).toEqual([
      expect.objectContaining({ version: 1, items: 3, documentNumber: expect.stringMatching(/^ДК-2026\/\d+$/) }),
    ]);
  });

  it('the next version shows added, removed and changed items with the fields changed, on screen and in the registered document', async () => {
    const current = (await p.ok<RoadmapDetail>(p.call('Руководитель', 'GET', `/roadmap/${id}`))).content.items;
    const next = [
      { ...current[0]!, status: 'done' },
      { ...current[2]!, dueDate: '2026-12-25', owner: 'Руководитель блока ЖКХ' },
      {
        key: '',
        measure: 'Запустить опрос удовлетворённости',
        block: '',
        owner: 'Ответственный секретарь',
        dueDate: '2026-12-20',
        status: 'planned',
      },
    ];
    const draft = await p.ok<RoadmapDetail>(
      p.call('Секретарь', 'PUT', `/roadmap/${id}`, { dialogAgreement: agreement, items: next, comment: 'Обновление' }),
    );
    expect(draft.base).toEqual({ title: 'Дорожная карта ЦУР на 2026 год', version: 1 });
    expect(draft.changes).toEqual([
      {
        change: 'changed',
        key: 'r1',
        measure: items[0]!.measure,
        fields: [{ field: 'Статус', before: 'Запланировано', after: 'Выполнено' }],
      },
      {
        change: 'changed',
        key: 'r3',
        measure: items[2]!.measure,
        fields: [
          { field: 'Ответственный', before: 'Владелец ЖКХ', after: 'Руководитель блока ЖКХ' },
          { field: 'Срок', before: '15.12.2026', after: '25.12.2026' },
        ],
      },
      { change: 'added', key: 'r4', measure: 'Запустить опрос удовлетворённости', fields: [] },
      { change: 'removed', key: 'r2', measure: items[1]!.measure, fields: [] },
    ]);
    // the approved version stays in force while the draft goes through the chain
    expect(draft.versions).toHaveLength(1);
    await p.ok(p.call('Секретарь', 'POST', `/roadmap/${id}/submit`, {}));
    await p.ok(p.call('Руководитель', 'POST', `/roadmap/${id}/agree`, {}));
    const v2 = await p.ok<RoadmapDetail>(p.call('Куратор', 'POST', `/roadmap/${id}/approve`, {}));
    expect(v2.versions.map((v) => [v.version, v.changes.map((c) => c.change)])).toEqual([
      [2, ['changed', 'changed', 'added', 'removed']],
      [1, ['added', 'added', 'added']],
    ]);
    const doc = await services.database.db
      .selectFrom('official_documents')
      .select(['payload'])
      .where('number', '=', v2.versions[0]!.documentNumber!)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(doc.payload)).toContain('"change":"removed"');
    expect(JSON.stringify(doc.payload)).toContain('25.12.2026');
  });

  it('a new year starts from the last approved items and is compared with that roadmap', async () => {
    const y2027 = await p.ok<RoadmapDetail>(p.call('Секретарь', 'POST', '/roadmap', { year: 2027 }));
    expect(y2027.base).toEqual({ title: 'Дорожная карта ЦУР на 2026 год', version: 2 });
    expect(y2027.content.items.map((i) => i.key)).toEqual(['r1', 'r3', 'r4']);
    expect(y2027.changes).toEqual([]);
    expect(await p.status(p.call('Секретарь', 'POST', '/roadmap', { year: 2027 }))).toBe(409);
  });
});
