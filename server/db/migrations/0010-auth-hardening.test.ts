import { randomBytes } from 'node:crypto';
import { Migrator } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Database } from '../database';
import { MIGRATIONS } from './index';

// Tokens issued before scopes existed keep exactly what they could do: post messages of any channel, Open311
// requests and monitoring batches. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
const serverUrl = process.env.TEST_DATABASE_URL;
const name = `otklik_test_${randomBytes(6).toString('hex')}`;
let database: Database;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try { await client.query(statement); } finally { await client.end(); }
}

beforeAll(async () => {
  let url: string | undefined;
  if (serverUrl) {
    await admin(`create database ${name}`);
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  database = await openDatabase(url ? { url } : { dataDir: 'memory://' });
}, 60_000);
afterAll(async () => {
  await database.close();
  if (serverUrl) await admin(`drop database if exists ${name} with (force)`);
});

describe('migration 0010', () => {
  it('gives tokens made by earlier versions the scopes they had; new users, sessions and tokens get safe defaults', async () => {
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => MIGRATIONS }, allowUnorderedMigrations: true });
    const before = await migrator.migrateTo('0008-rating-rollup');
    expect(before.error).toBeUndefined();
    await database.db.insertInto('api_tokens').values({ name: 'старый', token_hash: 'h1' }).execute();
    await migrateToLatest(database);
    const token = await database.db.selectFrom('api_tokens').select(['name', 'scopes']).executeTakeFirstOrThrow();
    expect(token).toEqual({ name: 'старый', scopes: ['messages', 'open311', 'monitoring'] });
    await database.db.insertInto('api_tokens').values({ name: 'новый', token_hash: 'h2' }).execute();
    const fresh = await database.db.selectFrom('api_tokens').select('scopes').where('name', '=', 'новый').executeTakeFirstOrThrow();
    expect(fresh.scopes).toEqual([]);
    const user = await database.db.insertInto('users').values({ login: 'u', password_hash: 'x', role: 'operator' })
      .returning(['totp_secret', 'deactivated_at', 'password_changed_at']).executeTakeFirstOrThrow();
    expect(user.totp_secret).toBeNull();
    expect(user.password_changed_at).toBeInstanceOf(Date);
  }, 60_000);
});
