import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { rankDuplicateCandidates } from '../duplicates/rank-candidates';
import { YAROSLAVL_GAZETTEER } from '../places';
import { startTestApp } from '../../test/test-app';
import type { TestServices } from '../../test/test-services';

// One problem sent twice with the category the citizen chose (an Open311 service, a portal's form): the case carries
// the choice as certain, so the repeat must be compared by that choice too, not by the classifier's other guess —
// otherwise every repeat opens a case of its own. The test analyzer files «мусор» under tko.collection (confident);
// repeats are judged by the real scorer, as in production.
let services: TestServices;
let app: FastifyInstance;
let token: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const analyzer = createTestAnalyzer();
  ({ services, app, token, close } = await startTestApp({
    analyzer: {
      ...analyzer,
      duplicateOf: (query, candidates, options) => {
        const best = rankDuplicateCandidates(query, candidates, { ...options, gazetteer: YAROSLAVL_GAZETTEER })[0];
        return best?.decision === 'duplicate' ? best.id : null;
      },
    },
  }));
});
afterAll(async () => close());

const post = (externalId: string, citizenCategory: { block: string; category: string }) =>
  app.inject({
    method: 'POST',
    url: '/api/messages',
    headers: { authorization: `Bearer ${token}` },
    payload: {
      channel: 'portal',
      externalId,
      text: 'Во дворе дома 5 на улице Панина в Ярославле мусор и вода из трубы заливает подвал',
      location: { lat: 57.6105, lon: 39.8301, address: 'Ярославль, ул. Панина, 5' },
      citizenCategory,
    },
  });

describe('a repeat of a message with a chosen category', () => {
  it('joins the case the first one opened', async () => {
    const chosen = await services.database.db
      .selectFrom('categories')
      .select(['block_code as block', 'code as category'])
      .where('block_code', '<>', 'tko')
      .orderBy('block_code')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const first = await post('chosen-1', chosen);
    const second = await post('chosen-2', chosen);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(second.json().caseId).toBe(first.json().caseId);
    expect(second.json().duplicate).toBe(true);
  });
});
