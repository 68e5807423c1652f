import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, type TestServices } from '../test/test-services';
import { TransactionEscapeError } from './database';

let services: TestServices;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(async () => services.close());

describe('transactions', () => {
  it('refuses a query on the root handle while a transaction is open (it would deadlock on PGlite, escape on PostgreSQL)', async () => {
    const { database } = services;
    await expect(
      database.transaction(async () => {
        await database.db.selectFrom('blocks').select('code').execute();
      }),
    ).rejects.toBeInstanceOf(TransactionEscapeError);
  });

  it('rolls back every write of a failed transaction and commits a good one', async () => {
    const { database } = services;
    await expect(
      database.transaction(async (trx) => {
        await trx.insertInto('organisations').values({ name: 'Откатится', kind: 'other' }).execute();
        throw new Error('сбой посередине');
      }),
    ).rejects.toThrow('сбой посередине');
    await database.transaction((trx) =>
      trx.insertInto('organisations').values({ name: 'Останется', kind: 'other' }).execute(),
    );
    const names = (
      await database.db
        .selectFrom('organisations')
        .select('name')
        .where('name', 'in', ['Откатится', 'Останется'])
        .execute()
    ).map((r) => r.name);
    expect(names).toEqual(['Останется']);
  });

  it('allows the root handle again after the transaction ends', async () => {
    await services.database.transaction(async (trx) => trx.selectFrom('blocks').select('code').execute());
    expect((await services.database.db.selectFrom('blocks').select('code').execute()).length).toBeGreaterThanOrEqual(8);
  });
});
