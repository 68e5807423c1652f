import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { migrateToLatest } from '../database';
import { openBareDatabase } from '../../test/bare-database';
import { applyDatabaseFunctions, DATABASE_FUNCTIONS, type DatabaseFunction } from './index';

let database: Database;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ database, close } = await openBareDatabase());
  await migrateToLatest(database);
});
afterAll(async () => close());

const dirtyDays = async (): Promise<string[]> =>
  (
    await sql<{ day: string }>`select day::text as day from analytics_dirty_days order by day`.execute(database.db)
  ).rows.map((r) => r.day);

describe('database functions kept as code', () => {
  it('are applied by the migration step and left alone when unchanged', async () => {
    expect(await applyDatabaseFunctions(database.db)).toEqual([]);
    const { rows } = await sql<{
      c: string | null;
    }>`select obj_description('analytics_fill_unit_days(date[])'::regprocedure, 'pg_proc') as c`.execute(database.db);
    expect(rows[0]?.c).toMatch(/^otklik:[0-9a-f]{64}$/);
  });

  it('replaces a changed definition at the next start and marks every day of the facts for recomputation', async () => {
    await sql`insert into analytics_message_facts (message_id, day, created_at, due, status, first_at, final_at, returned, accepted)
      values (-1, '2026-10-05', '2026-10-05T10:00:00+03:00', null, 'new', null, null, false, false)`.execute(
      database.db,
    );
    await sql`delete from analytics_dirty_days`.execute(database.db);
    const days = DATABASE_FUNCTIONS[0] as DatabaseFunction;
    const changed: DatabaseFunction = { ...days, definition: `${days.definition}\n-- a figure changed` };
    expect(await applyDatabaseFunctions(database.db, [changed])).toEqual(['analytics_fill_unit_days(date[])']);
    expect(await dirtyDays()).toEqual(['2026-10-05']);
    // back to the definition of the code: replaced again, and then stable
    expect(await applyDatabaseFunctions(database.db)).toEqual(['analytics_fill_unit_days(date[])']);
    expect(await applyDatabaseFunctions(database.db)).toEqual([]);
    await sql`delete from analytics_message_facts where message_id = -1`.execute(database.db);
    await sql`delete from analytics_dirty_days`.execute(database.db);
  });
});
