import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../http/app';
import { runDueJobs } from '../../jobs/dispatcher';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, ctxAs, makeUser, type TestServices } from '../../test/test-services';
import { assembleReportData } from './assemble-report-data';
import { draftDueAt, firstWorkingDay, scheduleMonthlyReports } from './monthly-report.job';
import { listDocuments } from '../documents/documents-queries';
import { reportFile } from './report-queries';
import { agreeReport, approveReport, editConclusions, generateReport } from './report-workflow';
import { sha256 } from './render-report';
import { insertFixture, sessionCookie } from './test-fixture';

// Rendering and a fresh database per file are slow on a busy machine; the assertions, not the clock, are the test.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

const ORG_A = 'Департамент жилищно-коммунального хозяйства';
const ORG_B = 'Администрация Угличского муниципального района';
let services: TestServices;
const dir = mkdtempSync(join(tmpdir(), 'otklik-report-test-'));

beforeAll(async () => {
  services = await createTestServices({ now: '2026-11-23T12:00:00+03:00', analyzer: createTestAnalyzer() });
  await insertFixture(services.database.db, [
    // September: 2 messages (portal, email)
    {
      org: ORG_A,
      createdAt: '2026-09-10T10:00:00+03:00',
      finalAnswerAt: '2026-09-12T10:00:00+03:00',
      finalDueAt: '2026-09-30T18:00:00+03:00',
    },
    {
      org: ORG_B,
      channel: 'email',
      createdAt: '2026-09-15T10:00:00+03:00',
      finalAnswerAt: '2026-09-16T10:00:00+03:00',
      finalDueAt: '2026-10-05T18:00:00+03:00',
    },
    // October: 4 messages (3 portal, 1 phone); two deadlines missed in October
    {
      org: ORG_A,
      createdAt: '2026-10-01T00:30:00+03:00',
      finalAnswerAt: '2026-10-25T10:00:00+03:00',
      finalDueAt: '2026-10-20T18:00:00+03:00',
      rating: { score: 5, at: '2026-10-26T10:00:00+03:00' },
    },
    { org: ORG_A, createdAt: '2026-10-05T10:00:00+03:00', finalDueAt: '2026-10-28T18:00:00+03:00' },
    {
      org: ORG_B,
      createdAt: '2026-10-06T10:00:00+03:00',
      finalAnswerAt: '2026-10-07T10:00:00+03:00',
      finalDueAt: '2026-10-27T18:00:00+03:00',
      rating: { score: 2, at: '2026-10-08T10:00:00+03:00' },
    },
    {
      org: ORG_B,
      channel: 'phone',
      block: 'roads',
      category: 'potholes',
      createdAt: '2026-10-31T23:30:00+03:00',
      finalDueAt: '2026-11-20T18:00:00+03:00',
    },
  ]);
});
afterAll(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

const system = () => ctxAs(services, { kind: 'system', label: 'Система' });

describe('report data for a month', () => {
  it('counts by channel, organisation and problem with the previous month beside, overdue and satisfaction', async () => {
    const data = await assembleReportData(system(), '2026-10');
    expect(data.summary).toMatchObject({
      messages: 4,
      previousMessages: 2,
      cases: 4,
      finalAnswers: 2,
      overdue: 2,
      ratings: 2,
      averageRating: 3.5,
    });
    expect(data.byChannel.map((r) => [r.label, r.count, r.previous])).toEqual([
      ['Портал', 3, 1],
      ['Телефон', 1, 0],
      ['Электронная почта', 0, 1],
    ]);
    expect(data.byOrganisation.map((r) => [r.label, r.count, r.previous])).toEqual([
      [ORG_B, 2, 1],
      [ORG_A, 2, 1],
    ]);
    expect(data.topProblems[0]).toMatchObject({ label: 'ЖКХ — Отопление', count: 3, previous: 2 });
    expect(data.overdue.byOrganisation).toEqual([{ name: ORG_A, count: 2 }]);
    expect(data.overdue.cases.map((c) => c.answeredAt === null)).toEqual([false, true]);
    expect(data.satisfaction).toMatchObject({ count: 2, distribution: [0, 1, 0, 0, 1], satisfiedShare: 50 });
    // Ratings from the analytics feature: both organisations have 2 messages in October (the minimum volume).
    expect(data.ratings.ranked).toBe(2);
    expect(data.ratings.best.map((r) => r.name).sort()).toEqual([ORG_A, ORG_B].sort());
    expect(data.kpis.length).toBeGreaterThanOrEqual(5);
  });
});

describe('workflow: draft → agreed by the head → approved by the curator', () => {
  it('enforces roles and order, and stores immutable approved versions with SHA-256', async () => {
    const operator = ctxAs(services, await makeUser(services, 'operator'));
    const head = ctxAs(services, await makeUser(services, 'head'));
    const curator = ctxAs(services, await makeUser(services, 'curator'));
    const auditor = ctxAs(services, await makeUser(services, 'auditor'));

    await expect(generateReport(auditor, '2026-10')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(generateReport(operator, '2026-12')).rejects.toMatchObject({ code: 'validation_failed' });
    const draft = await generateReport(operator, '2026-10');
    expect(draft).toMatchObject({
      status: 'draft',
      title: 'Ежемесячный доклад Губернатору о работе с обращениями граждан за октябрь 2026 года',
    });
    expect(draft.allowedActions).toEqual(['edit', 'regenerate']);

    await expect(approveReport(curator, '2026-10')).rejects.toMatchObject({ code: 'invalid_transition' });
    await expect(agreeReport(operator, '2026-10')).rejects.toMatchObject({ code: 'forbidden' });
    await editConclusions(operator, '2026-10', 'Рост обращений по дорогам.\n\nРекомендуется проверить Углич.');
    expect((await agreeReport(head, '2026-10')).status).toBe('agreed');
    // An edit after agreement sends the report back for agreement.
    expect((await editConclusions(operator, '2026-10', 'Рост обращений по дорогам. Исправлено.')).status).toBe('draft');
    await agreeReport(head, '2026-10');
    await expect(approveReport(head, '2026-10')).rejects.toMatchObject({ code: 'forbidden' });
    const approved = await approveReport(curator, '2026-10');
    expect(approved.status).toBe('approved');
    expect(approved.versions.map((v) => [v.version, v.format])).toEqual([
      [1, 'docx'],
      [1, 'pdf'],
      [1, 'xlsx'],
    ]);
    await expect(editConclusions(operator, '2026-10', 'поздно')).rejects.toMatchObject({ code: 'invalid_transition' });

    const v1 = await reportFile(auditor, '2026-10', 'pdf');
    expect(v1.version).toBe(1);
    expect(sha256(v1.bytes)).toBe(approved.versions.find((v) => v.format === 'pdf')?.sha256);

    // A new edition: fresh data, conclusions kept, agreed and approved again as version 2; version 1 never changes.
    await insertFixture(services.database.db, [{ org: ORG_B, createdAt: '2026-10-15T10:00:00+03:00' }]);
    const regenerated = await generateReport(operator, '2026-10');
    expect(regenerated).toMatchObject({ status: 'draft', approvedBy: null, approvedVersion: 1 });
    // Until the new draft is approved, the approved bytes stay the default download (API, CLI, web use reportFile).
    const inForce = await reportFile(auditor, '2026-10', 'pdf');
    expect([inForce.version, inForce.sha256, inForce.status]).toEqual([1, v1.sha256, 'approved']);
    const draftFile = await reportFile(auditor, '2026-10', 'pdf', { draft: true });
    expect(draftFile).toMatchObject({ version: null, status: 'draft' });
    expect(draftFile.sha256).not.toBe(v1.sha256);
    await agreeReport(head, '2026-10');
    expect((await reportFile(auditor, '2026-10', 'docx')).version).toBe(1);
    const second = await approveReport(curator, '2026-10');
    expect(second.versions.filter((v) => v.version === 2)).toHaveLength(3);
    const again = await reportFile(auditor, '2026-10', 'pdf', { version: 1 });
    expect(Buffer.from(again.bytes).equals(Buffer.from(v1.bytes))).toBe(true);
    expect(again.sha256).toBe(v1.sha256);
    expect((await reportFile(auditor, '2026-10', 'pdf')).version).toBe(2);
    expect(second.approvedVersion).toBe(2);

    // Each approval registered the PDF and DOCX as an official document with the same bytes.
    const registered = await listDocuments(auditor, { kind: 'monthly_report', entity: '2026-10' });
    expect(registered.map((d) => d.number)).toEqual(['ДГ-2026/2', 'ДГ-2026/1']);
    expect(registered[1]?.files.find((f) => f.format === 'pdf')?.sha256).toBe(v1.sha256);
    expect(registered[1]?.chain?.hash).toMatch(/^[0-9a-f]{64}$/);

    const db = services.database.db;
    await expect(db.updateTable('monthly_report_versions').set({ sha256: 'x' }).execute()).rejects.toThrow(/неизменна/);
    await expect(db.deleteFrom('monthly_report_versions').execute()).rejects.toThrow(/неизменна/);
    expect((await reportFile(auditor, '2026-10', 'pdf', { version: 1 })).sha256).toBe(v1.sha256);
  });

  it('over HTTP: executors are refused, downloads carry the stored hash', async () => {
    const app = await buildApp(services);
    try {
      const executor = await makeUser(services, 'executor');
      const auditor = await makeUser(services, 'auditor');
      expect(
        (
          await app.inject({
            method: 'GET',
            url: '/api/reports',
            headers: { cookie: await sessionCookie(services, executor.userId) },
          })
        ).statusCode,
      ).toBe(403);
      const cookie = await sessionCookie(services, auditor.userId);
      const list = await app.inject({ method: 'GET', url: '/api/reports', headers: { cookie } });
      const item = list.json().items[0];
      expect(item.allowedActions).toEqual([]);
      const res = await app.inject({
        method: 'GET',
        url: '/api/reports/2026-10/file?format=xlsx&version=1',
        headers: { cookie },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const stored = item.versions.find(
        (v: { version: number; format: string }) => v.version === 1 && v.format === 'xlsx',
      );
      expect(res.headers['x-content-sha256']).toBe(stored.sha256);
      expect(sha256(res.rawPayload)).toBe(stored.sha256);
      const latest = Math.max(...item.versions.map((v: { version: number }) => v.version));
      const inForce = await app.inject({
        method: 'GET',
        url: '/api/reports/2026-10/file?format=pdf',
        headers: { cookie },
      });
      expect(inForce.headers['x-report-version']).toBe(String(latest));
      const draft = await app.inject({
        method: 'GET',
        url: '/api/reports/2026-10/file?format=pdf&draft=true',
        headers: { cookie },
      });
      expect(draft.statusCode).toBe(200);
      expect(draft.headers['x-report-version']).toBe('draft');
      const bad = await app.inject({ method: 'GET', url: '/api/reports/2026-13/file?format=pdf', headers: { cookie } });
      expect(bad.statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });
});

describe('the three formats', () => {
  let files: Record<'pdf' | 'docx' | 'xlsx', Uint8Array>;
  beforeAll(async () => {
    await generateReport(system(), '2026-09');
    await editConclusions(system(), '2026-09', 'Выводы аналитиков за сентябрь.');
    const get = async (f: 'pdf' | 'docx' | 'xlsx') => (await reportFile(system(), '2026-09', f)).bytes;
    files = { pdf: await get('pdf'), docx: await get('docx'), xlsx: await get('xlsx') };
  });

  it('PDF: embedded DejaVu font, vector bars, Cyrillic text extractable', (ctx) => {
    const pdf = Buffer.from(files.pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/FontFile2/);
    let text: string;
    try {
      text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString();
    } catch {
      if (process.env.CI === 'true') throw new Error('pdftotext (poppler-utils) is required under CI');
      ctx.skip();
      return;
    }
    expect(text).toContain('за сентябрь 2026 года');
    expect(text).toContain(ORG_A);
    expect(text).toContain('Выводы аналитиков за сентябрь.');
  });

  it('DOCX: a Word document with the organisations, a native chart and the conclusions', async () => {
    const zip = await JSZip.loadAsync(files.docx);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain(ORG_B);
    expect(xml).toContain('Выводы аналитиков за сентябрь.');
    expect(Object.keys(zip.files).some((f) => f.startsWith('word/charts/chart'))).toBe(true);
  });

  it('XLSX: a sheet per section with numbers as numbers', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(files.xlsx) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(['Доклад', 'Каналы', 'Исполнители', 'Показатели', 'Выводы']),
    );
    const rows: unknown[][] = [];
    book.getWorksheet('Исполнители')?.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows).toContainEqual([ORG_A, 1, 0, 'новое']);
  });

  it('LibreOffice converts the DOCX and XLSX to PDF when it is installed', (ctx) => {
    const office = ['soffice', 'libreoffice'].find((bin) => {
      try {
        execFileSync('which', [bin]);
        return true;
      } catch {
        return false;
      }
    });
    if (!office) {
      ctx.skip();
      return;
    }
    for (const f of ['docx', 'xlsx'] as const) {
      const path = join(dir, `r.${f}`);
      writeFileSync(path, files[f]);
      execFileSync(
        office,
        [
          '--headless',
          `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
          '--convert-to',
          'pdf',
          '--outdir',
          join(dir, f),
          path,
        ],
        { timeout: 120_000 },
      );
      expect(execFileSync('pdftotext', [join(dir, f, 'r.pdf'), '-']).toString()).toContain(ORG_A);
    }
  }, 240_000);
});

describe('scheduled draft on the first working day', () => {
  it('finds the first working day on the production calendar', () => {
    expect(firstWorkingDay(services.calendar, '2026-01')).toBe('2026-01-12');
    expect(firstWorkingDay(services.calendar, '2026-11')).toBe('2026-11-02');
    expect(draftDueAt(services.calendar, '2026-10').toISOString()).toBe('2026-11-02T06:00:00.000Z');
  });

  it('generates the previous month’s draft once, and schedules the next month', async () => {
    await scheduleMonthlyReports(services);
    await scheduleMonthlyReports(services);
    const jobs = await services.database.db
      .selectFrom('outbox')
      .select(['idempotency_key', 'run_after'])
      .where('kind', '=', 'reports.monthly_draft')
      .orderBy('run_after')
      .execute();
    expect(jobs.map((j) => j.idempotency_key)).toEqual([
      'reports.monthly_draft:2026-10',
      'reports.monthly_draft:2026-11',
    ]);
    await runDueJobs(services);
    const row = await services.database.db
      .selectFrom('monthly_reports')
      .select(['status', 'generated_by'])
      .where('month', '=', '2026-10')
      .executeTakeFirstOrThrow();
    // 2026-10 was already approved above: the job leaves an existing report alone.
    expect(row.status).toBe('approved');
    await services.database.db.deleteFrom('outbox').execute();
    await scheduleMonthlyReports(services);
    services.clock.set('2026-12-01T09:00:00+03:00');
    await runDueJobs(services);
    const nov = await services.database.db
      .selectFrom('monthly_reports')
      .select(['status', 'generated_by'])
      .where('month', '=', '2026-11')
      .executeTakeFirstOrThrow();
    expect(nov).toEqual({ status: 'draft', generated_by: 'Система' });
    const next = await services.database.db
      .selectFrom('outbox')
      .select(['idempotency_key', 'status'])
      .where('idempotency_key', '=', 'reports.monthly_draft:2026-12')
      .executeTakeFirst();
    expect(next?.status).toBe('pending');
    services.clock.set('2026-11-23T12:00:00+03:00');
  });
});
