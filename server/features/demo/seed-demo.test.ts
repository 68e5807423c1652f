import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, type TestServices } from '../../test/test-services';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';
import { seedDemo } from './seed-demo';

const now = new Date('2026-11-26T09:00:00Z');

describe('seedDemo', () => {
  let services: TestServices;
  let lines: string[];
  let seedMs = 0;

  beforeAll(async () => {
    services = await createTestServices({ now: now.toISOString() });
    const started = performance.now();
    lines = await seedDemo(services, { count: 120, now });
    seedMs = performance.now() - started;
  });
  afterAll(async () => {
    await services.close();
  });

  const count = async (table: 'messages' | 'cases' | 'answers' | 'ratings'): Promise<number> => {
    const row = await services.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('creates 120 messages and at most as many cases (repeats join their case)', async () => {
    expect(await count('messages')).toBe(120);
    const cases = await count('cases');
    expect(cases).toBeGreaterThan(60);
    expect(cases).toBeLessThanOrEqual(120);
    expect(seedMs).toBeLessThan(60_000);
  });

  it('leaves cases in several statuses, closed and reopened among them', async () => {
    const rows = await services.database.db.selectFrom('cases').select('status').distinct().execute();
    const statuses = new Set(rows.map((r) => r.status));
    expect(statuses.size).toBeGreaterThanOrEqual(5);
    expect(statuses.has('closed')).toBe(true);
    expect(statuses.has('reopened')).toBe(true);
  });

  it('has interim and final answers, reviews, ratings and a history dated in the past', async () => {
    const db = services.database.db;
    const kinds = await db.selectFrom('answers').select('kind').distinct().execute();
    expect(new Set(kinds.map((k) => k.kind))).toEqual(new Set(['interim', 'final']));
    expect(
      await db.selectFrom('answers').select('id').where('review_status', '=', 'returned').executeTakeFirst(),
    ).toBeDefined();
    expect(await count('ratings')).toBeGreaterThan(10);
    const latest = await db
      .selectFrom('case_events')
      .select((eb) => eb.fn.max('at').as('at'))
      .executeTakeFirstOrThrow();
    expect(new Date(latest.at ?? 0).getTime()).toBeLessThanOrEqual(now.getTime());
    const pending = await db.selectFrom('outbox').select('id').where('status', '=', 'pending').execute();
    expect(pending).toHaveLength(0);
  });

  it('sets both deadlines on every case that has an organisation', async () => {
    const missing = await services.database.db
      .selectFrom('cases')
      .select('id')
      .where('organisation_id', 'is not', null)
      .where((eb) => eb.or([eb('first_response_due_at', 'is', null), eb('final_answer_due_at', 'is', null)]))
      .execute();
    expect(missing).toHaveLength(0);
  });

  it('creates the demo users, findable by login, and prints one line per login', async () => {
    const db = services.database.db;
    for (const u of DEMO_USERS) {
      const row = await db
        .selectFrom('users')
        .select(['role', 'organisation_id', 'active'])
        .where('login', '=', u.login)
        .executeTakeFirst();
      expect(row, u.login).toMatchObject({ role: u.role, active: true });
    }
    const executor = await db
      .selectFrom('users')
      .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
      .select('organisations.name')
      .where('login', '=', 'executor')
      .executeTakeFirstOrThrow();
    expect(executor.name).toBe('Мэрия города Ярославля');
    for (const u of DEMO_USERS)
      expect(
        lines.some((l) => l.includes(`${u.login} / ${DEMO_PASSWORD}`)),
        u.login,
      ).toBe(true);
  });

  it('adds no cases when called again, but still returns the sign-in lines', async () => {
    const before = await count('cases');
    const again = await seedDemo(services, { count: 120, now });
    expect(await count('cases')).toBe(before);
    expect(await count('messages')).toBe(120);
    expect(again.length).toBe(DEMO_USERS.length + 1);
  });
});
