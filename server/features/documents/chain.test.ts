import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OPERATIONS } from '../../cli/operations';
import { withTransaction } from '../../lib/context';
import { createTestServices, ctxAs, type TestServices } from '../../test/test-services';
import { appendEvents } from '../cases/case-events';
import { insertFixture } from '../reports/test-fixture';
import { redactCaseEvent, sealChain, verifyChain } from './chain';
import { registerApprovedVersion } from './register-document';

// The hash chain over the case history and the official documents: triggers, sealing, verification, tampering with
// the triggers disabled, the controlled redaction path. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let services: TestServices;
let caseIds: string[];
const system = () => ctxAs(services, { kind: 'system', label: 'Система' });
const db = () => services.database.db;
const verify = () => OPERATIONS['chain.verify']!.run(services, {}, {});

async function tamper(table: string, statement: string): Promise<void> {
  await sql.raw(`alter table ${table} disable trigger user`).execute(db());
  try {
    await sql.raw(statement).execute(db());
  } finally {
    await sql.raw(`alter table ${table} enable trigger user`).execute(db());
  }
}

beforeAll(async () => {
  services = await createTestServices({ now: '2026-11-23T12:00:00+03:00' });
  caseIds = await insertFixture(db(), [
    { org: 'Департамент ЖКХ', createdAt: '2026-11-02T10:00:00+03:00' },
    { org: 'Департамент ЖКХ', createdAt: '2026-11-03T10:00:00+03:00' },
  ]);
  for (const caseId of caseIds) {
    await appendEvents(system(), [
      { caseId, type: 'received', data: { channel: 'portal' } },
      { caseId, type: 'routed', data: { organisation: 'Департамент ЖКХ' } },
    ]);
  }
});
afterAll(async () => {
  await services.close();
});

describe('hash chain', () => {
  it('seals new history in order and verifies it; a second run finds nothing to seal', async () => {
    expect(await sealChain(db())).toBe(4);
    expect(await sealChain(db())).toBe(0);
    expect(await verify()).toEqual(['verified 4 records, 0 broken']);
    const links = await db()
      .selectFrom('chain_links')
      .select(['position', 'source_table', 'prev_hash', 'hash'])
      .orderBy('position')
      .execute();
    expect(links.map((l) => l.position)).toEqual(['1', '2', '3', '4']);
    expect(links[1]?.prev_hash).toBe(links[0]?.hash);
    await appendEvents(system(), [{ caseId: caseIds[0]!, type: 'status', data: { to: 'in_progress' } }]);
    expect(await verify()).toEqual([
      'verified 4 records, 0 broken',
      'ещё не запечатано: 1 (запечатает сервер в течение минуты или otklik verify --seal)',
    ]);
    expect(await OPERATIONS['chain.verify']!.run(services, { seal: true }, {})).toEqual([
      'запечатано новых записей: 1',
      'verified 5 records, 0 broken',
    ]);
  });

  it('refuses UPDATE and DELETE on the history, the documents and the chain', async () => {
    await expect(db().updateTable('case_events').set({ type: 'x' }).execute()).rejects.toThrow(/неизменна/);
    await expect(db().deleteFrom('case_events').where('case_id', '=', caseIds[0]!).execute()).rejects.toThrow(
      /неизменна/,
    );
    await expect(db().updateTable('chain_links').set({ hash: 'x' }).execute()).rejects.toThrow(/неизменно/);
    await expect(db().deleteFrom('chain_links').execute()).rejects.toThrow(/неизменно/);
    const doc = await registerApprovedVersion(system(), {
      kind: 'indicator_set',
      entityId: '2026',
      title: 'Перечень',
      payload: { a: 1 },
      pdf: Buffer.from('%PDF-1'),
    });
    await expect(
      db().updateTable('official_documents').set({ title: 'другое' }).where('id', '=', doc.id).execute(),
    ).rejects.toThrow(/неизменна/);
    await expect(db().deleteFrom('official_documents').where('id', '=', doc.id).execute()).rejects.toThrow(/неизменна/);
    expect(await verify()).toEqual(['verified 6 records, 0 broken']);
  });

  it('registers numbers per kind and year, seals the document at once and keeps the exact bytes', async () => {
    const pdf = Buffer.from('%PDF-1.7 доклад');
    const a = await registerApprovedVersion(system(), {
      kind: 'monthly_report',
      entityId: '2026-10',
      title: 'Доклад',
      payload: { v: 1 },
      pdf,
      docx: Buffer.from('PK docx'),
    });
    const b = await registerApprovedVersion(system(), {
      kind: 'monthly_report',
      entityId: '2026-10',
      title: 'Доклад',
      payload: { v: 2 },
      pdf,
    });
    expect([a.number, b.number]).toEqual(['ДГ-2026/1', 'ДГ-2026/2']);
    expect(a.chain.position).not.toBe(b.chain.position);
    expect(a.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.docxSha256).toBeNull();
    await expect(
      registerApprovedVersion(system(), { kind: 'roadmap', entityId: '2027', title: 'Без файлов', payload: {} }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    services.clock.set('2027-01-10T12:00:00+03:00');
    expect(
      (
        await registerApprovedVersion(system(), {
          kind: 'monthly_report',
          entityId: '2026-12',
          title: 'Доклад',
          payload: {},
          pdf,
        })
      ).number,
    ).toBe('ДГ-2027/1');
    services.clock.set('2026-11-23T12:00:00+03:00');
  });

  it('with the triggers disabled, one changed event or document makes verify fail and name it; restoring it verifies', async () => {
    const event = await db()
      .selectFrom('case_events')
      .select(['id', 'data'])
      .orderBy('id')
      .limit(1)
      .offset(1)
      .executeTakeFirstOrThrow();
    await tamper('case_events', `update case_events set data = '{"organisation":"Другая"}' where id = ${event.id}`);
    await expect(verify()).rejects.toThrow(
      new RegExp(`^broken record: case_events ${event.id} \\(звено 2\\): запись изменена`),
    );
    await tamper('case_events', `update case_events set data = '${JSON.stringify(event.data)}' where id = ${event.id}`);
    expect((await verify())[0]).toMatch(/^verified \d+ records, 0 broken$/);

    const doc = await db()
      .selectFrom('official_documents')
      .select(['id'])
      .where('kind', '=', 'monthly_report')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    await tamper(
      'official_documents',
      `update official_documents set pdf = pdf || '\\x00'::bytea where id = ${doc.id}`,
    );
    await expect(verify()).rejects.toThrow(new RegExp(`^broken record: official_documents ${doc.id} `));
    await tamper(
      'official_documents',
      `update official_documents set pdf = substring(pdf from 1 for octet_length(pdf) - 1) where id = ${doc.id}`,
    );
    expect((await verify())[0]).toMatch(/^verified \d+ records, 0 broken$/);

    const last = await db()
      .selectFrom('case_events')
      .select('id')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await tamper('case_events', `delete from case_events where id = ${last.id}`);
    await expect(verify()).rejects.toThrow(new RegExp(`broken record: case_events ${last.id} .*запись удалена`));
  });

  it('a deleted or rewritten link breaks the chain at that place', async () => {
    const fresh = await createTestServices({ now: '2026-11-23T12:00:00+03:00' });
    try {
      const [caseId] = await insertFixture(fresh.database.db, [
        { org: 'Департамент ЖКХ', createdAt: '2026-11-02T10:00:00+03:00' },
      ]);
      await appendEvents(
        ctxAs(fresh, { kind: 'system', label: 'Система' }),
        [1, 2, 3].map((n) => ({ caseId: caseId!, type: 'status', data: { n } })),
      );
      await sealChain(fresh.database.db);
      await sql.raw('alter table chain_links disable trigger user').execute(fresh.database.db);
      await sql.raw('delete from chain_links where position = 2').execute(fresh.database.db);
      const result = await verifyChain(fresh.database.db);
      expect(result).toMatchObject({
        ok: false,
        verified: 1,
        broken: { position: '3', problem: expect.stringContaining('нет звена 2') },
      });
    } finally {
      await fresh.close();
    }
  });

  it('erasure rewrites a chained event only on the controlled path, and the chain still verifies', async () => {
    const fresh = await createTestServices({ now: '2026-11-23T12:00:00+03:00' });
    try {
      const ctx = ctxAs(fresh, { kind: 'system', label: 'Система' });
      const [caseId] = await insertFixture(fresh.database.db, [
        { org: 'Департамент ЖКХ', createdAt: '2026-11-02T10:00:00+03:00' },
      ]);
      await appendEvents(ctx, [
        { caseId: caseId!, type: 'follow_up', data: { subject: 'Иванов, тел. +7 905 123-45-67' } },
      ]);
      await sealChain(fresh.database.db);
      const event = await fresh.database.db.selectFrom('case_events').select('id').executeTakeFirstOrThrow();
      await withTransaction(ctx, (tx) =>
        redactCaseEvent(tx, event.id, { subject: 'Иванов, тел. [телефон]' }, 'уничтожение ПДн'),
      );
      // Outside that path the same change is refused.
      await expect(
        fresh.database.db
          .updateTable('case_events')
          .set({ data: JSON.stringify({}) })
          .execute(),
      ).rejects.toThrow(/неизменна/);
      expect(await verifyChain(fresh.database.db)).toMatchObject({ ok: true, verified: 1, redacted: 1, pending: 1 });
      await sealChain(fresh.database.db);
      expect(await verifyChain(fresh.database.db)).toMatchObject({ ok: true, verified: 2, redacted: 1, pending: 0 });
      // A redaction names one digest: a further change without one is caught.
      await sql.raw('alter table case_events disable trigger user').execute(fresh.database.db);
      await sql.raw(`update case_events set data = '{}' where id = ${event.id}`).execute(fresh.database.db);
      expect(await verifyChain(fresh.database.db)).toMatchObject({
        ok: false,
        broken: { table: 'case_events', id: event.id },
      });
    } finally {
      await fresh.close();
    }
  });

  it('stays one unbroken chain when intake and several sealers run at the same time', async () => {
    const fresh = await createTestServices({ now: '2026-11-23T12:00:00+03:00' });
    try {
      const ctx = ctxAs(fresh, { kind: 'system', label: 'Система' });
      const [caseId] = await insertFixture(fresh.database.db, [
        { org: 'Департамент ЖКХ', createdAt: '2026-11-02T10:00:00+03:00' },
      ]);
      const writers = Array.from({ length: 8 }, (_, w) =>
        (async () => {
          for (let i = 0; i < 10; i++)
            await withTransaction(ctx, (tx) => appendEvents(tx, [{ caseId: caseId!, type: 'status', data: { w, i } }]));
        })(),
      );
      const sealers = Array.from({ length: 4 }, () =>
        (async () => {
          for (let i = 0; i < 5; i++) await sealChain(fresh.database.db);
        })(),
      );
      await Promise.all([...writers, ...sealers]);
      await sealChain(fresh.database.db);
      expect(await verifyChain(fresh.database.db)).toEqual({
        ok: true,
        verified: 80,
        redacted: 0,
        archived: 0,
        pending: 0,
      });

      // A transaction that took an id long ago and commits late: an ordinary pass looks only at recent ids, a full pass finds it.
      const event = (id: number) => ({
        id: String(id),
        case_id: caseId!,
        at: new Date(),
        type: 'status',
        actor_label: 'Система',
        data: '{}',
      });
      await fresh.database.db.insertInto('case_events').values(event(100_000)).execute();
      expect(await sealChain(fresh.database.db)).toBe(1);
      await fresh.database.db.insertInto('case_events').values(event(90_000)).execute();
      expect(await sealChain(fresh.database.db)).toBe(0);
      expect(await verifyChain(fresh.database.db)).toMatchObject({ ok: true, verified: 81, pending: 1 });
      expect(await sealChain(fresh.database.db, { full: true })).toBe(1);
      expect(await verifyChain(fresh.database.db)).toEqual({
        ok: true,
        verified: 82,
        redacted: 0,
        archived: 0,
        pending: 0,
      });
    } finally {
      await fresh.close();
    }
  });
});
