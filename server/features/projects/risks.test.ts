import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../lib/context';
import { buildApp } from '../../http/app';
import { createTestServices, ctxAs, makeUser, type TestServices } from '../../test/test-services';
import { sessionCookie } from '../reports/test-fixture';
import { createProject } from './projects';
import { addMeasure, addRisk, assessRisk, closeRisk, completeMeasure, escalateRisk, listRisks } from './risks';
import { samplePassport } from './test-passport';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

type User = Extract<Actor, { kind: 'user' }>;
let services: TestServices;
let owner: User;
let otherOwner: User;
let head: User;
let curator: User;
let auditor: User;
let heating: number;
let waste: number;

async function blockUser(role: User['role'], block: string | null): Promise<User> {
  const u = await makeUser(services, role);
  await services.database.db.updateTable('users').set({ block_code: block }).where('id', '=', u.userId).execute();
  return { ...u, blockCode: block };
}
const as = (u: User) => ctxAs(services, u);
const risk = {
  title: 'Срыв поставки оборудования',
  description: 'Поставщик один',
  probability: 3,
  impact: 4,
  owner: 'Иванов И. И.',
};

beforeAll(async () => {
  services = await createTestServices({ now: '2026-11-23T12:00:00+03:00' });
  owner = await blockUser('block_owner', 'zhkh');
  otherOwner = await blockUser('block_owner', 'tko');
  head = await blockUser('head', null);
  curator = await blockUser('curator', null);
  auditor = await blockUser('auditor', null);
  heating = (
    await createProject(as(owner), { blockCode: 'zhkh', kind: 'project', passport: samplePassport('Тёплый дом') })
  ).project.id;
  waste = (
    await createProject(as(otherOwner), { blockCode: 'tko', kind: 'project', passport: samplePassport('Чистый двор') })
  ).project.id;
});
afterAll(() => services.close());

describe('risk register: probability × impact, decision clocks, measures, escalation', () => {
  let id: number;

  it('the block’s owner records a risk; the 10-working-day assessment clock starts', async () => {
    await expect(addRisk(as(otherOwner), heating, risk)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(addRisk(as(auditor), heating, risk)).rejects.toMatchObject({ code: 'forbidden' });
    const r = await addRisk(as(owner), heating, risk);
    id = r.id;
    expect(r).toMatchObject({ status: 'identified', score: 12, level: 'medium', allowed: ['assess'] });
    // Monday 23.11.2026 + 10 working days: the end of Monday 07.12.2026
    expect(r.clock).toEqual({
      kind: 'assess',
      dueAt: new Date('2026-12-07T18:00:00+03:00').toISOString(),
      overdue: false,
    });
    await expect(addMeasure(as(owner), id, { text: 'Второй поставщик', dueDate: '2026-12-20' })).rejects.toMatchObject({
      code: 'invalid_transition',
    });
  });

  it('an overdue assessment comes first in the head’s cross-project view', async () => {
    const minor = await addRisk(as(otherOwner), waste, {
      ...risk,
      title: 'Жалобы на запах',
      probability: 5,
      impact: 5,
    });
    services.clock.set('2026-12-08T10:00:00+03:00');
    await assessRisk(as(otherOwner), minor.id, { decision: 'accept', probability: 5, impact: 5, comment: '' });
    const { items, canAdd } = await listRisks(as(head));
    expect(canAdd).toBe(false);
    expect(items.map((r) => [r.projectTitle, r.title, r.clock?.kind, r.clock?.overdue])).toEqual([
      ['Тёплый дом', 'Срыв поставки оборудования', 'assess', true],
      ['Чистый двор', 'Жалобы на запах', 'act', false],
    ]);
    expect(items[0]?.allowed).toEqual(['assess', 'escalate']);
    expect((await listRisks(as(owner), heating)).canAdd).toBe(true);
    expect((await listRisks(as(owner), heating)).items).toHaveLength(1);
  });

  it('assessment starts the 5-working-day action clock; the first measure stops it', async () => {
    const assessed = await assessRisk(as(head), id, {
      decision: 'accept',
      probability: 4,
      impact: 5,
      comment: 'Критично для пуска',
    });
    expect(assessed).toMatchObject({ status: 'assessed', score: 20, level: 'high' });
    expect(assessed.clock).toEqual({
      kind: 'act',
      dueAt: new Date('2026-12-15T18:00:00+03:00').toISOString(),
      overdue: false,
    });
    await expect(
      assessRisk(as(owner), id, { decision: 'reject', probability: 1, impact: 1, comment: '' }),
    ).rejects.toMatchObject({ code: 'invalid_transition' });
    const acting = await addMeasure(as(owner), id, { text: 'Договор со вторым поставщиком', dueDate: '2026-12-01' });
    expect(acting).toMatchObject({ status: 'acting', clock: null });
    expect(acting.measures).toEqual([
      expect.objectContaining({
        text: 'Договор со вторым поставщиком',
        dueDate: '2026-12-01',
        doneAt: null,
        overdue: true,
      }),
    ]);
    const done = await completeMeasure(as(owner), id, acting.measures[0]?.id ?? 0);
    expect(done.measures[0]).toMatchObject({ overdue: false, doneAt: expect.any(String) });
    await expect(completeMeasure(as(owner), id, acting.measures[0]?.id ?? 0)).rejects.toMatchObject({
      code: 'invalid_transition',
    });
  });

  it('the head escalates to the curator once; the curator is notified; closing ends the register entry', async () => {
    await expect(escalateRisk(as(owner), id, 'Нужна помощь')).rejects.toMatchObject({ code: 'forbidden' });
    const escalated = await escalateRisk(as(head), id, 'Нужно решение куратора');
    expect(escalated.escalatedAt).not.toBeNull();
    await expect(escalateRisk(as(head), id, 'ещё раз')).rejects.toMatchObject({ code: 'invalid_transition' });
    const notes = await services.database.db
      .selectFrom('notifications')
      .select(['title', 'body'])
      .where('user_id', '=', curator.userId)
      .execute();
    expect(notes).toEqual([
      { title: 'Риск проекта «Тёплый дом» эскалирован: Срыв поставки оборудования', body: 'Нужно решение куратора' },
    ]);
    const closed = await closeRisk(as(owner), id, 'Оборудование поставлено');
    expect(closed.status).toBe('closed');
    expect(closed.events.map((e) => e.action)).toEqual([
      'Выявлен',
      'Оценён',
      'Мера реагирования',
      'Мера выполнена',
      'Эскалирован куратору',
      'Закрыт',
    ]);
    await expect(addMeasure(as(owner), id, { text: 'x', dueDate: '2026-12-20' })).rejects.toMatchObject({
      code: 'invalid_transition',
    });
  });

  it('a rejected risk is closed at once; the register is read over HTTP by every centre role but executors', async () => {
    const r = await addRisk(as(head), heating, { ...risk, title: 'Маловероятный' });
    expect(
      (await assessRisk(as(owner), r.id, { decision: 'reject', probability: 1, impact: 1, comment: 'Не подтвердился' }))
        .status,
    ).toBe('rejected');
    services.clock.set('2026-11-23T12:00:00+03:00'); // sessions are stamped with the database's own time
    const app = await buildApp(services);
    try {
      const executor = await makeUser(services, 'executor');
      const list = await app.inject({
        method: 'GET',
        url: '/api/risks',
        headers: { cookie: await sessionCookie(services, auditor.userId) },
      });
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((x: { status: string }) => x.status)).toEqual(['assessed', 'closed', 'rejected']);
      expect(
        (
          await app.inject({
            method: 'GET',
            url: '/api/risks',
            headers: { cookie: await sessionCookie(services, executor.userId) },
          })
        ).statusCode,
      ).toBe(403);
      const bad = await app.inject({
        method: 'POST',
        url: `/api/projects/${heating}/risks`,
        headers: { cookie: await sessionCookie(services, owner.userId) },
        payload: { ...risk, probability: 6 },
      });
      expect(bad.statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });
});
