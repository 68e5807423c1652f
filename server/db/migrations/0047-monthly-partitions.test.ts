import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, type Database } from '../database';
import { openBareDatabase } from '../../test/bare-database';
import { loadMigrations } from './index';

// Migration 0047 rebuilds messages, case_events and the outbox of an existing database as tables partitioned by
// month: every row keeps its id and values, the keys move to their key tables, and the tables that pointed at a
// message point at its key. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
let database: Database;
let close: () => Promise<void>;

beforeAll(async () => { ({ database, close } = await openBareDatabase()); }, 60_000);
afterAll(async () => { await close(); });

describe('migration 0047', () => {
  it('partitions the stored rows by month, keeping ids, keys and references', async () => {
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: loadMigrations }, allowUnorderedMigrations: true });
    expect((await migrator.migrateTo('0046-open-cases-scope')).error).toBeUndefined();
    const db = database.db;
    const c = await db.insertInto('cases').values({ status: 'new', channel: 'web', created_at: '2021-04-01T10:00:00Z', summary: 'до 0047' } as never)
      .returning('id').executeTakeFirstOrThrow();
    const messages = await db.insertInto('messages').values([
      { channel: 'web', external_id: 'm-2021', text: 'старое', created_at: '2021-04-01T10:00:00Z', case_id: c.id },
      { channel: 'web', external_id: 'm-now', text: 'новое', created_at: new Date(), case_id: c.id },
    ] as never).returning(['id']).execute();
    await db.insertInto('case_events').values({ case_id: c.id, at: '2021-04-01T10:00:00Z', type: 'received', actor_label: 'Импорт' } as never).execute();
    await db.insertInto('outbox').values({ kind: 'x', payload: '{}', idempotency_key: 'job-1', created_at: '2021-04-02T10:00:00Z' }).execute();
    await migrateToLatest(database);

    const where = await sql<{ id: string; p: string }>`select id::text, tableoid::regclass::text as p from messages order by id`.execute(db);
    expect(where.rows.map((r) => r.id)).toEqual(messages.map((m) => m.id));
    expect(where.rows[0]!.p).toBe('messages_p2021_04');
    const keys = await db.selectFrom('message_keys').select(['external_id', 'message_id']).orderBy('message_id').execute();
    expect(keys).toEqual([{ external_id: 'm-2021', message_id: messages[0]!.id }, { external_id: 'm-now', message_id: messages[1]!.id }]);
    expect(await db.selectFrom('outbox_keys').select('idempotency_key').execute()).toEqual([{ idempotency_key: 'job-1' }]);
    expect((await sql<{ p: string }>`select tableoid::regclass::text as p from case_events`.execute(db)).rows).toEqual([{ p: 'case_events_p2021_04' }]);
    const refs = await sql<{ t: string }>`select conrelid::regclass::text as t from pg_constraint where confrelid = 'message_keys'::regclass order by 1`.execute(db);
    expect(refs.rows.map((r) => r.t)).toEqual(['attachments', 'deliveries', 'email_outgoing', 'widget_submissions']);
    // new rows continue the same id sequences
    const next = await db.insertInto('messages').values({ channel: 'web', external_id: 'm-after', text: 'после', created_at: new Date(), case_id: c.id } as never)
      .returning('id').executeTakeFirstOrThrow();
    expect(BigInt(next.id)).toBeGreaterThan(BigInt(messages[1]!.id));
  });
});
