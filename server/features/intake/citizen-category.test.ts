import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootContext } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { startTestApp } from '../../test/test-app';
import { makeUser, type TestServices } from '../../test/test-services';
import { reclassifyCase } from '../cases/reclassify-case';
import { decideCategory } from './citizen-category';

// The test analyzer: «мусор» → tko.collection at 0.9 (confident), no known word → other.other at 0.1 (unsure).
let services: TestServices;
let app: FastifyInstance;
let token: string;
let seq = 0;

let close: () => Promise<void>;

beforeAll(async () => {
  ({ services, app, token, close } = await startTestApp({ analyzer: createTestAnalyzer() }));
});
afterAll(async () => close());

const open311 = (fields: Record<string, string>) =>
  app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    payload: new URLSearchParams({ api_key: token, ...fields }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
/** A message of the intake API with the category the citizen chose (the test analyzer files it under tko.collection). */
const post = (citizenCategory: unknown) => {
  const text = `В Угличе не вывозят мусор у дома ${++seq}`;
  const payload = { channel: 'web', externalId: `cc-${seq}`, text, citizenCategory };
  return app.inject({ method: 'POST', url: '/api/messages', headers: { authorization: `Bearer ${token}` }, payload });
};
const caseOfRequest = async (requestId: string) =>
  services.database.db
    .selectFrom('messages')
    .innerJoin('cases', 'cases.id', 'messages.case_id')
    .select([
      'cases.id',
      'cases.status',
      'cases.block_code',
      'cases.category_code',
      'cases.classification',
      'cases.organisation_id',
    ])
    .where('messages.id', '=', requestId)
    .executeTakeFirstOrThrow();

describe('the category the citizen chose', () => {
  it('routes by the choice when the classifier is unsure, and keeps it on the case', async () => {
    const res = await open311({
      service_code: 'energy-street_light',
      lat: '57.6261',
      long: '39.8845',
      description: `Возле дома ${++seq} темно по вечерам`,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json()[0].service_request_id as string;
    const c = await caseOfRequest(id);
    expect(c).toMatchObject({ status: 'assigned', block_code: 'energy', category_code: 'street_light' });
    expect(c.organisation_id).not.toBeNull();
    expect(c.classification).toMatchObject({
      block: 'other',
      citizen: { block: 'energy', category: 'street_light' },
      source: 'citizen',
    });
  });

  it('sends a strong disagreement to «Разбор» showing both, and Open311 then reports the category the operator set', async () => {
    const res = await open311({
      service_code: 'health-drugs',
      address_string: 'Ярославль, ул. Свободы, 10',
      description: `Не вывозят мусор с площадки у дома ${++seq}`,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json()[0].service_request_id as string;
    const c = await caseOfRequest(id);
    expect(c).toMatchObject({ status: 'triage', block_code: 'health', category_code: 'drugs', organisation_id: null });
    expect(c.classification).toMatchObject({
      block: 'tko',
      category: 'collection',
      citizen: { block: 'health', category: 'drugs' },
    });
    const triage = await services.database.db
      .selectFrom('case_events')
      .select('data')
      .where('case_id', '=', c.id)
      .where('type', '=', 'triage')
      .executeTakeFirstOrThrow();
    expect(triage.data.reason).toMatch(/гражданина «Лекарственное обеспечение.*» расходится с классификатором «.*»/);
    expect((await app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.json` })).json()[0].service_code).toBe(
      'health-drugs',
    );
    const operator = await makeUser(services, 'operator');
    await reclassifyCase(rootContext(services, operator), c.id, { block: 'tko', category: 'collection' });
    const after = (await app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.json` })).json()[0];
    expect(after).toMatchObject({ service_code: 'tko-collection' });
    const filtered = (
      await app.inject({ method: 'GET', url: '/open311/v2/requests.json?service_code=tko-collection' })
    ).json<{ service_request_id: string }[]>();
    expect(filtered.map((r) => r.service_request_id)).toContain(id);
  });

  it('routes by the classifier and the choice alike when they agree; refuses an unknown category in the intake API', async () => {
    const agree = await post({ block: 'tko', category: 'collection' });
    expect(agree.statusCode, agree.body).toBe(201);
    expect(agree.json()).toMatchObject({ status: 'assigned', block: 'tko', category: 'collection' });
    const bad = await post({ block: 'tko', category: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/tko\.nope/) });
  });

  it('takes the names of the block and the category as well as their codes, in any case; says where to look when none fits', async () => {
    for (const chosen of [
      { block: 'roads', category: 'Ямы и ремонт дорог' },
      { block: 'Дороги', category: 'ямы  и ремонт дорог.' },
      { block: 'ROADS', category: 'Potholes' },
      { block: 'дороги', category: 'potholes' },
    ]) {
      const res = await post(chosen);
      expect(res.statusCode, `${JSON.stringify(chosen)}: ${res.body}`).toBe(201);
      const c = await caseOfRequest(res.json().messageId as string);
      expect(c.classification, JSON.stringify(chosen)).toMatchObject({
        citizen: { block: 'roads', category: 'potholes' },
      });
    }
    // «Прочие по направлению» is in every block: the block tells which
    const other = await post({ block: 'Дороги', category: 'прочие по направлению' });
    expect(other.statusCode, other.body).toBe(201);
    expect((await caseOfRequest(other.json().messageId as string)).classification).toMatchObject({
      citizen: { block: 'roads', category: 'other' },
    });
    for (const chosen of [
      { block: 'roads', category: 'Вывоз мусора' },
      { block: 'Дорога', category: 'Ямы и ремонт дорог' },
    ]) {
      const bad = await post(chosen);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toBe(
        `Нет категории «${chosen.block}.${chosen.category}» в справочнике: ожидаются коды или названия блока и категории ` +
          'справочника (список — GET /api/reference, поля blocks и categories, или услуги Open311: /open311/v2/services.json)',
      );
    }
  });

  it("takes a choice among the classifier's first guesses as no strong disagreement", () => {
    const analysis = {
      block: 'zhkh',
      category: 'heating',
      confidence: 0.8,
      top: [
        { label: 'zhkh.heating', score: 0.8 },
        { label: 'zhkh.hot_water', score: 0.15 },
      ],
    };
    const name = (b: string, c: string) => `${b}.${c}`;
    expect(decideCategory(analysis, { block: 'zhkh', category: 'hot_water' }, 0.5, name)).toMatchObject({
      route: true,
      category: 'hot_water',
      source: 'citizen',
    });
    expect(decideCategory(analysis, { block: 'roads', category: 'potholes' }, 0.5, name)).toMatchObject({
      route: false,
      category: 'potholes',
    });
    expect(decideCategory(analysis, null, 0.5, name)).toMatchObject({
      route: true,
      category: 'heating',
      source: 'classifier',
    });
    expect(decideCategory({ ...analysis, confidence: 0.3 }, null, 0.5, name)).toMatchObject({
      route: false,
      triageReason: 'низкая уверенность классификатора',
    });
  });
});
