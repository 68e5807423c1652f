import { XMLParser } from 'fast-xml-parser';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, makeUser, type TestServices } from '../../test/test-services';
import { createToken } from '../auth/tokens';
import { answerCase } from '../cases/answer-case';
import { changeStatus } from '../cases/change-status';
import { reviewAnswer } from '../cases/review-answer';

// Conformance with GeoReport v2: every endpoint in both formats carries the spec's required fields;
// errors are the spec's error lists with 400/403/404.

const REQUIRED = {
  discovery: ['changeset', 'contact', 'key_service', 'endpoints'],
  endpoint: ['specification', 'url', 'changeset', 'type', 'formats'],
  service: ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'],
  attribute: ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description'],
  request: [
    'service_request_id',
    'status',
    'status_notes',
    'service_name',
    'service_code',
    'description',
    'agency_responsible',
    'service_notice',
    'requested_datetime',
    'updated_datetime',
    'expected_datetime',
    'address',
    'address_id',
    'zipcode',
    'lat',
    'long',
    'media_url',
  ],
  created: ['service_request_id', 'service_notice', 'account_id'],
  error: ['code', 'description'],
};
const W3C = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00$/;

let services: TestServices;
let app: FastifyInstance;
let key: string;
const xml = new XMLParser({
  parseTagValue: false,
  isArray: (name) =>
    ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format', 'note', 'request_update'].includes(
      name,
    ),
});

beforeAll(async () => {
  services = await createTestServices({ analyzer: createTestAnalyzer() });
  app = await buildApp(services);
  key = (await createToken(rootContext(services, SYSTEM_ACTOR), 'open311-клиент')).token;
});
afterAll(async () => {
  await app.close();
  await services.close();
});

const get = (url: string) => app.inject({ method: 'GET', url: `/open311/v2/${url}` });
const postForm = (fields: Record<string, string>, ext = 'json') =>
  app.inject({
    method: 'POST',
    url: `/open311/v2/requests.${ext}`,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
const postJson = (body: object) => app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: body });
const parseXml = (res: LightMyRequestResponse): Record<string, unknown> => {
  expect(res.headers['content-type']).toMatch(/xml/);
  expect(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  return xml.parse(res.body) as Record<string, unknown>;
};
const hasAll = (value: unknown, fields: readonly string[]): void => {
  expect(value).toBeTypeOf('object');
  for (const f of fields) expect(value as object, `field ${f}`).toHaveProperty(f);
};
function expectErrors(res: LightMyRequestResponse, status: number, format: 'json' | 'xml'): string {
  expect(res.statusCode).toBe(status);
  if (format === 'json') {
    const list = res.json<{ code: number; description: string }[]>();
    expect(list).toHaveLength(1);
    hasAll(list[0], REQUIRED.error);
    expect(list[0]?.code).toBe(status);
    return list[0]?.description ?? '';
  }
  const errors = (parseXml(res).errors as { error: { code: string; description: string }[] }).error;
  expect(errors[0]?.code).toBe(String(status));
  return errors[0]?.description ?? '';
}

const report = {
  service_code: 'roads-potholes',
  lat: '57.6261',
  long: '39.8845',
  description: 'Яма на дороге у дома 10 по улице Свободы',
  email: 'citizen@example.ru',
  first_name: 'Анна',
};

describe('discovery and services', () => {
  it('discovery in JSON and XML', async () => {
    const j = await get('discovery.json');
    expect(j.statusCode).toBe(200);
    hasAll(j.json(), REQUIRED.discovery);
    hasAll(j.json().endpoints[0], REQUIRED.endpoint);
    expect(j.json().endpoints[0].url).toMatch(/\/open311\/v2\/$/);
    const x = parseXml(await get('discovery.xml')) as {
      discovery: { endpoints: { endpoint: Record<string, unknown>[] } };
    };
    hasAll(x.discovery, REQUIRED.discovery);
    hasAll(x.discovery.endpoints.endpoint[0], REQUIRED.endpoint);
    expect((x.discovery.endpoints.endpoint[0]?.formats as { format: string[] }).format).toEqual([
      'text/xml',
      'application/json',
    ]);
  });

  it('services from the taxonomy, grouped by block, in JSON and XML', async () => {
    const j = await get('services.json');
    const list = j.json<Record<string, unknown>[]>();
    expect(list.length).toBeGreaterThan(20);
    for (const s of list) hasAll(s, REQUIRED.service);
    const pothole = list.find((s) => s.service_code === 'roads-potholes');
    expect(pothole).toMatchObject({ metadata: true, type: 'realtime' });
    expect(pothole?.group).toBeTypeOf('string');
    const x = parseXml(await get('services.xml')) as { services: { service: Record<string, unknown>[] } };
    expect(x.services.service).toHaveLength(list.length);
    for (const s of x.services.service) hasAll(s, REQUIRED.service);
    expect(x.services.service.find((s) => s.service_code === 'roads-potholes')?.metadata).toBe('true');
  });

  it('a service definition in JSON and XML; an unknown code is 404', async () => {
    const j = (await get('services/roads-potholes.json')).json();
    expect(j.service_code).toBe('roads-potholes');
    hasAll(j.attributes[0], REQUIRED.attribute);
    expect(j.attributes[0].values.length).toBeGreaterThan(10);
    const x = parseXml(await get('services/roads-potholes.xml')) as {
      service_definition: { attributes: { attribute: { values: { value: unknown[] } }[] } };
    };
    hasAll(x.service_definition.attributes.attribute[0], REQUIRED.attribute);
    expect(x.service_definition.attributes.attribute[0]?.values.value.length).toBeGreaterThan(10);
    expectErrors(await get('services/nope-nope.json'), 404, 'json');
    expectErrors(await get('services/nope-nope.xml'), 404, 'xml');
  });

  it('jurisdiction_id: ours is accepted, another is 404; a missing format is 404', async () => {
    expect((await get('services.json?jurisdiction_id=yar.ru')).statusCode).toBe(200);
    expect(expectErrors(await get('services.xml?jurisdiction_id=city.gov'), 404, 'xml')).toMatch(/jurisdiction_id/);
    expectErrors(await get('services'), 404, 'json');
    expectErrors(await get('nothing.json'), 404, 'json');
  });
});

describe('POST requests', () => {
  it('form-encoded: creates a message and case (201), the same POST again answers the same id (200)', async () => {
    const res = await postForm({ ...report, api_key: key, 'attribute[municipality]': 'yaroslavl' });
    expect(res.statusCode).toBe(201);
    const [created] = res.json<Record<string, unknown>[]>();
    hasAll(created, REQUIRED.created);
    const again = await postForm({ ...report, api_key: key, 'attribute[municipality]': 'yaroslavl' });
    expect(again.statusCode).toBe(200);
    expect(again.json()[0].service_request_id).toBe(created?.service_request_id);
    const rows = await services.database.db
      .selectFrom('messages')
      .selectAll()
      .where('channel', '=', 'open311')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      author_name: 'Анна',
      author_contact: 'citizen@example.ru',
      lat: 57.6261,
      lon: 39.8845,
    });
  });

  it('JSON body with nested attributes, answered in XML when asked', async () => {
    const res = await postJson({
      ...report,
      description: 'Огромная яма на дороге в Угличе',
      api_key: key,
      attribute: { municipality: 'uglich' },
    });
    expect(res.statusCode).toBe(201);
    const xmlRes = await postForm({ ...report, description: 'Ещё яма на дороге в Ростове', api_key: key }, 'xml');
    const parsed = parseXml(xmlRes) as { service_requests: { request: Record<string, unknown>[] } };
    hasAll(parsed.service_requests.request[0], REQUIRED.created);
  });

  it('refuses a missing or bad api_key with 403 and bad input with 400, creating nothing', async () => {
    const before = await services.database.db.selectFrom('messages').select('id').execute();
    expectErrors(await postForm({ ...report }), 403, 'json');
    expectErrors(await postForm({ ...report, api_key: 'otk_wrong' }, 'xml'), 403, 'xml');
    expect(expectErrors(await postForm({ ...report, api_key: key, service_code: '' }), 400, 'json')).toMatch(
      /service_code/,
    );
    // an unknown service_code is 404, as the spec says
    expect(expectErrors(await postForm({ ...report, api_key: key, service_code: 'nope-nope' }), 404, 'json')).toMatch(
      /service_code/,
    );
    expect(
      expectErrors(await postForm({ service_code: 'roads-potholes', description: 'яма', api_key: key }), 400, 'json'),
    ).toMatch(/место/);
    expectErrors(await postForm({ ...report, api_key: key, lat: 'север' }), 400, 'json');
    expectErrors(await postForm({ ...report, api_key: key, long: '' }), 400, 'json');
    expectErrors(await postForm({ ...report, api_key: key, 'attribute[municipality]': 'atlantis' }), 400, 'json');
    expectErrors(await postForm({ ...report, api_key: key, jurisdiction_id: 'other.city' }), 404, 'json');
    const broken = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: '{"api_key": ',
      headers: { 'content-type': 'application/json' },
    });
    expectErrors(broken, 400, 'json');
    const after = await services.database.db.selectFrom('messages').select('id').execute();
    expect(after).toHaveLength(before.length);
  });

  it('a form in windows-1251 is decoded by its charset; one not in UTF-8 without a charset and malformed bodies are refused in Russian', async () => {
    // «Яма у школы» in windows-1251, escaped as a page in that encoding sends it
    const hole = '%DF%EC%E0+%F3+%F8%EA%EE%EB%FB';
    const fields = new URLSearchParams({ ...report, api_key: key, description: 'x' }).toString();
    const send = (payload: string, contentType: string, ext = 'json') =>
      app.inject({
        method: 'POST',
        url: `/open311/v2/requests.${ext}`,
        payload,
        headers: { 'content-type': contentType },
      });
    const form = 'application/x-www-form-urlencoded';
    const before = await services.database.db.selectFrom('messages').select('id').execute();
    expect(expectErrors(await send(fields.replace('description=x', `description=${hole}`), form), 400, 'json')).toMatch(
      /^Тело запроса не в кодировке UTF-8/,
    );
    expect(expectErrors(await send('{"api_key": ', 'application/json', 'xml'), 400, 'xml')).toMatch(
      /^Тело запроса — некорректный JSON/,
    );
    expect(expectErrors(await send(fields, 'application/xml'), 400, 'json')).toBe(
      'Тип тела запроса «application/xml» здесь не принимается: ожидается application/x-www-form-urlencoded или application/json',
    );
    expect(await services.database.db.selectFrom('messages').select('id').execute()).toHaveLength(before.length);
    const res = await send(fields.replace('description=x', `description=${hole}`), `${form}; charset=windows-1251`);
    expect(res.statusCode, res.body).toBe(201);
    const [created] = (await get(`requests/${res.json()[0].service_request_id}.json`)).json();
    expect(created.description).toBe('Яма у школы');
  });

  it('a report without a description takes the service name and address as its text', async () => {
    const res = await postForm({
      service_code: 'roads-potholes',
      address_string: 'Ярославль, ул. Свободы, 10',
      api_key: key,
    });
    expect(res.statusCode).toBe(201);
    const id = res.json()[0].service_request_id as string;
    const [r] = (await get(`requests/${id}.json`)).json();
    expect(r.description).toMatch(/Ярославль, ул. Свободы, 10/);
    expect(r.address).toBe('Ярославль, ул. Свободы, 10');
  });
});

describe('GET requests', () => {
  let id: string;
  let token: string;
  beforeAll(async () => {
    const res = await postForm({
      ...report,
      description: 'Разбитая дорога и яма у школы в Переславле',
      api_key: key,
      media_url: 'https://example.ru/photo.jpg',
    });
    const [created] = res.json<{ service_request_id: string; token: string }[]>();
    id = created?.service_request_id ?? '';
    token = created?.token ?? '';
  });

  it('one request in JSON and XML with every field and Moscow datetimes; unknown ids are 404', async () => {
    const [r] = (await get(`requests/${id}.json`)).json<Record<string, unknown>[]>();
    hasAll(r, REQUIRED.request);
    expect(r).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'roads-potholes',
      media_url: 'https://example.ru/photo.jpg',
      lat: 57.6261,
      long: 39.8845,
    });
    expect(r?.requested_datetime).toMatch(W3C);
    expect(r?.expected_datetime).toMatch(W3C);
    expect(r?.agency_responsible).toBeTypeOf('string');
    const x = parseXml(await get(`requests/${id}.xml`)) as { service_requests: { request: Record<string, unknown>[] } };
    hasAll(x.service_requests.request[0], REQUIRED.request);
    expectErrors(await get('requests/999999999.json'), 404, 'json');
    expectErrors(await get('requests/does-not-exist.xml'), 404, 'xml');
  });

  it('the list with the standard filters', async () => {
    const all = (await get('requests.json')).json<{ service_request_id: string; status: string }[]>();
    expect(all.length).toBeGreaterThanOrEqual(4);
    const two = (await get(`requests.json?service_request_id=${id},${all[1]?.service_request_id}`)).json<unknown[]>();
    expect(two).toHaveLength(2);
    expect((await get('requests.json?service_code=zhkh-heating')).json()).toEqual([]);
    expect((await get('requests.json?service_code=roads-potholes')).json()).toHaveLength(all.length);
    expect((await get('requests.json?status=closed')).json()).toEqual([]);
    expect((await get('requests.json?status=open')).json()).toHaveLength(all.length);
    expect((await get('requests.json?start_date=2026-11-24T00:00:00%2B03:00')).json()).toEqual([]);
    expect(
      (await get('requests.json?start_date=2026-11-01T00:00:00Z&end_date=2026-11-23T23:00:00%2B03:00')).json(),
    ).toHaveLength(all.length);
    // a window over 90 days is clamped to 90 days from its start
    expect(
      (await get('requests.json?start_date=2026-08-01T00:00:00%2B03:00&end_date=2026-11-23T23:00:00%2B03:00')).json(),
    ).toEqual([]);
    expect(
      (await get('requests.json?start_date=2026-08-30T00:00:00%2B03:00&end_date=2027-11-23T23:00:00%2B03:00')).json(),
    ).toHaveLength(all.length);
    // without dates only the last 90 days are listed
    services.clock.set('2027-03-01T09:00:00+03:00');
    expect((await get('requests.json')).json()).toEqual([]);
    services.clock.set('2026-11-23T09:00:00+03:00');
    const x = parseXml(await get('requests.xml?status=open')) as { service_requests: { request: unknown[] } };
    expect(x.service_requests.request).toHaveLength(all.length);
    expectErrors(await get('requests.json?start_date=вчера'), 400, 'json');
    expectErrors(await get('requests.xml?status=pending'), 400, 'xml');
    expectErrors(await get('requests.json?start_date=2026-11-20&end_date=2026-11-01'), 400, 'json');
  });

  it('tokens/{token} gives the request id; an unknown token is 404', async () => {
    expect((await get(`tokens/${token}.json`)).json()).toEqual([{ service_request_id: id, token }]);
    const x = parseXml(await get(`tokens/${token}.xml`)) as {
      service_requests: { request: Record<string, unknown>[] };
    };
    expect(x.service_requests.request[0]).toEqual({ service_request_id: id, token });
    expectErrors(await get('tokens/unknown.json'), 404, 'json');
  });

  it('an answer shows only once ЦУР accepts it: one public update per published answer, no internal steps', async () => {
    const message = await services.database.db
      .selectFrom('messages')
      .innerJoin('cases', 'cases.id', 'messages.case_id')
      .select(['messages.case_id', 'cases.organisation_id'])
      .where('messages.id', '=', id)
      .executeTakeFirstOrThrow();
    const caseId = String(message.case_id);
    const executor = await makeUser(services, 'executor', message.organisation_id);
    const ctx = rootContext(services, executor);
    const read = async () =>
      (await get(`requests/${id}.json?extensions=true`)).json()[0] as {
        status: string;
        status_notes: string;
        service_notice: string;
        notes: { type: string; datetime: string; description: string | null }[];
      };
    await changeStatus(ctx, caseId, { action: 'take' });
    expect(await read()).toMatchObject({ status: 'open', notes: [] });
    expect((await read()).status_notes).not.toMatch(/Назначено|В работе/);
    expect((await read()).service_notice).toMatch(/^Ответ будет дан до \d\d\.\d\d\.\d{4}$/);
    await answerCase(ctx, caseId, { kind: 'interim', body: 'Выезд бригады назначен на 25.11.2026.' });
    services.clock.set('2026-11-24T12:00:00+03:00');
    await answerCase(ctx, caseId, { kind: 'final', body: 'Не наша компетенция, обращайтесь в полицию.' });
    // the executor's final answer waits for ЦУР: still open, no answer text anywhere
    const waiting = await read();
    expect(waiting.status).toBe('open');
    expect(JSON.stringify(waiting)).not.toContain('полицию');
    expect(
      JSON.stringify(
        (
          await get(
            'servicerequestupdates.json?start_date=2026-11-23T00:00:00%2B03:00&end_date=2026-11-25T00:00:00%2B03:00',
          )
        ).json(),
      ),
    ).not.toContain('полицию');
    const operator = rootContext(services, await makeUser(services, 'operator'));
    await reviewAnswer(operator, caseId, { decision: 'return', reason: 'formal_reply' });
    expect(JSON.stringify(await read())).not.toContain('полицию');
    expect(
      await services.database.db
        .selectFrom('deliveries')
        .select('id')
        .where('case_id', '=', caseId)
        .where('answer_id', 'in', (eb) => eb.selectFrom('answers').select('id').where('review_status', '=', 'returned'))
        .execute(),
    ).toEqual([]);
    await answerCase(ctx, caseId, { kind: 'final', body: 'Яма заделана 24.11.2026, спасибо за сообщение.' });
    expect((await read()).status).toBe('open');
    services.clock.set('2026-11-24T15:00:00+03:00');
    await reviewAnswer(operator, caseId, { decision: 'accept' });
    const [r] = [await read()];
    expect(r?.status).toBe('closed');
    expect(r?.status_notes).toBe('Яма заделана 24.11.2026, спасибо за сообщение.');
    expect(r?.service_notice).toBe('Обращение рассмотрено');
    expect(r?.notes.map((n) => n.type)).toEqual(['answer', 'answer']);
    expect(r?.notes.at(-1)).toMatchObject({
      type: 'answer',
      datetime: '2026-11-24T15:00:00+03:00',
      description: 'Яма заделана 24.11.2026, спасибо за сообщение.',
    });
    const x = parseXml(await get(`requests/${id}.xml?extensions=true`)) as {
      service_requests: { request: { notes: { note: unknown[] } }[] };
    };
    expect(x.service_requests.request[0]?.notes.note).toHaveLength(2);
    const plain = (await get(`requests/${id}.json`)).json()[0];
    expect(plain.notes).toBeUndefined();
    expect(
      (await get('requests.json?status=closed'))
        .json()
        .map((q: { service_request_id: string }) => q.service_request_id),
    ).toEqual([id]);
    // the same history as mySociety's request updates, which FixMyStreet polls
    const window = 'start_date=2026-11-23T00:00:00%2B03:00&end_date=2026-11-25T00:00:00%2B03:00';
    const updates = (await get(`servicerequestupdates.json?${window}`)).json<Record<string, string>[]>();
    expect(updates.map((u) => u.status)).toEqual(['in_progress', 'closed']);
    for (const u of updates)
      hasAll(u, ['update_id', 'service_request_id', 'status', 'updated_datetime', 'description', 'media_url']);
    expect(new Set(updates.map((u) => u.update_id)).size).toBe(2);
    expect(updates.at(-1)).toMatchObject({
      service_request_id: id,
      description: 'Яма заделана 24.11.2026, спасибо за сообщение.',
      updated_datetime: '2026-11-24T15:00:00+03:00',
    });
    const ux = parseXml(await get(`servicerequestupdates.xml?${window}`)) as {
      service_request_updates: { request_update: unknown[] };
    };
    expect(ux.service_request_updates.request_update).toHaveLength(2);
    expect(
      (
        await get(
          'servicerequestupdates.json?start_date=2026-11-25T00:00:00%2B03:00&end_date=2026-11-26T00:00:00%2B03:00',
        )
      ).json(),
    ).toEqual([]);
    expectErrors(await get('servicerequestupdates.json?start_date=потом'), 400, 'json');
    services.clock.set('2026-11-23T09:00:00+03:00');
  });
});

describe('personal data on the public list', () => {
  it('never shows a phone, an e-mail or the author name found in the text, in the list, one request and the answers', async () => {
    const res = await postForm({
      ...report,
      api_key: key,
      first_name: 'Зинаида',
      last_name: 'Волкова',
      description: 'Яма у подъезда, я Зинаида Волкова, звоните +7 (905) 222-33-44 или zina@example.ru',
    });
    const id = res.json<{ service_request_id: string }[]>()[0]?.service_request_id ?? '';
    const caseId = String(
      (
        await services.database.db
          .selectFrom('messages')
          .select('case_id')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).case_id,
    );
    await services.database.db
      .insertInto('answers')
      .values({
        case_id: caseId,
        kind: 'interim',
        body: 'Уважаемая Зинаида Волкова, перезвоним по номеру 8 905 222 33 44.',
        created_at: services.clock.now(),
        published_at: services.clock.now(),
      })
      .execute();
    for (const path of [
      'requests.json',
      `requests/${id}.json?extensions=true`,
      'requests.xml',
      'servicerequestupdates.json',
    ]) {
      const body = (await get(path)).body;
      expect(body, path).not.toMatch(/222-33-44|222 33 44|zina@|Зинаид|Волков/);
    }
    const [one] = (await get(`requests/${id}.json`)).json<{ description: string }[]>();
    expect(one?.description).toBe(
      'Яма у подъезда, я [имя скрыто] [имя скрыто], звоните [телефон скрыт] или [e-mail скрыт]',
    );
  });
});

describe('inbound request updates (mySociety POST servicerequestupdates)', () => {
  const postUpdate = (fields: Record<string, string>, ext = 'json') =>
    app.inject({
      method: 'POST',
      url: `/open311/v2/servicerequestupdates.${ext}`,
      payload: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  const caseOf = async (requestId: string) =>
    services.database.db
      .selectFrom('messages')
      .innerJoin('cases', 'cases.id', 'messages.case_id')
      .select(['cases.id', 'cases.status', 'cases.organisation_id', 'cases.rating', 'cases.citizen_replied_at'])
      .where('messages.id', '=', requestId)
      .executeTakeFirstOrThrow();
  async function answered(requestId: string, body: string): Promise<void> {
    const c = await caseOf(requestId);
    await services.database.db
      .updateTable('cases')
      .set({ status: 'assigned' })
      .where('id', '=', c.id)
      .where('status', 'in', ['new', 'triage'])
      .execute();
    const operator = rootContext(services, await makeUser(services, 'operator'));
    await answerCase(operator, String(c.id), { kind: 'final', body });
    await reviewAnswer(operator, String(c.id), { decision: 'accept' });
  }

  it('«not fixed» reopens, a rating rates the published answer (1–2 reopen), a comment flags «гражданин ответил»; idempotent by update id', async () => {
    const created = (
      await postForm({ ...report, description: 'Открытый люк у дома 3 по улице Чкалова', api_key: key })
    ).json()[0].service_request_id as string;
    await answered(created, 'Люк закрыт 23.11.2026.');
    expect((await get(`requests/${created}.json`)).json()[0].status).toBe('closed');

    const notFixed = {
      api_key: key,
      service_request_id: created,
      update_id: 'fms-101',
      status: 'OPEN',
      description: 'Люк снова открыт',
      first_name: 'Анна',
      email: 'anna@example.ru',
      updated_datetime: '2026-11-23T08:30:00+03:00',
    };
    const first = await postUpdate(notFixed);
    expect(first.statusCode).toBe(201);
    const updateId = first.json()[0].update_id as string;
    expect((await caseOf(created)).status).toBe('reopened');
    expect((await get(`requests/${created}.json`)).json()[0]).toMatchObject({
      status: 'open',
      status_notes: 'Обращение открыто повторно',
    });
    // the same update again: the same id, nothing new
    const again = await postUpdate(notFixed, 'xml');
    expect(again.statusCode).toBe(200);
    expect(
      (parseXml(again) as { service_request_updates: { request_update: { update_id: string }[] } })
        .service_request_updates.request_update[0]?.update_id,
    ).toBe(updateId);
    const messages = await services.database.db
      .selectFrom('messages')
      .select('text')
      .where('case_id', '=', (await caseOf(created)).id)
      .execute();
    expect(messages.map((m) => m.text)).toEqual(['Открытый люк у дома 3 по улице Чкалова', 'Люк снова открыт']);
    // an update is not a request of its own
    expect((await get(`requests/${updateId}.json`)).statusCode).toBe(404);

    await answered(created, 'Люк заменён на запираемый 24.11.2026.');
    expect(
      (
        await postUpdate({
          api_key: key,
          service_request_id: created,
          update_id: 'fms-102',
          rating: '2',
          description: 'Всё равно шатается',
        })
      ).statusCode,
    ).toBe(201);
    expect(await caseOf(created)).toMatchObject({ status: 'reopened', rating: 2 });
    await answered(created, 'Люк закреплён, акт приложен.');
    expect(
      (await postUpdate({ api_key: key, service_request_id: created, update_id: 'fms-103', 'attribute[rating]': '5' }))
        .statusCode,
    ).toBe(201);
    expect(await caseOf(created)).toMatchObject({ status: 'closed', rating: 5 });
    // a second rating of the same answer changes nothing
    await postUpdate({ api_key: key, service_request_id: created, update_id: 'fms-104', rating: '1' });
    expect(await caseOf(created)).toMatchObject({ status: 'closed', rating: 5 });
    // a plain comment on the closed case is a follow-up the operator sees
    await postUpdate({
      api_key: key,
      service_request_id: created,
      update_id: 'fms-105',
      description: 'Спасибо, но рядом ещё один люк',
    });
    const flagged = await caseOf(created);
    expect(flagged.citizen_replied_at).not.toBeNull();
    const operator = rootContext(services, await makeUser(services, 'operator'));
    const { listCases } = await import('../cases/cases.repository');
    const list = await listCases(
      operator.db,
      { citizenReplied: true, sort: 'created_desc', page: 1, pageSize: 50 },
      services.clock.now(),
      null,
    );
    expect(list.rows.map((r) => String(r.id))).toEqual([String(flagged.id)]);
    await changeStatus(operator, String(flagged.id), { action: 'reopen' });
    expect((await caseOf(created)).citizen_replied_at).toBeNull();
  });

  it('refuses a bad key (403), an unknown request (404) and an incomplete update (400), storing nothing', async () => {
    const id = (
      await postForm({ ...report, description: 'Сломана скамейка в сквере на улице Свободы', api_key: key })
    ).json()[0].service_request_id as string;
    const before = await services.database.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expectErrors(
      await postUpdate({ api_key: 'wrong', service_request_id: id, update_id: 'x1', description: 'текст' }),
      403,
      'json',
    );
    expectErrors(
      await postUpdate({ api_key: key, service_request_id: '999999999', update_id: 'x2', description: 'текст' }),
      404,
      'json',
    );
    expect(
      expectErrors(await postUpdate({ api_key: key, service_request_id: id, description: 'текст' }), 400, 'json'),
    ).toMatch(/update_id/);
    expectErrors(
      await postUpdate({ api_key: key, service_request_id: id, update_id: 'x3', rating: '7' }, 'xml'),
      400,
      'xml',
    );
    const after = await services.database.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
