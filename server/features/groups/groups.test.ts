import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GroupDetail } from '../../../shared/api/groups';
import type { PoDocumentDetail } from '../../../shared/api/po-documents';
import { buildApp } from '../../http/app';
import { createTestServices, ctxAs, type TestServices } from '../../test/test-services';
import { officePeople, type OfficePeople } from '../../test/office-people';
import { flagOverdueDecisions } from './overdue-decisions.job';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let services: TestServices;
let app: FastifyInstance;
let p: OfficePeople;
const ids: Record<string, number> = {};
let groupId = 0;

beforeAll(async () => {
  services = await createTestServices({ now: '2026-11-23T12:00:00+03:00' });
  app = await buildApp(services);
  p = officePeople(services, () => app);
  ids.owner = await p.person('Владелец ЖКХ', 'block_owner', 'zhkh');
  ids.otherOwner = await p.person('Владелец дорог', 'block_owner', 'roads');
  ids.head = await p.person('Руководитель', 'head');
  ids.curator = await p.person('Куратор', 'curator');
  ids.executor = await p.person('Исполнитель', 'executor');
  ids.member = await p.person('Сидоров С. С.', 'block_lead', 'zhkh');
  await services.database.db
    .insertInto('centre_assignments')
    .values({
      person: 'Сидоров С. С.',
      user_id: ids.member,
      role: 'block_lead',
      block_code: 'zhkh',
      from_date: '2026-01-01',
      created_by: 'тест',
    })
    .execute();
  const composition = {
    name: 'Рабочая группа по отоплению',
    kind: 'working',
    purpose: 'Пуск котельных',
    members: [
      { name: 'Сидоров С. С.', role: 'секретарь группы' },
      { name: 'Иванов И. И.', role: 'руководитель группы', organisation: 'Департамент ЖКХ' },
    ],
  };
  const draft = await p.ok<PoDocumentDetail>(
    p.call('Владелец ЖКХ', 'POST', '/po-documents', { type: 'group', blockCode: 'zhkh', content: composition }),
  );
  groupId = draft.document.id;
});
afterAll(async () => {
  await app.close();
  await services.close();
});

const group = (who = 'Владелец ЖКХ'): Promise<GroupDetail> =>
  p.ok<GroupDetail>(p.call(who, 'GET', `/groups/${groupId}`));

describe('a working group: meeting → decisions → protocol (with a return) → overdue decision', () => {
  it('holds no meeting until the curator approves the composition', async () => {
    expect(
      await p.status(
        p.call('Владелец ЖКХ', 'POST', `/groups/${groupId}/meetings`, {
          heldOn: '2026-11-20',
          agenda: 'Пуск котельных',
        }),
      ),
    ).toBe(409);
    expect((await group()).canRunMeetings).toBe(false);
    await p.ok(p.call('Владелец ЖКХ', 'POST', `/po-documents/${groupId}/submit`, {}));
    await p.ok(p.call('Куратор', 'POST', `/po-documents/${groupId}/approve`, {}));
    const g = await group();
    expect(g.canRunMeetings).toBe(true);
    expect(g.members).toEqual([
      expect.objectContaining({
        name: 'Сидоров С. С.',
        centreRole: 'Руководитель отраслевого блока',
        userId: ids.member,
      }),
      expect.objectContaining({ name: 'Иванов И. И.', centreRole: null, userId: null }),
    ]);
  });

  it('records a meeting and its decisions; other roles and blocks are refused; bad input is a 400 in Russian', async () => {
    expect(await p.status(p.call('Исполнитель', 'GET', `/groups/${groupId}`))).toBe(403);
    const meeting = {
      heldOn: '2026-11-20',
      agenda: 'Пуск котельных в Угличе',
      place: 'Зал 1',
      attendance: [
        { name: 'Сидоров С. С.', present: true },
        { name: 'Иванов И. И.', present: false },
      ],
    };
    expect(await p.status(p.call('Владелец дорог', 'POST', `/groups/${groupId}/meetings`, meeting))).toBe(403);
    expect(await p.status(p.call('Куратор', 'POST', `/groups/${groupId}/meetings`, meeting))).toBe(403);
    expect(
      await p.status(
        p.call('Владелец ЖКХ', 'POST', `/groups/${groupId}/meetings`, { ...meeting, heldOn: '20.11.2026' }),
      ),
    ).toBe(400);
    const g = await p.ok<GroupDetail>(p.call('Владелец ЖКХ', 'POST', `/groups/${groupId}/meetings`, meeting));
    const meetingId = g.meetings[0]!.id;
    const weekend = await p.call('Владелец ЖКХ', 'POST', `/groups/meetings/${meetingId}/decisions`, {
      text: 'Запустить котельную',
      owner: 'Сидоров С. С.',
      dueDate: '2026-11-29',
    });
    expect(weekend.statusCode).toBe(400);
    expect(weekend.json<{ error: { message: string } }>().error.message).toContain('нерабочий день');
    await p.ok(
      p.call('Владелец ЖКХ', 'POST', `/groups/meetings/${meetingId}/decisions`, {
        text: 'Запустить котельную',
        owner: 'Сидоров С. С.',
        ownerUserId: ids.member,
        dueDate: '2026-11-25',
      }),
    );
    const after = await p.ok<GroupDetail>(
      p.call('Руководитель', 'POST', `/groups/meetings/${meetingId}/decisions`, {
        text: 'Проверить трубы',
        owner: 'Иванов И. И.',
        dueDate: '2026-12-10',
      }),
    );
    expect(after.meetings[0]!.decisions.map((d) => [d.text, d.dueDate, d.status, d.overdue])).toEqual([
      ['Запустить котельную', '2026-11-25', 'open', false],
      ['Проверить трубы', '2026-12-10', 'open', false],
    ]);
    expect(after.history.map((h) => h.action)).toEqual(['decision', 'decision', 'meeting']);
    expect(after.history[0]).toMatchObject({ actor: 'Руководитель' });
  });

  it('the protocol is drafted from the meeting, returned by the head once, then approved and registered', async () => {
    const meetingId = (await group()).meetings[0]!.id;
    const drafted = await p.ok<GroupDetail>(
      p.call('Владелец ЖКХ', 'POST', `/groups/meetings/${meetingId}/protocol`, {}),
    );
    const protocol = drafted.meetings[0]!.protocol!;
    expect(protocol).toMatchObject({ type: 'protocol', status: 'draft', allowed: ['edit', 'submit'] });
    expect(await p.status(p.call('Руководитель', 'POST', `/groups/protocols/${protocol.id}/approve`, {}))).toBe(409);
    await p.ok(p.call('Владелец ЖКХ', 'POST', `/groups/protocols/${protocol.id}/submit`, {}));
    expect(await p.status(p.call('Куратор', 'POST', `/groups/protocols/${protocol.id}/approve`, {}))).toBe(403);
    expect(await p.status(p.call('Руководитель', 'POST', `/groups/protocols/${protocol.id}/return`, {}))).toBe(400);
    await p.ok(
      p.call('Руководитель', 'POST', `/groups/protocols/${protocol.id}/return`, {
        comment: 'Добавьте решение о графике',
      }),
    );
    await p.ok(
      p.call('Владелец ЖКХ', 'POST', `/groups/meetings/${meetingId}/decisions`, {
        text: 'Утвердить график',
        owner: 'Иванов И. И.',
        dueDate: '2026-12-01',
      }),
    );
    await p.ok(
      p.call('Владелец ЖКХ', 'POST', `/groups/meetings/${meetingId}/protocol`, { comment: 'Добавлено решение' }),
    );
    await p.ok(p.call('Владелец ЖКХ', 'POST', `/groups/protocols/${protocol.id}/submit`, {}));
    const approved = await p.ok<GroupDetail>(
      p.call('Руководитель', 'POST', `/groups/protocols/${protocol.id}/approve`, { comment: 'Утверждаю' }),
    );
    const m = approved.meetings[0]!;
    expect(m.protocol).toMatchObject({ status: 'approved', versions: [{ version: 1, approvedBy: 'Руководитель' }] });
    expect(m.protocol!.steps.map((s) => s.action)).toEqual(['create', 'submit', 'return', 'edit', 'submit', 'approve']);
    expect(m.protocolNumber).toMatch(/^ПР-2026\/\d+$/);
    const doc = await services.database.db
      .selectFrom('official_documents')
      .select(['payload', 'pdf_sha256'])
      .where('number', '=', m.protocolNumber!)
      .executeTakeFirstOrThrow();
    expect(doc.pdf_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(doc.payload)).toContain('Утвердить график');
    expect(approved.history.map((h) => h.action).slice(0, 3)).toEqual([
      'protocol_approve',
      'protocol_submit',
      'protocol',
    ]);
  });

  it('an overdue decision is flagged on the page and notified to its owner once; the owner marks it done', async () => {
    services.clock.set('2026-11-27T10:00:00+03:00');
    await p.signInAgain();
    const g = await group();
    const late = g.meetings[0]!.decisions.find((d) => d.text === 'Запустить котельную')!;
    expect(late.overdue).toBe(true);
    expect(
      (
        await p.ok<{ items: { id: number; overdueDecisions: number; openDecisions: number }[] }>(
          p.call('Руководитель', 'GET', '/groups'),
        )
      ).items.find((x) => x.id === groupId),
    ).toMatchObject({ overdueDecisions: 1, openDecisions: 3 });
    expect(await flagOverdueDecisions(ctxAs(services, { kind: 'system', label: 'Система' }))).toBe(1);
    expect(await flagOverdueDecisions(ctxAs(services, { kind: 'system', label: 'Система' }))).toBe(0);
    const notes = await services.database.db
      .selectFrom('notifications')
      .select(['title', 'body'])
      .where('user_id', '=', ids.member!)
      .execute();
    expect(notes).toEqual([
      expect.objectContaining({ title: 'Просрочено решение группы «Рабочая группа по отоплению»' }),
    ]);
    expect(
      await p.status(p.call('Владелец дорог', 'POST', `/groups/decisions/${late.id}/status`, { status: 'done' })),
    ).toBe(403);
    expect(
      await p.status(p.call('Сидоров С. С.', 'POST', `/groups/decisions/${late.id}/status`, { status: 'cancelled' })),
    ).toBe(400);
    const done = await p.ok<GroupDetail>(
      p.call('Сидоров С. С.', 'POST', `/groups/decisions/${late.id}/status`, {
        status: 'done',
        comment: 'Котельная работает',
      }),
    );
    expect(done.meetings[0]!.decisions.find((d) => d.id === late.id)).toMatchObject({
      status: 'done',
      overdue: false,
      statusComment: 'Котельная работает',
    });
    expect(done.history[0]).toMatchObject({ action: 'decision_done', actor: 'Сидоров С. С.' });
  });
});
