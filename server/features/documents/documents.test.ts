import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../test/test-app';
import { makeUser } from '../../test/test-services';
import { sessionCookie } from '../reports/test-fixture';
import { sha256 } from '../reports/render-report';
import { sealChain, verifyChain } from './chain';

// The registry of official documents over HTTP: the curator approves the indicator set, roles see and download the
// exact bytes, detached signatures are kept with a version and covered by the chain.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });
let t: TestApp;
const cookies: Record<string, string> = {};
const as = (role: string) => ({ cookie: cookies[role]!, 'x-otklik-request': '1' });

beforeAll(async () => {
  t = await startTestApp();
  t.services.clock.set('2026-11-23T12:00:00+03:00');
  for (const role of ['curator', 'head', 'operator', 'auditor', 'executor'] as const) {
    cookies[role] = await sessionCookie(t.services, (await makeUser(t.services, role)).userId);
  }
});
afterAll(async () => {
  await t.close();
});

describe('official documents', () => {
  it('the curator approves the indicator set; it is registered, downloadable byte for byte and signed', async () => {
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/documents/indicator-set',
      headers: as('operator'),
      payload: { year: 2026 },
    });
    expect(refused.statusCode).toBe(403);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/documents/indicator-set',
      headers: as('curator'),
      payload: { year: 2026 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const registered = res.json();
    expect(registered.number).toBe('ПП-2026/1');

    expect((await t.app.inject({ method: 'GET', url: '/api/documents', headers: as('executor') })).statusCode).toBe(
      403,
    );
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/documents?kind=indicator_set', headers: as('auditor') })
    ).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      number: 'ПП-2026/1',
      kindLabel: 'Перечень показателей ЦУР',
      entityId: '2026',
      canAttachSignature: false,
      signatures: [],
    });
    expect(list[0].chain.hash).toMatch(/^[0-9a-f]{64}$/);

    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/documents/${registered.id}/files/pdf`,
      headers: as('auditor'),
    });
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha256(pdf.rawPayload)).toBe(registered.pdfSha256);
    expect(pdf.headers['x-content-sha256']).toBe(registered.pdfSha256);
    const docx = await t.app.inject({
      method: 'GET',
      url: `/api/documents/${registered.id}/files/docx`,
      headers: as('auditor'),
    });
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(sha256(docx.rawPayload)).toBe(registered.docxSha256);

    const signature = Buffer.from('0\x82 подпись CMS', 'utf8');
    const sign = (role: string, fileName: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/documents/${registered.id}/signatures`,
        headers: as(role),
        payload: { fileName, contentBase64: signature.toString('base64') },
      });
    expect((await sign('operator', 'podpis.p7s')).statusCode).toBe(403);
    expect((await sign('head', 'podpis.p7s')).statusCode).toBe(403);
    expect((await sign('curator', 'podpis.exe')).json().error.code).toBe('validation_failed');
    const signed = await sign('curator', 'podpis.p7s');
    expect(signed.statusCode, signed.body).toBe(200);
    const kept = signed.json().signatures[0];
    expect(kept).toMatchObject({ fileName: 'podpis.p7s', size: signature.length, sha256: sha256(signature) });
    const back = await t.app.inject({
      method: 'GET',
      url: `/api/documents/${registered.id}/signatures/${kept.id}`,
      headers: as('auditor'),
    });
    expect(Buffer.compare(back.rawPayload, signature)).toBe(0);

    // The signature is chained like the document; a changed signature file is named by the check.
    const db = t.services.database.db;
    await sealChain(db);
    expect(await verifyChain(db)).toMatchObject({ ok: true, pending: 0 });
    await expect(db.deleteFrom('official_document_signatures').execute()).rejects.toThrow(/неизменна/);
    await sql.raw('alter table official_document_signatures disable trigger user').execute(db);
    await sql.raw(`update official_document_signatures set bytes = 'x'::bytea where id = ${kept.id}`).execute(db);
    await sql.raw('alter table official_document_signatures enable trigger user').execute(db);
    expect(await verifyChain(db)).toMatchObject({
      ok: false,
      broken: { table: 'official_document_signatures', id: kept.id },
    });
  });

  it('answers 404 for an unknown document and 400 for a bad id', async () => {
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/documents/999999/files/pdf', headers: as('auditor') }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/documents/abc/files/pdf', headers: as('auditor') })).statusCode,
    ).toBe(400);
  });
});
