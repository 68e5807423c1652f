import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, type TestServices } from '../test/test-services';
import { copyRows, copyValue } from './copy-rows';

let services: TestServices;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(async () => services.close());

describe('copyRows', () => {
  it('escapes what the text format reserves and writes NULL, dates, booleans and JSON as INSERT would', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyValue(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03:04:05.678Z');
    expect(copyValue(false)).toBe('f');
    expect(copyValue({ a: 'x\ty' })).toBe('{"a":"x\\\\ty"}'); // JSON's \t, its backslash escaped for COPY
  });

  it('writes rows in the transaction, leaves defaults to left-out columns, and rolls back with it', async () => {
    const { database } = services;
    const [org] = await database.db
      .insertInto('organisations')
      .values({ name: 'Копирование', kind: 'other' })
      .returning('id')
      .execute();
    const tricky = 'Строка\tс табуляцией,\nпереводом строки, \\N и обратной \\ чертой; «кавычки» "и" \'апострофы\'';
    const rows = [
      {
        id: '900000001',
        status: 'assigned',
        channel: 'other',
        summary: tricky,
        created_at: new Date('2026-03-01T09:00:00Z'),
        organisation_id: org!.id,
        classification: JSON.stringify({ block: 'roads', confidence: 0.9 }),
      },
      {
        id: '900000002',
        status: 'triage',
        channel: 'other',
        summary: 'Без организации',
        created_at: new Date('2026-03-01T10:00:00Z'),
        organisation_id: null,
        priority: 'high',
      },
    ];
    await expect(
      database.transaction(async (trx) => {
        await copyRows(trx, 'cases', rows);
        throw new Error('откат');
      }),
    ).rejects.toThrow('откат');
    expect(
      await database.db.selectFrom('cases').select('id').where('id', 'in', ['900000001', '900000002']).execute(),
    ).toEqual([]);

    expect(await database.transaction((trx) => copyRows(trx, 'cases', rows))).toBe(2);
    const stored = await database.db
      .selectFrom('cases')
      .select(['id', 'summary', 'created_at', 'organisation_id', 'priority', 'classification', 'source'])
      .where('id', 'in', ['900000001', '900000002'])
      .orderBy('id')
      .execute();
    expect(stored.map((r) => r.summary)).toEqual([tricky, 'Без организации']);
    expect(stored[0]!.created_at.toISOString()).toBe('2026-03-01T09:00:00.000Z');
    expect(stored[0]!.classification).toEqual({ block: 'roads', confidence: 0.9 });
    expect(stored.map((r) => [r.organisation_id, r.priority, r.source])).toEqual([
      [org!.id, 'normal', 'intake'],
      [null, 'high', 'intake'],
    ]);
  });

  it('fails the transaction on a violated key like INSERT does', async () => {
    const { database } = services;
    const row = { id: '900000003', status: 'triage', channel: 'other', summary: 'x', created_at: new Date() };
    await database.transaction((trx) => copyRows(trx, 'cases', [row]));
    await expect(database.transaction((trx) => copyRows(trx, 'cases', [row]))).rejects.toMatchObject({ code: '23505' });
  });
});
