import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Database } from '../../db/database';
import { insertFixture } from '../reports/test-fixture';
import { sealChain } from './chain';

// `otklik verify` as a process: exit 0 with «verified N records, 0 broken» on untouched data; with the triggers
// disabled, one changed history row makes it exit 1 and name the row. On PostgreSQL when TEST_DATABASE_URL is set
// (a database of its own), otherwise on an embedded data folder.
const BIN = fileURLToPath(new URL('../../../bin/otklik.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'otklik-verify-cli-'));
const serverUrl = process.env.TEST_DATABASE_URL;
const dbName = `otklik_test_${Date.now().toString(36)}`;
const dbUrl = serverUrl ? Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString() : undefined;

async function admin(statement: string): Promise<void> {
  const database = await openDatabase({ url: serverUrl ?? '' });
  try {
    await sql.raw(statement).execute(database.db);
  } finally {
    await database.close();
  }
}
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (serverUrl) await admin(`drop database if exists ${dbName} with (force)`);
});

async function withDatabase(work: (database: Database) => Promise<void>): Promise<void> {
  const database = await openDatabase(dbUrl ? { url: dbUrl } : { dataDir: join(dir, 'data', 'pglite') });
  try {
    await work(database);
  } finally {
    await database.close();
  }
}

function otklik(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, OTKLIK_DATA_DIR: join(dir, 'data') };
  if (dbUrl) env.DATABASE_URL = dbUrl;
  else delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 400_000 }, (error, out, err) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out, err });
    });
  });
}

describe('otklik verify', () => {
  it('verifies untouched data, then names the one changed history row and exits 1', async () => {
    if (serverUrl) await admin(`create database ${dbName}`);
    let eventId = '';
    await withDatabase(async (database) => {
      await migrateToLatest(database);
      const [caseId] = await insertFixture(database.db, [
        { org: 'Департамент ЖКХ', createdAt: '2026-11-02T10:00:00+03:00' },
      ]);
      for (const type of ['received', 'routed', 'status']) {
        await database.db
          .insertInto('case_events')
          .values({
            case_id: caseId!,
            at: new Date('2026-11-02T07:00:00Z'),
            type,
            actor_label: 'Система',
            data: JSON.stringify({ type }),
          })
          .execute();
      }
      await sealChain(database.db);
      eventId = (
        await database.db
          .selectFrom('case_events')
          .select('id')
          .orderBy('id')
          .limit(1)
          .offset(1)
          .executeTakeFirstOrThrow()
      ).id;
    });
    const ok = await otklik('verify');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toBe('verified 3 records, 0 broken\n');

    await withDatabase(async (database) => {
      await sql.raw('alter table case_events disable trigger user').execute(database.db);
      await sql.raw(`update case_events set actor_label = 'Другой' where id = ${eventId}`).execute(database.db);
      await sql.raw('alter table case_events enable trigger user').execute(database.db);
    });
    const broken = await otklik('verify');
    expect(broken.code).toBe(1);
    expect(broken.err).toContain(
      `broken record: case_events ${eventId} (звено 2): запись изменена после запечатывания`,
    );
  }, 900_000);
});
