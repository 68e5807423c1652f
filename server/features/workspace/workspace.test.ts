// The workspace of a whole day over HTTP on a real database: finding a case by its number or its author (only for
// roles that see personal data, journaled), the navigation's counters, one action on many cases with a result
// per case and the permissions of each, and each user's inbox settings kept on the server.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { startTestApp, type TestApp } from '../../test/test-app';
import { addUser } from '../auth/users';
import { receiveMessage } from '../intake/receive-message';
import { countWork } from './case-counters';

let t: TestApp;
let app: FastifyInstance;
const ids: string[] = [];
let organisation = '';
const routedTo: (string | null)[] = [];
const cookies = new Map<string, string>();
const PASSWORD = 'Пароль-2026-стол';

const MESSAGES = [
  {
    text: 'В Угличе огромная яма на дороге у дома 5',
    author: { name: 'Смирнова Ольга Петровна', contact: '+7 (905) 123-45-67' },
  },
  {
    text: 'В Рыбинске на улице Крестовой не вывозят мусор',
    author: { name: 'Кузнецов Иван', contact: 'Kuznetsov.I@example.org' },
  },
  { text: 'В Ярославле нет отопления в доме на Ленинградском проспекте', author: null },
  { text: 'В Угличе яма у школы на дороге', author: { name: 'Петров Пётр', contact: '8 (4852) 72-10-10' } },
  { text: 'В Угличе яма на дороге возле рынка', author: null },
];

beforeAll(async () => {
  t = await startTestApp({ analyzer: createTestAnalyzer() });
  app = t.app;
  const ctx = rootContext(t.services, SYSTEM_ACTOR);
  for (const [i, m] of MESSAGES.entries()) {
    const r = await receiveMessage(ctx, {
      channel: 'web',
      externalId: `workspace-${i}`,
      text: m.text,
      ...(m.author ? { author: m.author } : {}),
    });
    ids.push(r.result.caseId);
    routedTo.push(r.result.organisation ?? null);
    if (i === 0) organisation = r.result.organisation ?? '';
  }
  expect(organisation, 'the first case is routed to an organisation').not.toBe('');
  await addUser(ctx, { login: 'ws_operator', password: PASSWORD, role: 'operator' });
  await addUser(ctx, { login: 'ws_operator2', password: PASSWORD, role: 'operator' });
  await addUser(ctx, { login: 'ws_curator', password: PASSWORD, role: 'curator' });
  await addUser(ctx, { login: 'ws_executor', password: PASSWORD, role: 'executor', organisation });
  for (const login of ['ws_operator', 'ws_operator2', 'ws_curator', 'ws_executor']) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password: PASSWORD } });
    expect(res.statusCode, res.body).toBe(200);
    cookies.set(login, `otklik_session=${res.cookies.find((c) => c.name === 'otklik_session')?.value}`);
  }
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const call = (login: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  app.inject({
    method,
    url,
    headers: { cookie: cookies.get(login) ?? '' },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
const found = async (login: string, q: string): Promise<string[]> => {
  const res = await call(login, 'GET', `/api/cases?q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { id: string }[] }>().items.map((i) => i.id);
};

describe('finding a case', () => {
  it('by its number: that case comes first', async () => {
    expect((await found('ws_operator', ids[2]!))[0]).toBe(ids[2]);
  });

  it("by the author's phone in any writing, e-mail in any case and name, for roles that see personal data", async () => {
    expect(await found('ws_operator', '8 905 123 45 67')).toEqual([ids[0]]);
    expect(await found('ws_operator', '+79051234567')).toEqual([ids[0]]);
    expect(await found('ws_operator', '72-10-10')).toEqual([ids[3]]);
    expect(await found('ws_operator', 'kuznetsov.i@EXAMPLE.org')).toEqual([ids[1]]);
    expect(await found('ws_operator', 'смирнова ольга')).toEqual([ids[0]]);
    expect(await found('ws_operator', 'Ольга Смирнова')).toEqual([ids[0]]);
    expect(await found('ws_operator', 'Сидорова')).toEqual([]);
  });

  it('a role that sees cases masked does not find them by the author', async () => {
    expect(await found('ws_curator', '8 905 123 45 67')).toEqual([]);
    expect(await found('ws_curator', 'kuznetsov.i@example.org')).toEqual([]);
    expect(await found('ws_curator', 'Смирнова')).toEqual([]);
  });

  it("an executor finds by the author only among its organisation's cases", async () => {
    expect(await found('ws_executor', '89051234567')).toEqual([ids[0]]);
    const expected = (await orgOf(ids[1]!)) === organisation ? [ids[1]] : [];
    expect(await found('ws_executor', 'kuznetsov.i@example.org')).toEqual(expected);
  });

  it('the search by a phone is in the personal data access journal with its query', async () => {
    await found('ws_operator', '+7 905 123-45-67');
    const rows = await t.services.database.db
      .selectFrom('personal_data_access')
      .selectAll()
      .where('action', '=', 'case_search')
      .orderBy('id', 'desc')
      .limit(1)
      .execute();
    expect(rows[0]).toMatchObject({ action: 'case_search' });
    expect(JSON.stringify(rows[0]?.scope)).toContain('+7 905 123-45-67');
    expect(rows[0]?.case_ids).toEqual([ids[0]]);
  });
});

async function orgOf(id: string): Promise<string | null> {
  const row = await t.services.database.db
    .selectFrom('cases')
    .innerJoin('organisations', 'organisations.id', 'cases.organisation_id')
    .select('organisations.name')
    .where('cases.id', '=', id)
    .executeTakeFirst();
  return row?.name ?? null;
}

type Counters = { triage: number | null; overdue: number; returned: number | null };
const counters = async (login: string): Promise<Counters> => {
  const res = await call(login, 'GET', '/api/cases/counters');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Counters>();
};
type Results = { results: { id: string; ok: boolean; error?: { code: string; message: string } }[] };
const bulk = async (login: string, body: unknown): Promise<Results> => {
  const res = await call(login, 'POST', '/api/cases/bulk', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Results>();
};
const statusOf = async (id: string) =>
  await t.services.database.db
    .selectFrom('cases')
    .select(['status', 'merged_into_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('one action on many cases', () => {
  it('is refused to a role without triage; the cases stay as they were', async () => {
    const before = await statusOf(ids[0]!);
    const res = await call('ws_executor', 'POST', '/api/cases/bulk', { action: 'send_to_triage', ids: [ids[0]] });
    expect(res.statusCode).toBe(403);
    expect(await statusOf(ids[0]!)).toEqual(before);
  });

  it('sends the selected cases to triage; a case the lifecycle does not allow fails alone', async () => {
    const routed = [];
    for (const id of ids) if ((await statusOf(id)).status === 'assigned') routed.push(id);
    expect(routed.length).toBeGreaterThanOrEqual(2);
    const missing = '999999999';
    const r = await bulk('ws_operator', { action: 'send_to_triage', ids: [...routed.slice(0, 2), missing] });
    expect(r.results.map((x) => x.ok)).toEqual([true, true, false]);
    expect(r.results[2]).toMatchObject({ id: missing, error: { code: 'not_found' } });
    for (const id of routed.slice(0, 2)) expect((await statusOf(id)).status).toBe('triage');
    const again = await bulk('ws_operator', { action: 'send_to_triage', ids: [routed[0]] });
    expect(again.results[0]).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
  });

  it('assigns the selected cases to an organisation with the reason in each history', async () => {
    const org = await t.services.database.db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('name', '!=', organisation)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const targets = [ids[1]!, ids[2]!];
    const r = await bulk('ws_operator', {
      action: 'assign',
      ids: targets,
      organisationId: org.id,
      reason: 'По итогам разбора',
    });
    expect(
      r.results.every((x) => x.ok),
      JSON.stringify(r),
    ).toBe(true);
    const rows = await t.services.database.db
      .selectFrom('cases')
      .select(['id', 'organisation_id'])
      .where('id', 'in', targets)
      .execute();
    expect(rows.map((x) => x.organisation_id)).toEqual([org.id, org.id]);
    const events = await t.services.database.db
      .selectFrom('case_events')
      .select(['case_id', 'type'])
      .where('case_id', 'in', targets)
      .where('type', '=', 'reassigned')
      .execute();
    expect(events).toHaveLength(2);
  });

  it('merges the selected cases into one; the target itself in the selection is skipped', async () => {
    const r = await bulk('ws_operator', { action: 'merge', targetId: ids[3], ids: [ids[4], ids[3]] });
    expect(r.results).toEqual([{ id: ids[4], ok: true }]);
    expect((await statusOf(ids[4]!)).merged_into_id).toBe(ids[3]);
  });

  it('refuses an empty selection, more than 100 cases and an unknown action with 400', async () => {
    for (const body of [
      { action: 'send_to_triage', ids: [] },
      { action: 'send_to_triage', ids: Array.from({ length: 101 }, (_, i) => String(i + 1)) },
      { action: 'close', ids: [ids[0]] },
      { action: 'assign', ids: [ids[0]], organisationId: 1 },
    ]) {
      const res = await call('ws_operator', 'POST', '/api/cases/bulk', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'validation_failed' } });
    }
  });
});

describe("the navigation's counters", () => {
  it("count triage, overdue and returned cases within each user's reach", async () => {
    const db = t.services.database.db;
    const past = new Date(t.services.clock.now().getTime() - 86_400_000);
    await db.updateTable('cases').set({ final_answer_due_at: past }).where('id', '=', ids[0]!).execute();
    await db.updateTable('cases').set({ status: 'returned' }).where('id', '=', ids[0]!).execute();
    expect((await bulk('ws_operator', { action: 'send_to_triage', ids: [ids[2]] })).results[0]?.ok).toBe(true);
    const open = await db
      .selectFrom('cases')
      .select((eb) => [
        eb.fn.countAll<string>().filterWhere('status', '=', 'triage').as('triage'),
        eb.fn.countAll<string>().filterWhere('status', '=', 'returned').as('returned'),
      ])
      .where('merged_into_id', 'is', null)
      .executeTakeFirstOrThrow();
    const operator = await counters('ws_operator');
    expect(operator).toEqual({ triage: Number(open.triage), overdue: 1, returned: Number(open.returned) });
    expect(operator.triage).toBeGreaterThanOrEqual(1);
    // the operator's come from the rollup; the scan of the cases gives the same
    expect(await countWork(db, t.services.clock.now(), null, null, { scan: true })).toEqual(operator);
    // the curator oversees (neither triages nor answers); the executor answers but does not triage
    expect(await counters('ws_curator')).toEqual({ triage: null, overdue: 1, returned: null });
    expect(await counters('ws_executor')).toEqual({ triage: null, overdue: 1, returned: 1 });
    await db.updateTable('cases').set({ final_answer_at: t.services.clock.now() }).where('id', '=', ids[0]!).execute();
    expect((await counters('ws_executor')).overdue).toBe(0);
  });

  it('need a signed-in user', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/cases/counters' });
    expect(res.statusCode).toBe(401);
  });
});

describe('triage explains itself', () => {
  type Explanation = {
    reason: string | null;
    by: string | null;
    proposal: { organisation: string; rule: string } | null;
  };
  it('says who sent the case to triage and which organisation the rules would pick', async () => {
    expect(routedTo[2], 'the intake routed this case by the rules').toBeTruthy();
    const res = await call('ws_operator', 'GET', `/api/cases/${ids[2]}/triage-explanation`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Explanation>();
    expect(body.reason).toBe('отправлено на разбор');
    expect(body.by).toBeTruthy();
    expect(body.proposal).toMatchObject({ organisation: routedTo[2] });
  });

  it("a case never in triage has no reason; another organisation's executor does not learn the case exists", async () => {
    const res = await call('ws_operator', 'GET', `/api/cases/${ids[3]}/triage-explanation`);
    expect(res.json<Explanation>().reason).toBeNull();
    const foreign = ids.find((id, i) => routedTo[i] !== organisation && id !== ids[0]) ?? '';
    if ((await orgOf(foreign)) !== organisation) {
      expect((await call('ws_executor', 'GET', `/api/cases/${foreign}/triage-explanation`)).statusCode).toBe(404);
    }
  });
});

describe('inbox settings per user', () => {
  it('start from the defaults, are kept for the user who saved them only, and refuse unknown columns', async () => {
    const initial = await call('ws_operator', 'GET', '/api/me/settings/inbox');
    expect(initial.json()).toEqual({
      columns: ['created', 'category', 'municipality', 'organisation', 'status'],
      density: 'compact',
    });
    const saved = await call('ws_operator', 'PUT', '/api/me/settings/inbox', {
      columns: ['status', 'created', 'status'],
      density: 'comfortable',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await call('ws_operator', 'GET', '/api/me/settings/inbox')).json()).toEqual({
      columns: ['status', 'created'],
      density: 'comfortable',
    });
    expect((await call('ws_operator2', 'GET', '/api/me/settings/inbox')).json()).toMatchObject({ density: 'compact' });
    const bad = await call('ws_operator', 'PUT', '/api/me/settings/inbox', { columns: ['secret'], density: 'compact' });
    expect(bad.statusCode).toBe(400);
    expect((await call('ws_operator', 'GET', '/api/me/settings/inbox')).json()).toEqual({
      columns: ['status', 'created'],
      density: 'comfortable',
    });
  });
});
