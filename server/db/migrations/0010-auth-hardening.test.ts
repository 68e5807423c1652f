import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, type Database } from '../database';
import { openBareDatabase } from '../../test/bare-database';
import { loadMigrations } from './index';

// Tokens issued before scopes existed keep exactly what they could do: post messages of any channel, Open311
// requests and monitoring batches. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
let database: Database;
let close: () => Promise<void>;

beforeAll(async () => { ({ database, close } = await openBareDatabase()); }, 60_000);
afterAll(async () => { await close(); });

describe('migration 0010', () => {
  it('gives tokens made by earlier versions the scopes they had; new users, sessions and tokens get safe defaults', async () => {
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: loadMigrations }, allowUnorderedMigrations: true });
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
