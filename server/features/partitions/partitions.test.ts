import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/test-app';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { verifyChain, sealChain } from '../documents/chain';
import { writeCases, type NewCaseRows } from '../intake/group-commit';
import { receiveMessage } from '../intake/receive-message';
import { enqueue } from '../../jobs/outbox';
import { maintainPartitionsJob } from './maintain-partitions.job';
import { detachBefore, ensureMonths, listPartitions, maintainPartitions, monthsBetween } from './partitions';

// Monthly partitions (migration 0047): a row of any date is stored, the nightly upkeep moves it into its month, keys
// stay unique on every path, and retention detaches whole months without breaking the chain of hashes or idempotency.
// Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const db = () => t.services.database.db;
const now = new Date('2026-12-03T09:00:00Z');
const old = new Date('2019-03-05T09:00:00Z');

const rows = (externalId: string, at: Date): NewCaseRows => ({
  case: {
    status: 'triage',
    priority: 'normal',
    channel: 'web',
    summary: `Обращение ${externalId}`,
    classification: { block: null },
    urgency: { priority: 'normal', flags: [] },
    created_at: at,
  },
  events: ['received', 'triage'].map((type) => ({ type, at, actor_user_id: null, actor_label: 'Тест', data: {} })),
  message: {
    channel: 'web',
    external_id: externalId,
    text: `Текст ${externalId}`,
    created_at: at,
    received_at: at,
    is_duplicate: false,
  },
});

const partitionOf = async (table: 'messages' | 'case_events', id: string): Promise<string | undefined> =>
  (
    await sql<{
      p: string;
    }>`select tableoid::regclass::text as p from ${sql.table(table)} where id = ${id}::bigint`.execute(db())
  ).rows[0]?.p;

describe('monthly partitions', () => {
  it('stores a row of a month without a partition in the default one, and the upkeep moves it into its month', async () => {
    const [written] = await writeCases(db(), [rows('part-old-1', old)]);
    expect(await partitionOf('messages', written!.messageId)).toBe('messages_p_default');
    const created = await maintainPartitions(db(), now);
    expect(created).toEqual(expect.arrayContaining(['messages 2019-03', 'case_events 2019-03']));
    expect(await partitionOf('messages', written!.messageId)).toBe('messages_p2019_03');
    const events = await db().selectFrom('case_events').select('id').where('case_id', '=', written!.caseId).execute();
    expect(events).toHaveLength(2);
    for (const e of events) expect(await partitionOf('case_events', e.id)).toBe('case_events_p2019_03');
    // the months ahead exist, and a second run has nothing to do
    const months = (await listPartitions(db(), 'outbox')).map((p) => p.month);
    expect(months).toEqual(expect.arrayContaining(['2026-11', '2026-12', '2027-01', '2027-02', '2027-03', null]));
    expect(await maintainPartitions(db(), now)).toEqual([]);
  });

  it('keeps (channel, external_id) unique across months on every path', async () => {
    const [first] = await writeCases(db(), [rows('part-key-1', old)]);
    expect(first).toBeTruthy();
    // the group commit skips a stored key, whatever month the repeat claims
    expect(await writeCases(db(), [rows('part-key-1', now)])).toEqual([undefined]);
    // a plain insert (the path of import's COPY and of single intakes) is refused with a unique violation
    const insert = (externalId: string, at: Date) =>
      db()
        .insertInto('messages')
        .values({ channel: 'web', external_id: externalId, text: 'повтор', created_at: at, case_id: first!.caseId })
        .execute();
    await expect(insert('part-key-1', now)).rejects.toMatchObject({ code: '23505' });
    // two rows of one statement with one key: refused too, and nothing of the statement stays
    await expect(
      db()
        .insertInto('messages')
        .values([
          { channel: 'web', external_id: 'part-key-2', text: 'a', created_at: old, case_id: first!.caseId },
          { channel: 'web', external_id: 'part-key-2', text: 'b', created_at: now, case_id: first!.caseId },
        ])
        .execute(),
    ).rejects.toMatchObject({ code: '23505' });
    expect(
      await db().selectFrom('message_keys').select('message_id').where('external_id', '=', 'part-key-2').execute(),
    ).toEqual([]);
    // a message moved to another case (merge, split) takes its key along, and the rollups learn of the days it touches
    const [other] = await writeCases(db(), [rows('part-key-3', now)]);
    await db().updateTable('messages').set({ case_id: other!.caseId }).where('id', '=', first!.messageId).execute();
    expect(
      await db().selectFrom('message_keys').select('case_id').where('message_id', '=', first!.messageId).execute(),
    ).toEqual([{ case_id: other!.caseId }]);
    await db().deleteFrom('analytics_dirty_days').execute();
    await db().updateTable('cases').set({ priority: 'high' }).where('id', '=', other!.caseId).execute();
    const dirty = await sql<{ day: string }>`select day::text as day from analytics_dirty_days order by day`.execute(
      db(),
    );
    expect(dirty.rows.map((r) => r.day)).toEqual(['2019-03-05', '2026-12-03']);
    // the outbox's idempotency keys: one job per key, and a deleted job frees its key
    const ctx = rootContext(t.services, SYSTEM_ACTOR);
    await enqueue(ctx, maintainPartitionsJob, {}, 'part-job-1');
    await enqueue(ctx, maintainPartitionsJob, {}, 'part-job-1');
    const jobs = () => db().selectFrom('outbox').select('id').where('idempotency_key', '=', 'part-job-1').execute();
    expect(await jobs()).toHaveLength(1);
    await db().deleteFrom('outbox').where('idempotency_key', '=', 'part-job-1').execute();
    await enqueue(ctx, maintainPartitionsJob, {}, 'part-job-1');
    expect(await jobs()).toHaveLength(1);
  });

  it('detaches whole months into the archive: the chain still verifies, a repeat is still recognised, and the log keeps each month', async () => {
    const ctx = rootContext(t.services, SYSTEM_ACTOR);
    const [written] = await writeCases(db(), [rows('part-archive-1', new Date('2018-06-10T09:00:00Z'))]);
    await maintainPartitions(db(), now);
    // an event not yet sealed holds its month back
    await expect(detachBefore(db(), now, { before: '2018-07', table: 'case_events', actor: 'тест' })).rejects.toThrow(
      /не запечатано в цепочку хешей событий — 2/,
    );
    await sealChain(db(), { full: true });
    // not the current month, not a malformed one
    await expect(detachBefore(db(), now, { before: '2027-01', actor: 'тест' })).rejects.toThrow(/текущий/);
    await expect(detachBefore(db(), now, { before: '2018-6', actor: 'тест' })).rejects.toThrow(/ГГГГ-ММ/);

    const lines = await detachBefore(db(), now, { before: '2018-07', actor: 'тест' });
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^messages 2018-06: отключён и перенесён в otklik_archive\.messages_p2018_06 \(1 строка\)/,
        ),
        expect.stringMatching(/^case_events 2018-06: .*\(2 строки\)/),
      ]),
    );
    expect(await db().selectFrom('messages').select('id').where('id', '=', written!.messageId).execute()).toEqual([]);
    const archived = await sql<{ n: string }>`select count(*)::text as n from otklik_archive.messages_p2018_06`.execute(
      db(),
    );
    expect(archived.rows[0]!.n).toBe('1');
    const log = await db()
      .selectFrom('partition_retention')
      .select(['table_name', 'rows', 'action'])
      .where('partition_name', 'like', '%2018_06')
      .orderBy('table_name')
      .execute();
    expect(log).toEqual([
      { table_name: 'case_events', rows: '2', action: 'detached' },
      { table_name: 'messages', rows: '1', action: 'detached' },
    ]);
    // the chain: the archived events' links still verify, counted apart
    const verified = await verifyChain(db());
    expect(verified).toMatchObject({ ok: true });
    expect(verified.ok && verified.archived).toBe(2);
    // the same message sent again: its key is kept, so it is not taken for a new one
    await expect(
      receiveMessage(ctx, { channel: 'web', externalId: 'part-archive-1', text: 'Текст part-archive-1' }),
    ).rejects.toThrow(/отправлен в архив/);
    // an archived month is not created again by the upkeep
    await writeCases(db(), [rows('part-archive-late', new Date('2018-06-20T09:00:00Z'))]);
    expect(await maintainPartitions(db(), now)).toEqual([]);
  });

  it('drops months with --drop and refuses an outbox month with jobs still to run', async () => {
    const ctx = rootContext(t.services, SYSTEM_ACTOR);
    const at = new Date('2017-02-10T09:00:00Z');
    await writeCases(db(), [rows('part-drop-1', at)]);
    await maintainPartitions(db(), now);
    await sealChain(db(), { full: true });
    await enqueue(
      { ...ctx, services: { ...ctx.services, clock: { now: () => at } } },
      maintainPartitionsJob,
      {},
      'part-old-job',
    );
    await maintainPartitions(db(), now);
    await expect(detachBefore(db(), now, { before: '2017-03', table: 'outbox', actor: 'тест' })).rejects.toThrow(
      /не выполнено заданий — 1/,
    );
    await db().updateTable('outbox').set({ status: 'done' }).where('idempotency_key', '=', 'part-old-job').execute();
    expect(await detachBefore(db(), now, { before: '2017-03', drop: true, actor: 'тест' })).toEqual(
      expect.arrayContaining(['outbox 2017-02: удалён (1 строка)', 'messages 2017-02: удалён (1 строка)']),
    );
    expect(await sql`select to_regclass('otklik_archive.messages_p2017_02') as r`.execute(db())).toMatchObject({
      rows: [{ r: null }],
    });
    // the dropped job's key is freed with it
    expect(
      await db()
        .selectFrom('outbox_keys')
        .select('idempotency_key')
        .where('idempotency_key', '=', 'part-old-job')
        .execute(),
    ).toEqual([]);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'runs without JIT on PostgreSQL (a query over the months would compile for seconds)',
    async () => {
      expect((await sql<{ jit: string }>`show jit`.execute(db())).rows[0]!.jit).toBe('off');
    },
  );

  // The nightly upkeep creates months while messages keep arriving on other connections (PostgreSQL only: PGlite has
  // one connection). Creating a partition locks the tables its foreign keys point at; messages must not deadlock on it.
  it.runIf(process.env.TEST_DATABASE_URL)('creates months while messages arrive, without a deadlock', async () => {
    const ctx = rootContext(t.services, SYSTEM_ACTOR);
    const months = monthsBetween(new Date('2031-01-15T09:00:00Z'), new Date('2032-12-15T09:00:00Z'));
    let upkeepDone = false;
    const upkeep = ensureMonths(db(), months).finally(() => (upkeepDone = true));
    // four senders, each message after the previous one, for as long as the months are being created
    const sender = async (n: number): Promise<string[]> => {
      const errors: string[] = [];
      for (let i = 0; !upkeepDone || i < 5; i += 1) {
        const text = `Яма у дома ${i} на улице Мира, отправитель ${n}`;
        await receiveMessage(ctx, { channel: 'web', externalId: `part-busy-${n}-${i}`, text }).catch((e: unknown) =>
          errors.push(String(e)),
        );
      }
      return errors;
    };
    const errors = await Promise.all([0, 1, 2, 3].map(sender));
    await upkeep;
    expect(errors.flat()).toEqual([]);
    expect((await listPartitions(db(), 'messages')).filter((p) => p.month?.startsWith('2032'))).toHaveLength(12);
  });

  it('counts the Moscow months between two instants', () => {
    expect(monthsBetween(new Date('2026-11-30T21:30:00Z'), new Date('2027-02-01T00:00:00Z'))).toEqual([
      '2026-12-01',
      '2027-01-01',
      '2027-02-01',
    ]);
  });
});
