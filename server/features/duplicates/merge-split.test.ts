import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeMessage } from '../../../shared/api/messages';
import { buildApp } from '../../http/app';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, type TestServices } from '../../test/test-services';
import { addUser } from '../auth/users';
import { receiveMessage } from '../intake/receive-message';
import { rankDuplicateCandidates } from './rank-candidates';
import { YAROSLAVL_GAZETTEER } from '../places';

// Intake joins repeats about the same problem at the same place (any channel, other wording, within the window);
// operators see weaker matches on the case card, merge and split, with history on both sides and nothing deleted.
let services: TestServices;
let app: FastifyInstance;
let operator: string;
let executor: string;
let n = 0;

const keywordAnalyzer = createTestAnalyzer();

beforeAll(async () => {
  services = await createTestServices({
    analyzer: {
      ...keywordAnalyzer,
      duplicateOf: (q, c, o) =>
        rankDuplicateCandidates(q, c, { ...o, gazetteer: YAROSLAVL_GAZETTEER }).find((s) => s.decision === 'duplicate')
          ?.id ?? null,
    },
    config: { duplicateWindowDays: 7 },
  });
  app = await buildApp(services);
  const ctx = rootContext(services, SYSTEM_ACTOR);
  await addUser(ctx, { login: 'ms_operator', password: 'Пароль-2026', role: 'operator' });
  await addUser(ctx, { login: 'ms_auditor', password: 'Пароль-2026', role: 'auditor' });
  operator = await login('ms_operator');
  executor = await login('ms_auditor');
});
afterAll(async () => {
  await app.close();
  await services.close();
});

async function login(name: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login: name, password: 'Пароль-2026' },
  });
  return `otklik_session=${res.cookies.find((c) => c.name === 'otklik_session')?.value}`;
}

async function receive(text: string, extra: Partial<IntakeMessage> = {}) {
  n += 1;
  const r = await receiveMessage(rootContext(services, SYSTEM_ACTOR), {
    channel: 'web',
    externalId: `ms-${n}`,
    text,
    ...extra,
  });
  return r.result;
}

const events = async (caseId: string) =>
  services.database.db
    .selectFrom('case_events')
    .select(['type', 'data'])
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();

describe('intake joins repeats by place and problem', () => {
  it('same street and house, other channel and wording → the open case, duplicate: true', async () => {
    const first = await receive('В Рыбинске на улице Крестовой у дома 12 третью неделю не вывозят мусор', {
      createdAt: '2026-11-20T10:00:00+03:00',
    });
    const again = await receive('Рыбинск, ул. Крестовая, д. 12 — контейнеры переполнены, мусор никто не забирает', {
      channel: 'social_telegram',
      createdAt: '2026-11-21T09:00:00+03:00',
    });
    expect(again).toMatchObject({ caseId: first.caseId, duplicate: true });
    const joined = await events(first.caseId);
    expect(joined.map((e) => e.type)).toContain('duplicate_joined');
  });

  it('the address field of a form counts as the place', async () => {
    const first = await receive('В Угличе на улице Ярославской у дома 3 переполнены мусорные контейнеры', {
      createdAt: '2026-11-20T11:00:00+03:00',
    });
    const again = await receive('Углич: мусор не вывозят, контейнеры переполнены', {
      channel: 'portal',
      createdAt: '2026-11-20T15:00:00+03:00',
      location: { address: 'ул. Ярославская, 3' },
    });
    expect(again).toMatchObject({ caseId: first.caseId, duplicate: true });
  });

  it('another street of the same town is another case', async () => {
    const first = await receive('В Рыбинске на улице Луговой у дома 7 не вывозят мусор', {
      createdAt: '2026-11-20T10:00:00+03:00',
    });
    const other = await receive('В Рыбинске на улице Гагарина у дома 7 не вывозят мусор', {
      channel: 'email',
      createdAt: '2026-11-20T12:00:00+03:00',
    });
    expect(other.duplicate).toBe(false);
    expect(other.caseId).not.toBe(first.caseId);
  });

  it('outside the configured window (7 days) a repeat opens a new case', async () => {
    const first = await receive('В Тутаеве на улице Пролетарской у дома 4 не вывозят мусор', {
      createdAt: '2026-11-01T10:00:00+03:00',
    });
    const late = await receive('Тутаев, ул. Пролетарская, 4: мусор не вывозят', {
      channel: 'phone',
      createdAt: '2026-11-12T10:00:00+03:00',
    });
    expect(late.duplicate).toBe(false);
    expect(late.caseId).not.toBe(first.caseId);
  });
});

describe('merge and split on the case card', () => {
  it('suggests the weaker match, merges it with history on both cases, then splits a message out again', async () => {
    const a = await receive('В Угличе на улице Ростовской не вывозят мусор с площадки', {
      createdAt: '2026-11-22T10:00:00+03:00',
    });
    const b = await receive('Углич: контейнерная площадка завалена мусором, мусор не вывозят', {
      channel: 'social_vk',
      createdAt: '2026-11-22T12:00:00+03:00',
    });
    expect(b.caseId).not.toBe(a.caseId);

    const suggestions = await app.inject({
      method: 'GET',
      url: `/api/cases/${a.caseId}/duplicates`,
      headers: { cookie: operator },
    });
    expect(suggestions.statusCode, suggestions.body).toBe(200);
    const items = suggestions.json().items as { caseId: string; decision: string; reasons: string[] }[];
    expect(items.map((i) => i.caseId)).toContain(b.caseId);
    expect(items.find((i) => i.caseId === b.caseId)?.reasons.join(' ')).toMatch(/тот же муниципалитет/);
    const journal = await services.database.db
      .selectFrom('personal_data_access')
      .select(['case_ids', 'purpose', 'scope'])
      .where('purpose', '=', 'Поиск повторов обращения')
      .execute();
    expect(journal.at(-1)).toMatchObject({ case_ids: items.map((i) => i.caseId), scope: { duplicatesOf: a.caseId } });
    const forbidden = await app.inject({
      method: 'GET',
      url: `/api/cases/${a.caseId}/duplicates`,
      headers: { cookie: executor },
    });
    expect(forbidden.statusCode).toBe(403);

    const merged = await app.inject({
      method: 'POST',
      url: `/api/cases/${a.caseId}/merge`,
      headers: { cookie: operator },
      payload: { sourceId: b.caseId },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const card = merged.json();
    expect(card.messagesList).toHaveLength(2);
    expect(card.messagesList.map((m: { channel: string }) => m.channel).sort()).toEqual(['social_vk', 'web']);
    const source = (
      await app.inject({ method: 'GET', url: `/api/cases/${b.caseId}`, headers: { cookie: operator } })
    ).json();
    expect(source).toMatchObject({ status: 'rejected', mergedIntoId: a.caseId });
    expect(source.rejectionReason).toMatch(new RegExp(`объединено с обращением ${a.caseId}`));
    expect((await events(a.caseId)).find((e) => e.type === 'merged')?.data).toMatchObject({ from: b.caseId });
    expect((await events(b.caseId)).find((e) => e.type === 'merged')?.data).toMatchObject({ into: a.caseId });
    const twice = await app.inject({
      method: 'POST',
      url: `/api/cases/${a.caseId}/merge`,
      headers: { cookie: operator },
      payload: { sourceId: b.caseId },
    });
    expect(twice.statusCode).toBe(409);
    const self = await app.inject({
      method: 'POST',
      url: `/api/cases/${a.caseId}/merge`,
      headers: { cookie: operator },
      payload: { sourceId: a.caseId },
    });
    expect(self.statusCode).toBe(400);

    const moved = card.messagesList.find((m: { channel: string }) => m.channel === 'social_vk') as { id: string };
    const split = await app.inject({
      method: 'POST',
      url: `/api/cases/${a.caseId}/split`,
      headers: { cookie: operator },
      payload: { messageId: moved.id },
    });
    expect(split.statusCode, split.body).toBe(200);
    const { newCaseId, case: after } = split.json<{ newCaseId: string; case: { messagesList: unknown[] } }>();
    expect(after.messagesList).toHaveLength(1);
    const created = (
      await app.inject({ method: 'GET', url: `/api/cases/${newCaseId}`, headers: { cookie: operator } })
    ).json();
    expect(created).toMatchObject({
      block: 'tko',
      category: 'collection',
      status: 'assigned',
      municipality: 'Угличский',
    });
    expect(created.messagesList.map((m: { id: string; duplicate: boolean }) => [m.id, m.duplicate])).toEqual([
      [moved.id, false],
    ]);
    expect((await events(a.caseId)).find((e) => e.type === 'split')?.data).toMatchObject({
      messageId: moved.id,
      newCaseId,
    });
    expect((await events(newCaseId)).map((e) => e.type)).toEqual(['received', 'classified', 'routed', 'split']);

    const last = await app.inject({
      method: 'POST',
      url: `/api/cases/${a.caseId}/split`,
      headers: { cookie: operator },
      payload: { messageId: (after.messagesList[0] as { id: string }).id },
    });
    expect(last.statusCode).toBe(409);
    const foreign = await app.inject({
      method: 'POST',
      url: `/api/cases/${a.caseId}/split`,
      headers: { cookie: operator },
      payload: { messageId: moved.id },
    });
    expect(foreign.statusCode).toBe(404);
    const count = await services.database.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(n);
  });
});
