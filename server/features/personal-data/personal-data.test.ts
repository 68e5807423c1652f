// Personal data under 152-ФЗ through the HTTP API: the access journal the auditor reads, masking by role in the
// card and the list, erasure on request with its journal, and the retention job.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASKS } from '../../../shared/personal-data/masking';
import { buildApp } from '../../http/app';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, type TestServices } from '../../test/test-services';
import { addUser } from '../auth/users';
import { exportMessages } from '../import-export/export-messages';
import { receiveMessage } from '../intake/receive-message';
import { makeUser } from '../../test/test-services';
import { runDueJobs } from '../../jobs/dispatcher';
import { applyRetention, RETENTION_JOB, retentionJob, scheduleRetention } from './retention.job';

let services: TestServices;
let app: FastifyInstance;
const PASSWORD = 'Журнал-доступа-2026!';
const PHONE = '+7 (905) 123-45-67';
const cookies: Record<string, string> = {};

async function receive(externalId: string, name: string, contact: string, text: string): Promise<string> {
  const r = await receiveMessage(rootContext(services, SYSTEM_ACTOR), {
    channel: 'email',
    externalId,
    text,
    author: { name, contact },
    location: { address: 'ул. Свободы, д. 5, кв. 12' },
    labels: { replyTo: contact, subject: `Жалоба от ${name}` },
    attachments: [
      { name: `фото ${name}.jpg`, mimeType: 'image/jpeg' },
      // a link the citizen sent (not stored here): its address may name them too
      { name: 'ссылка', url: `https://disk.example.ru/${externalId}/photo.jpg` },
    ],
  });
  return r.result.caseId;
}

beforeAll(async () => {
  services = await createTestServices({ analyzer: createTestAnalyzer() });
  app = await buildApp(services);
  const ctx = rootContext(services, SYSTEM_ACTOR);
  for (const role of ['operator', 'auditor', 'admin', 'media_officer'] as const) {
    await addUser(ctx, { login: `pd_${role}`, password: PASSWORD, role });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: `pd_${role}`, password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    cookies[role] = `otklik_session=${res.cookies.find((c) => c.name === 'otklik_session')?.value}`;
  }
});
afterAll(async () => {
  await app.close();
  await services.close();
});

const call = async (role: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie: cookies[role] ?? '' }, ...(payload ? { payload } : {}) });
const ok = async (role: string, url: string) => {
  const res = await call(role, 'GET', url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('access journal', () => {
  it('shows the auditor that an operator opened a case, with the purpose sent or the route default', async () => {
    const caseId = await receive(
      'pd-1',
      'Сидоров Пётр Ильич',
      'sidorov@example.ru',
      `В Угличе яма на дороге, звоните ${PHONE}`,
    );
    await ok('operator', `/api/cases/${caseId}?purpose=${encodeURIComponent('Ответ на жалобу')}`);
    await ok('operator', `/api/cases/${caseId}`);
    const journal = await ok('auditor', `/api/audit?case=${caseId}`);
    expect(journal.total).toBe(2);
    expect(journal.items.map((e: { purpose: string }) => e.purpose)).toEqual([
      'Рассмотрение обращения (карточка)',
      'Ответ на жалобу',
    ]);
    expect(journal.items[0]).toMatchObject({
      action: 'case_card',
      role: 'operator',
      caseIds: [caseId],
      actor: expect.stringContaining('pd_operator'),
    });
    const byUser = await ok('admin', `/api/audit?user=${journal.items[0].userId}&action=case_card`);
    expect(byUser.items.every((e: { caseIds: string[] }) => e.caseIds.includes(caseId))).toBe(true);
    const outside = await ok('auditor', '/api/audit?from=2020-01-01&to=2020-01-31');
    expect(outside.total).toBe(0);
  });

  it('writes a list page as one row with every case shown, and a search as a search', async () => {
    const before = (await ok('auditor', '/api/audit?action=case_list')).total;
    const list = await ok('operator', '/api/cases?pageSize=5');
    const after = await ok('auditor', '/api/audit?action=case_list');
    expect(after.total).toBe(before + 1);
    expect(after.items[0].caseIds).toEqual(list.items.map((i: { id: string }) => i.id));
    await ok('operator', '/api/cases?q=Сидоров');
    const search = await ok('auditor', '/api/audit?action=case_search');
    expect(search.items[0].scope).toMatchObject({ q: 'Сидоров' });
  });

  it('folds the same list read again within minutes (the inbox refreshing itself) into one row, and keeps other reads apart', async () => {
    const before = (await ok('auditor', '/api/audit?action=case_list')).total;
    for (let i = 0; i < 3; i++) await ok('operator', '/api/cases?pageSize=4');
    const folded = await ok('auditor', '/api/audit?action=case_list');
    expect(folded.total).toBe(before + 1);
    expect(folded.items[0]).toMatchObject({ repeats: 2, lastAt: expect.any(String) });
    await ok('operator', '/api/cases?pageSize=3'); // another page: its own row
    await ok('admin', '/api/cases?pageSize=4'); // another user: its own row
    expect((await ok('auditor', '/api/audit?action=case_list')).total).toBe(before + 3);
  });

  it('is closed to roles without audit.read', async () => {
    expect((await call('operator', 'GET', '/api/audit')).statusCode).toBe(403);
    expect((await call('media_officer', 'GET', '/api/audit')).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
  });
});

describe('masking by role', () => {
  it('hides name, contact, address, phones and e-mails in texts and the reply-to label from the auditor and the media officer', async () => {
    const caseId = await receive(
      'pd-2',
      'Кузнецова Анна',
      'anna@example.ru',
      `Кузнецова Анна, Рыбинск, не вывозят мусор. Тел. 8 905 765-43-21, anna@example.ru`,
    );
    const full = await ok('operator', `/api/cases/${caseId}`);
    expect(full.messagesList[0]).toMatchObject({
      author: 'Кузнецова Анна',
      contact: 'anna@example.ru',
      address: 'ул. Свободы, д. 5, кв. 12',
    });
    expect(full.messagesList[0].labels.replyTo).toBe('anna@example.ru');
    expect(full.permissions.seeContacts).toBe(true);
    for (const role of ['auditor', 'media_officer']) {
      const card = await ok(role, `/api/cases/${caseId}`);
      const m = card.messagesList[0];
      expect(m).toMatchObject({ author: null, contact: null, address: null });
      expect(m.text).toBe(
        `${MASKS.name} ${MASKS.name}, Рыбинск, не вывозят мусор. Тел. ${MASKS.phone}, ${MASKS.email}`,
      );
      expect(m.labels).toEqual({ subject: `Жалоба от ${MASKS.name} ${MASKS.name}` });
      expect(card.summary).not.toMatch(/Кузнецова|765-43-21|anna@/);
      expect(card.address).toBeNull();
      expect(card.permissions.seeContacts).toBe(false);
      const list = await ok(role, `/api/cases?ids=${caseId}`);
      expect(list.items[0].summary).not.toMatch(/Кузнецова|765-43-21|anna@/);
    }
  });
});

describe('exports', () => {
  it('are masked for roles without access and on demand, full otherwise, and written to the journal with their scope', async () => {
    await receive('pd-9', 'Белова Ольга', 'olga@example.ru', 'В Ярославле течёт крыша, Белова Ольга, 8-905-999-88-77');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'otklik-pd-export-'));
    const read = async (file: string): Promise<string> => fs.readFile(path.join(dir, file), 'utf8');
    const leaks = /Белова|olga@|999-88-77|Свободы/;
    const system = rootContext(services, SYSTEM_ACTOR);
    await exportMessages(system, { out: path.join(dir, 'full.jsonl') });
    expect(await read('full.jsonl')).toMatch(leaks);
    const lines = await exportMessages(system, {
      out: path.join(dir, 'masked.jsonl'),
      masked: true,
      purpose: 'Передача в аналитический отдел',
    });
    expect(lines[0]).toMatch(/персональные данные скрыты/);
    const masked = await read('masked.jsonl');
    expect(masked).not.toMatch(leaks);
    expect(masked).toContain(MASKS.phone);
    const auditor = await makeUser(services, 'auditor');
    await exportMessages(rootContext(services, auditor), { out: path.join(dir, 'auditor.jsonl') });
    expect(await read('auditor.jsonl')).not.toMatch(leaks);
    const operator = await makeUser(services, 'operator');
    await exportMessages(rootContext(services, operator), { out: path.join(dir, 'operator.jsonl') });
    expect(await read('operator.jsonl')).toMatch(leaks);
    const journal = await ok('auditor', '/api/audit?action=export');
    expect(journal.total).toBe(4);
    expect(
      journal.items.find((e: { purpose: string }) => e.purpose === 'Передача в аналитический отдел'),
    ).toMatchObject({ actor: 'Система', scope: { format: 'jsonl', masked: true, file: 'masked.jsonl' } });
    await fs.rm(dir, { recursive: true, force: true });
  });
});

describe('erasure', () => {
  it('erases a case on request, journals counts without the data, and is for the administrator only', async () => {
    const caseId = await receive(
      'pd-3',
      'Морозов Олег',
      'morozov@example.ru',
      `Морозов Олег: в Ярославле нет отопления, телефон ${PHONE}`,
    );
    expect(
      (await call('operator', 'POST', '/api/personal-data/erasures', { caseId, reason: 'Заявление № 15' })).statusCode,
    ).toBe(403);
    expect((await call('admin', 'POST', '/api/personal-data/erasures', { reason: 'нет цели' })).statusCode).toBe(400);
    const res = await call('admin', 'POST', '/api/personal-data/erasures', { caseId, reason: 'Заявление № 15' });
    expect(res.statusCode, res.body).toBe(201);
    const erasure = res.json();
    expect(erasure).toMatchObject({ basis: 'request', caseIds: [caseId], messageCount: 1 });
    expect(erasure.fields).toMatchObject({
      author_name: 1,
      author_contact: 1,
      address: 1,
      text: 1,
      labels: 1,
      case_address: 1,
      attachment_name: 1,
      attachment_url: 1,
    });
    const stored = await services.database.db
      .selectFrom('messages')
      .selectAll()
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ author_name: null, author_contact: null, author_external_id: null, address: null });
    expect(stored.text).toBe(`${MASKS.name} ${MASKS.name}: в Ярославле нет отопления, телефон ${MASKS.phone}`);
    expect(stored.labels).toEqual({ subject: `Жалоба от ${MASKS.name} ${MASKS.name}` });
    expect(stored.personal_data_erased_at).not.toBeNull();
    expect(stored.attachments).toEqual([
      { name: null, mimeType: 'image/jpeg' },
      { name: null, url: null },
    ]);
    const operatorCard = await ok('operator', `/api/cases/${caseId}`);
    expect(JSON.stringify(operatorCard)).not.toMatch(/Морозов|morozov|123-45-67/);
    const journal = await ok('auditor', '/api/personal-data/erasures');
    expect(journal.items[0]).toMatchObject({ reason: 'Заявление № 15', caseIds: [caseId] });
    expect(JSON.stringify(journal)).not.toMatch(/Морозов|morozov|123-45-67/);
  });

  it('erases by contact: every message from that phone written any way, and says when none is left', async () => {
    const a = await receive('pd-4', 'Лебедев Иван', '8 (905) 111-22-33', 'В Угличе не горят фонари на улице');
    const b = await receive('pd-5', 'Лебедев И.', 'ivan@example.ru, +79051112233', 'В Угличе опять не горят фонари');
    const other = await receive('pd-6', 'Другой Человек', '+7 905 111-22-34', 'В Угличе яма у магазина');
    const res = await call('admin', 'POST', '/api/personal-data/erasures', {
      contact: '+7 905 111 22 33',
      reason: 'Заявление № 16',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect([...res.json().caseIds].sort()).toEqual([a, b].sort());
    const left = await services.database.db
      .selectFrom('messages')
      .select(['case_id', 'author_contact'])
      .where('case_id', 'in', [a, b, other])
      .execute();
    expect(left.filter((m) => m.author_contact !== null).map((m) => String(m.case_id))).toEqual([other]);
    const again = await call('admin', 'POST', '/api/personal-data/erasures', {
      contact: '89051112233',
      reason: 'повтор',
    });
    expect(again.statusCode).toBe(404);
  });
});

describe('retention', () => {
  it('erases the data of cases finished longer ago than the period and trims the access journal', async () => {
    const finished = await receive('pd-7', 'Павлова Нина', 'nina@example.ru', 'В Рыбинске не убирают снег во дворе');
    const open = await receive('pd-8', 'Орлов Пётр', 'orlov@example.ru', 'В Рыбинске не убирают снег на остановке');
    const days = services.config.personalData.citizenDataDays;
    const longAgo = new Date(services.clock.now().getTime() - (days + 1) * 86_400_000);
    await services.database.db
      .updateTable('cases')
      .set({ status: 'closed', closed_at: longAgo })
      .where('id', '=', finished)
      .execute();
    const oldRead = new Date(
      services.clock.now().getTime() - (services.config.personalData.accessJournalDays + 1) * 86_400_000,
    );
    await services.database.db
      .insertInto('personal_data_access')
      .values({
        at: oldRead,
        actor_label: 'old',
        action: 'case_card',
        purpose: 'old',
        case_ids: JSON.stringify([finished]),
        item_count: 1,
      })
      .execute();
    const outcome = await applyRetention(rootContext(services, SYSTEM_ACTOR));
    expect(outcome.messages).toBeGreaterThanOrEqual(1);
    expect(outcome.journalRows).toBe(1);
    const rows = await services.database.db
      .selectFrom('messages')
      .select(['case_id', 'author_name'])
      .where('case_id', 'in', [finished, open])
      .execute();
    expect(Object.fromEntries(rows.map((r) => [String(r.case_id), r.author_name]))).toEqual({
      [finished]: null,
      [open]: 'Орлов Пётр',
    });
    const journal = await ok('auditor', '/api/personal-data/erasures');
    expect(journal.items[0]).toMatchObject({ basis: 'retention', caseIds: [finished] });
    expect((await applyRetention(rootContext(services, SYSTEM_ACTOR))).messages).toBe(0);
  });
});

describe('retention schedule', () => {
  it('runs daily at 03:00 Moscow time through the outbox, each run scheduling the next day', async () => {
    await scheduleRetention(services);
    const due = async () =>
      services.database.db
        .selectFrom('outbox')
        .select(['payload', 'run_after', 'status'])
        .where('kind', '=', RETENTION_JOB)
        .orderBy('run_after')
        .execute();
    const [today] = await due();
    expect(today).toMatchObject({
      payload: { day: '2026-11-23' },
      run_after: new Date('2026-11-23T00:00:00Z'),
      status: 'pending',
    });
    await runDueJobs(services);
    const rows = await due();
    expect(rows.map((r) => [r.payload.day, r.status])).toEqual([
      ['2026-11-23', 'done'],
      ['2026-11-24', 'pending'],
    ]);
    expect(rows[1]?.run_after).toEqual(new Date('2026-11-24T00:00:00Z'));
    await scheduleRetention(services);
    expect(await due()).toHaveLength(2);
    // a run that failed for good still queues the next day's
    await retentionJob.onDead?.(rootContext(services, SYSTEM_ACTOR), { day: '2026-11-24' }, 'сбой');
    expect((await due()).map((r) => r.payload.day)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
  });
});
