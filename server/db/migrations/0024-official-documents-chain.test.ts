import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../features/documents/chain';
import { migrateToLatest, type Database } from '../database';
import { openBareDatabase } from '../../test/bare-database';
import { loadMigrations } from './index';

// Migration 0024 seals the history written before it, and from then on the history cannot be edited.
// Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
let database: Database;
let close: () => Promise<void>;

beforeAll(async () => { ({ database, close } = await openBareDatabase()); }, 60_000);
afterAll(async () => { await close(); });

describe('migration 0024', () => {
  it('chains the existing case history in id order and then refuses edits of it', async () => {
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: loadMigrations }, allowUnorderedMigrations: true });
    expect((await migrator.migrateTo('0019-attachment-erasure')).error).toBeUndefined();
    const db = database.db;
    const c = await db.insertInto('cases').values({ status: 'new', channel: 'portal', created_at: '2020-12-01T10:00:00Z', summary: 'до 0024' } as never)
      .returning('id').executeTakeFirstOrThrow();
    for (const type of ['received', 'routed', 'status']) {
      await db.insertInto('case_events').values({ case_id: c.id, at: '2020-12-01T10:00:00Z', type, actor_label: 'Импорт', data: JSON.stringify({ type }) }).execute();
    }
    await migrateToLatest(database);
    const links = await db.selectFrom('chain_links').select(['position', 'source_table', 'source_id']).orderBy('position').execute();
    expect(links.map((l) => [l.position, l.source_table])).toEqual([['1', 'case_events'], ['2', 'case_events'], ['3', 'case_events']]);
    expect(await verifyChain(db)).toEqual({ ok: true, verified: 3, redacted: 0, archived: 0, pending: 0 });
    await expect(sql`update case_events set type = 'x'`.execute(db)).rejects.toThrow(/неизменна/);
  });
});
