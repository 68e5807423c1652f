import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CandidateList, SeminarDetail, SeminarList, Trained } from '../../../shared/api/seminars';
import { startTestApp, type TestApp } from '../../test/test-app';
import { makeUser } from '../../test/test-services';
import { sessionCookie } from '../reports/test-fixture';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let t: TestApp;
let app: FastifyInstance;
let media: string;
let executorA: string;
let executorC: string;
let executorAId: number;
let orgA: number;
let orgB: number;
let orgC: number;
let muniC: number;

async function call<T>(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  cookie: string,
  payload?: object,
): Promise<{ status: number; body: T; raw: Buffer; headers: Record<string, unknown> }> {
  const res = await app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  return {
    status: res.statusCode,
    body: (res.headers['content-type'] ?? '').toString().includes('json') ? res.json<T>() : (undefined as T),
    raw: res.rawPayload,
    headers: res.headers,
  };
}

const seminar = (over: object = {}) => ({
  topic: 'Работа с комментариями в госпабликах',
  date: '2026-12-03',
  time: '10:30',
  durationMinutes: 120,
  format: 'hybrid',
  place: 'Ярославль, Советская пл., 3',
  trainers: 'Петрова Е. А., Сидоров И. В.',
  targetOrganisationIds: [orgA],
  ...over,
});

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-23T12:00:00+03:00' });
  app = t.app;
  const db = t.services.database.db;
  const munis = await db.selectFrom('municipalities').select('id').orderBy('id').limit(2).execute();
  muniC = munis[1]?.id ?? 0;
  const org = async (name: string, municipality: number | null) =>
    (
      await db
        .insertInto('organisations')
        .values({ name, kind: 'municipal_admin', municipality_id: municipality })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  orgA = await org('Администрация Семинарского МО', munis[0]?.id ?? null);
  orgB = await org('Департамент Семинарский', null);
  orgC = await org('Администрация Другого МО', muniC);
  media = await sessionCookie(t.services, (await makeUser(t.services, 'media_officer')).userId);
  const execA = await makeUser(t.services, 'executor', orgA);
  executorAId = execA.userId;
  executorA = await sessionCookie(t.services, execA.userId);
  executorC = await sessionCookie(t.services, (await makeUser(t.services, 'executor', orgC)).userId);
});
afterAll(() => t.close());

describe('seminars', () => {
  let id = 0;

  it('the centre plans a seminar; bad input is a 400 in Russian and saves nothing; an executor cannot plan', async () => {
    const created = await call<SeminarDetail>('POST', '/api/seminars', media, seminar());
    expect(created.status).toBe(200);
    id = created.body.id;
    expect(created.body).toMatchObject({
      date: '2026-12-03',
      time: '10:30',
      format: 'hybrid',
      status: 'planned',
      invited: 0,
      canManage: true,
      targetOrganisations: [{ id: orgA, name: 'Администрация Семинарского МО' }],
    });
    const stored = await t.services.database.db
      .selectFrom('seminars')
      .select('starts_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(new Date(stored.starts_at).toISOString()).toBe('2026-12-03T07:30:00.000Z');
    const badOrg = await call<{ error: { code: string; message: string } }>(
      'POST',
      '/api/seminars',
      media,
      seminar({ targetOrganisationIds: [999_999] }),
    );
    expect(badOrg.status).toBe(400);
    expect(badOrg.body.error.message).toContain('нет в справочнике');
    const badTime = await call<{ error: { details: { message: string }[] } }>(
      'POST',
      '/api/seminars',
      media,
      seminar({ time: '25:00' }),
    );
    expect(badTime.status).toBe(400);
    expect(badTime.body.error.details.map((d) => d.message)).toContain('ожидается время ЧЧ:ММ');
    expect((await call('POST', '/api/seminars', executorA, seminar())).status).toBe(403);
    expect(await t.services.database.db.selectFrom('seminars').select('id').execute()).toHaveLength(1);
  });

  it('invites people from the users registry and by name, once each', async () => {
    const candidates = await call<CandidateList>('GET', `/api/seminars/${id}/candidates`, media);
    expect(candidates.body.items.map((c) => c.userId)).toEqual([executorAId]);
    const invited = await call<SeminarDetail>('POST', `/api/seminars/${id}/participants`, media, {
      userIds: [executorAId],
      people: [{ organisationId: orgB, personName: 'Кузнецова О. Л.' }],
    });
    expect(invited.body.participants.map((p) => [p.organisation, p.personName])).toEqual([
      ['Администрация Семинарского МО', 'Тест executor'],
      ['Департамент Семинарский', 'Кузнецова О. Л.'],
    ]);
    const again = await call<{ error: { message: string } }>('POST', `/api/seminars/${id}/participants`, media, {
      userIds: [executorAId],
    });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toBe('Все выбранные пользователи уже приглашены');
    expect((await call('POST', `/api/seminars/${id}/participants`, media, { userIds: [] })).status).toBe(400);
    expect((await call<CandidateList>('GET', `/api/seminars/${id}/candidates`, media)).body.items).toEqual([]);
  });

  it('marks attendance with a score and feedback, and keeps every change in the history', async () => {
    const before = (await call<SeminarDetail>('GET', `/api/seminars/${id}`, media)).body;
    const [a, b] = before.participants;
    const marked = await call<SeminarDetail>('POST', `/api/seminars/${id}/attendance`, media, {
      items: [
        { participantId: a?.id, attended: true, score: 5, feedback: 'Полезно' },
        { participantId: b?.id, attended: false },
      ],
    });
    expect(marked.body).toMatchObject({ invited: 2, attended: 1, averageScore: 5 });
    expect(marked.body.participants.map((p) => p.attended)).toEqual([true, false]);
    const foreign = await call<{ error: { message: string } }>('POST', `/api/seminars/${id}/attendance`, media, {
      items: [{ participantId: 999_999, attended: true }],
    });
    expect(foreign.status).toBe(400);
    expect(
      (
        await call('POST', `/api/seminars/${id}/attendance`, media, {
          items: [{ participantId: a?.id, attended: true, score: 7 }],
        })
      ).status,
    ).toBe(400);
    await call('PUT', `/api/seminars/${id}`, media, seminar({ status: 'held' }));
    const history = (await call<SeminarDetail>('GET', `/api/seminars/${id}`, media)).body.history;
    expect(history.map((h) => h.action)).toEqual(['changed', 'attendance', 'invited', 'created']);
    expect(history[1]?.summary).toBe('Тест executor: был, оценка 5, «Полезно»; Кузнецова О. Л.: не был');
    expect(history.every((h) => h.actor === 'Тест media_officer')).toBe(true);
  });

  it('keeps file materials in the storage and links; the file downloads byte for byte for those who see the seminar', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const withFile = await call<SeminarDetail>('POST', `/api/seminars/${id}/materials`, media, {
      kind: 'file',
      fileName: 'Памятка.pdf',
      contentBase64: pdf.toString('base64'),
    });
    expect(withFile.status).toBe(200);
    const file = withFile.body.materialsList[0];
    expect(file).toMatchObject({ kind: 'file', title: 'Памятка.pdf', mimeType: 'application/pdf', size: pdf.length });
    await call('POST', `/api/seminars/${id}/materials`, media, {
      kind: 'link',
      title: 'Запись вебинара',
      url: 'https://example.org/webinar',
    });
    const bad = await call<{ error: { message: string } }>('POST', `/api/seminars/${id}/materials`, media, {
      kind: 'link',
      title: 'Скрипт',
      url: 'javascript:alert(1)',
    });
    expect(bad.status).toBe(400);
    const exe = await call('POST', `/api/seminars/${id}/materials`, media, {
      kind: 'file',
      fileName: 'a.exe',
      contentBase64: Buffer.from(
        'MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00' +
          '\x00'.repeat(44) +
          '\x80\x00\x00\x00' +
          '\x00'.repeat(64) +
          'PE\x00\x00',
        'latin1',
      ).toString('base64'),
    });
    expect([400, 415]).toContain(exe.status);
    const download = await call('GET', file?.url ?? '', executorA);
    expect(download.status).toBe(200);
    expect(download.raw.equals(pdf)).toBe(true);
    expect(String(download.headers['content-disposition'])).toContain(
      "filename*=UTF-8''%D0%9F%D0%B0%D0%BC%D1%8F%D1%82%D0%BA%D0%B0.pdf",
    );
    expect((await call('GET', file?.url ?? '', executorC)).status).toBe(404);
    expect(
      (await call<SeminarDetail>('GET', `/api/seminars/${id}`, media)).body.materialsList.map((m) => m.kind),
    ).toEqual(['file', 'link']);
  });

  it('shows an executor only the seminars of their organisation or municipality, and only their people', async () => {
    const forA = await call<SeminarDetail>('GET', `/api/seminars/${id}`, executorA);
    expect(forA.body.canManage).toBe(false);
    expect(forA.body.participants.map((p) => p.personName)).toEqual(['Тест executor']);
    expect((await call('GET', `/api/seminars/${id}`, executorC)).status).toBe(404);
    expect((await call<SeminarList>('GET', '/api/seminars?year=2026', executorC)).body.items).toEqual([]);
    const byMunicipality = await call<SeminarDetail>(
      'POST',
      '/api/seminars',
      media,
      seminar({ topic: 'Ответы в ПОС', date: '2026-02-10', targetOrganisationIds: [], targetMunicipalityIds: [muniC] }),
    );
    expect((await call<SeminarList>('GET', '/api/seminars?year=2026', executorC)).body.items.map((s) => s.id)).toEqual([
      byMunicipality.body.id,
    ]);
    const plan = await call<SeminarList>('GET', '/api/seminars?year=2026', media);
    expect(plan.body.items.map((s) => s.topic)).toEqual(['Ответы в ПОС', 'Работа с комментариями в госпабликах']);
    expect((await call<SeminarList>('GET', '/api/seminars?year=2027', media)).body.items).toEqual([]);
    expect((await call<SeminarList>('GET', '/api/seminars', media)).body.year).toBe(2026);
  });

  it('says who of each organisation was trained in the year', async () => {
    const trained = await call<Trained>('GET', '/api/seminars/trained?year=2026', media);
    expect(trained.body.items.map((o) => [o.organisation, o.seminars, o.invited, o.attended])).toEqual([
      ['Администрация Семинарского МО', 1, 1, 1],
      ['Департамент Семинарский', 1, 1, 0],
    ]);
    expect(trained.body.items[0]?.people).toEqual([
      {
        name: 'Тест executor',
        seminars: [{ id, topic: 'Работа с комментариями в госпабликах', date: '2026-12-03', attended: true }],
      },
    ]);
    expect(
      (await call<Trained>('GET', '/api/seminars/trained?year=2026', executorA)).body.items.map((o) => o.organisation),
    ).toEqual(['Администрация Семинарского МО']);
    expect((await call<Trained>('GET', '/api/seminars/trained?year=2025', media)).body.items).toEqual([]);
  });
});
