import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/test-app';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { GroupCommit, type NewCaseRows, writeCases } from './group-commit';
import { receiveMessage } from './receive-message';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const at = new Date('2026-11-20T07:00:00Z');
const rows = (externalId: string, over: Partial<NewCaseRows['case']> = {}): NewCaseRows => ({
  case: {
    status: 'triage',
    priority: 'normal',
    channel: 'api',
    summary: `Обращение ${externalId}`,
    classification: { block: null },
    urgency: { priority: 'normal', flags: [] },
    created_at: at,
    ...over,
  },
  events: ['received', 'classified', 'triage'].map((type) => ({
    type,
    at,
    actor_user_id: null,
    actor_label: 'Тест',
    data: { step: type, externalId },
  })),
  message: {
    channel: 'api',
    external_id: externalId,
    text: `Текст ${externalId}`,
    created_at: at,
    received_at: at,
    is_duplicate: false,
  },
});

const historyOf = (caseId: string) =>
  t.services.database.db
    .selectFrom('case_events')
    .select(['id', 'type', 'data'])
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();

describe('group commit of new cases', () => {
  it('writes the intakes of one turn in one statement, with ids and history in arrival order', async () => {
    const group = new GroupCommit(t.services.database.db, { maxBatch: 64, maxInFlight: 1 });
    const written = await Promise.all(['g-1', 'g-2', 'g-3'].map((id) => group.write(rows(id))));
    expect(group.stats).toEqual({ batches: 1, messages: 3, fallbacks: 0 });
    const ids = written.map((w) => w!);
    expect(ids.map((w) => Number(w.caseId))).toEqual([...ids.map((w) => Number(w.caseId))].sort((a, b) => a - b));
    for (const [k, w] of ids.entries()) {
      const message = await t.services.database.db
        .selectFrom('messages')
        .select(['case_id', 'external_id'])
        .where('id', '=', w.messageId)
        .executeTakeFirstOrThrow();
      expect(message).toEqual({ case_id: w.caseId, external_id: `g-${k + 1}` });
      const history = await historyOf(w.caseId);
      expect(history.map((e) => e.type)).toEqual(['received', 'classified', 'triage']);
      expect(history[0]!.data).toEqual({ step: 'received', externalId: `g-${k + 1}` });
    }
  });

  it('answers null for a key already stored and for a repeat within the batch, writing them once', async () => {
    const group = new GroupCommit(t.services.database.db, { maxBatch: 64, maxInFlight: 1 });
    await group.write(rows('r-stored'));
    const [stored, first, repeat, other] = await Promise.all([
      group.write(rows('r-stored')),
      group.write(rows('r-new')),
      group.write(rows('r-new')),
      group.write(rows('r-other')),
    ]);
    expect(group.stats.batches).toBe(2);
    expect(stored).toBeNull();
    expect(repeat).toBeNull();
    expect(first).not.toBeNull();
    expect(other).not.toBeNull();
    // A message that writes nothing opens no case either.
    const opened = await t.services.database.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('summary', 'in', ['Обращение r-stored', 'Обращение r-new'])
      .executeTakeFirstOrThrow();
    expect(Number(opened.n)).toBe(2);
    const counted = await t.services.database.db
      .selectFrom('messages')
      .select((eb) => ['external_id', eb.fn.countAll<string>().as('n')])
      .where('external_id', 'in', ['r-stored', 'r-new', 'r-other'])
      .groupBy('external_id')
      .orderBy('external_id')
      .execute();
    expect(counted.map((r) => [r.external_id, Number(r.n)])).toEqual([
      ['r-new', 1],
      ['r-other', 1],
      ['r-stored', 1],
    ]);
  });

  it('a key being written by another session: the batch waits for it and writes nothing for it, no case either', async () => {
    const db = t.services.database.db;
    const group = new GroupCommit(db, { maxBatch: 64, maxInFlight: 1 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let other!: Promise<[unknown, unknown]>;
    const session = db.transaction().execute(async (trx) => {
      const [mine] = await writeCases(trx, [rows('w-held')]);
      // The batch starts while the other session's row is not committed (on PGlite it waits for the connection).
      other = Promise.all([group.write(rows('w-held')), group.write(rows('w-free'))]);
      await held;
      return mine;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    release();
    const mine = await session;
    const [held2, free] = await other;
    expect(mine).toBeDefined();
    expect(held2).toBeNull();
    expect(free).not.toBeNull();
    const cases = await db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('summary', 'in', ['Обращение w-held', 'Обращение w-free'])
      .executeTakeFirstOrThrow();
    expect(Number(cases.n)).toBe(2);
  });

  it('one message the database refuses fails alone: the others of its batch are written', async () => {
    const group = new GroupCommit(t.services.database.db, { maxBatch: 64, maxInFlight: 1 });
    const results = await Promise.allSettled([
      group.write(rows('b-1')),
      group.write(rows('b-bad', { status: null })),
      group.write(rows('b-3')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(group.stats.fallbacks).toBe(1);
    const stored = await t.services.database.db
      .selectFrom('messages')
      .select('external_id')
      .where('external_id', 'like', 'b-%')
      .orderBy('external_id')
      .execute();
    expect(stored.map((r) => r.external_id)).toEqual(['b-1', 'b-3']);
  });
});

describe('intake with group commit', () => {
  it('writes the same case, message and history as a message written alone (every column reaches the database)', async () => {
    const ctx = rootContext(t.services, SYSTEM_ACTOR);
    const message = (externalId: string) => ({
      channel: 'web' as const,
      externalId,
      text: 'Не горят фонари во дворе дома 12, темно и опасно',
      createdAt: '2026-11-20T10:00:00+03:00',
      author: { name: 'Иванов Иван', contact: '+79990000000', externalId: 'u-1' },
      location: { address: 'ул. Ленина, 12', lat: 59.93, lon: 30.31, municipality: 'Пушкин' },
      labels: { source: 'тест' },
    });
    const grouped = await receiveMessage(ctx, message('same-grouped'), { groupCommit: true });
    const alone = await receiveMessage(ctx, message('same-alone'));
    const caseRow = async (id: string) => {
      const {
        id: _,
        updated_at: __,
        ...row
      } = await t.services.database.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return row;
    };
    const messageRow = async (id: string) => {
      const {
        id: _,
        case_id: __,
        external_id: ___,
        received_at: ____,
        ...row
      } = await t.services.database.db
        .selectFrom('messages')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return row;
    };
    const history = async (caseId: string) =>
      (
        await t.services.database.db
          .selectFrom('case_events')
          .select(['type', 'actor_user_id', 'actor_label', 'data'])
          .where('case_id', '=', caseId)
          .orderBy('id')
          .execute()
      ).map((e) => (e.type === 'received' ? { ...e, data: { ...e.data, externalId: null } } : e));
    expect(await caseRow(grouped.result.caseId)).toEqual(await caseRow(alone.result.caseId));
    expect(await messageRow(grouped.result.messageId)).toEqual(await messageRow(alone.result.messageId));
    expect(await history(grouped.result.caseId)).toEqual(await history(alone.result.caseId));
    expect({ ...grouped.result, caseId: null, messageId: null }).toEqual({
      ...alone.result,
      caseId: null,
      messageId: null,
    });
  });

  const post = (externalId: string, text: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/messages',
      headers: { authorization: `Bearer ${t.token}` },
      payload: { channel: 'web', externalId, text },
    });

  it('concurrent intakes: each new message opens its case, a concurrent repeat answers 200 with the same ids', async () => {
    const texts = ['Яма на дороге у дома 3', 'Не вывозят мусор во дворе', 'Нет горячей воды в доме 7'];
    const answers = await Promise.all([
      ...texts.map((text, k) => post(`h-${k}`, text)),
      post('h-0', texts[0]!),
      post('h-1', texts[1]!),
    ]);
    const bodies = answers.map((a) => a.json<{ caseId: string; messageId: string }>());
    const statuses = answers.map((a) => a.statusCode);
    // Which of the two same posts is first is the server's choice; one creates, the other answers it.
    for (const [a, b] of [
      [0, 3],
      [1, 4],
    ] as const) {
      expect([statuses[a], statuses[b]].sort()).toEqual([200, 201]);
      expect(bodies[b]).toEqual(bodies[a]);
    }
    expect(statuses[2]).toBe(201);
    const caseIds = new Set(bodies.map((b) => b.caseId));
    expect(caseIds.size).toBe(3);
    for (const caseId of caseIds) {
      const messages = await t.services.database.db
        .selectFrom('messages')
        .select('id')
        .where('case_id', '=', caseId)
        .execute();
      expect(messages).toHaveLength(1);
      const history = await historyOf(caseId);
      expect(history[0]!.type).toBe('received');
      expect(history.map((e) => e.type)).toContain('classified');
      expect(['routed', 'triage']).toContain(history.at(-1)!.type);
    }
  });
});
