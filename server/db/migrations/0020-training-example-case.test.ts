import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBareDatabase } from '../../test/bare-database';
import { migrateToLatest, type Database } from '../database';
import { loadMigrations } from './index';

// Training examples written by a promoted cluster before 0020 kept their case in `previous.caseId`; the migration
// moves it into `case_id`, as corrections have it. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
let database: Database;
let close: () => Promise<void>;

beforeAll(async () => { ({ database, close } = await openBareDatabase()); }, 60_000);
afterAll(async () => close());

describe('migration 0020', () => {
  it('moves the case of old cluster examples into case_id, leaving corrections and vanished cases alone', async () => {
    const db = database.db;
    const migrator = new Migrator({ db, provider: { getMigrations: loadMigrations }, allowUnorderedMigrations: true });
    expect((await migrator.migrateTo('0019-attachment-erasure')).error).toBeUndefined();
    const at = new Date('2026-11-01T10:00:00Z');
    const { id: caseId } = await db.insertInto('cases').values({
      status: 'assigned', channel: 'portal', summary: 'Самокаты на тротуаре', created_at: at, first_response_due_at: at, final_answer_due_at: at,
    } as never).returning('id').executeTakeFirstOrThrow();
    const example = (source: string, caseRef: string | null, previous: Record<string, unknown>) => ({
      text: `пример ${source}`, block_code: 'other', category_code: 'scooters', source, case_id: caseRef, previous: JSON.stringify(previous),
    });
    await db.insertInto('training_examples').values([
      example('cluster', null, { block: 'other', category: 'other', caseId }),
      example('cluster', null, { block: 'other', category: 'other', caseId: '999999' }),
      example('correction', caseId, { block: 'roads', category: 'potholes' }),
    ]).execute();
    await migrateToLatest(database);
    const rows = await db.selectFrom('training_examples').select(['source', 'case_id', 'previous']).orderBy('id').execute();
    expect(rows).toEqual([
      { source: 'cluster', case_id: caseId, previous: { block: 'other', category: 'other' } },
      { source: 'cluster', case_id: null, previous: { block: 'other', category: 'other', caseId: '999999' } },
      { source: 'correction', case_id: caseId, previous: { block: 'roads', category: 'potholes' } },
    ]);
  }, 60_000);
});
