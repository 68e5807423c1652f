// Fuzzing the API's entries with fast-check: intake (POST /api/messages) and the query parameters of the lists.
// Property: every generated input gets an answer below 500, and at once. Most inputs are refused by validation;
// those that pass write or read the database (their number is bounded by the generators' weights).
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../../shared/cases/case-status';
import { CHANNELS } from '../../shared/deadlines/channels';
import { addUser } from '../features/auth/users';
import { createToken } from '../features/auth/tokens';
import { rootContext, SYSTEM_ACTOR } from '../lib/context';
import { deepJson, fuzz, hostileDate, hostileJson, hostileString } from '../test/fuzz';
import { createTestAnalyzer } from '../test/test-analyzer';
import { createTestServices, type TestServices } from '../test/test-services';
import { buildApp } from './app';

let services: TestServices;
let app: FastifyInstance;
let token: string;
let cookie: string;

beforeAll(async () => {
  services = await createTestServices({ analyzer: createTestAnalyzer() });
  app = await buildApp(services);
  token = (await createToken(rootContext(services, SYSTEM_ACTOR), 'fuzz')).token;
  await addUser(rootContext(services, SYSTEM_ACTOR), {
    login: 'fuzz_operator',
    password: 'Пароль-2026',
    role: 'operator',
  });
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login: 'fuzz_operator', password: 'Пароль-2026' },
  });
  cookie = `otklik_session=${login.cookies.find((c) => c.name === 'otklik_session')?.value}`;
});
afterAll(async () => {
  await app.close();
  await services.close();
});

const RUNS = 10_000;
/** No answer may take this long: the calendar loop once hung the server on a date. */
const ANSWER_WITHIN_MS = 2_000;

async function expectAnswered(send: () => Promise<{ statusCode: number; body: string }>, what: string): Promise<void> {
  const started = performance.now();
  const res = await send();
  const ms = performance.now() - started;
  if (res.statusCode >= 500 || ms > ANSWER_WITHIN_MS)
    throw new Error(`${what} → ${res.statusCode} in ${Math.round(ms)} ms: ${res.body.slice(0, 300)}`);
}

/** Every byte of the UTF-8 form percent-encoded (lone surrogates become U+FFFD, as a browser would send them). */
const percent = (s: string): string =>
  [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

const valid = {
  channel: 'web',
  externalId: 'fuzz-base',
  text: 'Яма на дороге в Угличе',
  createdAt: '2026-11-20T10:00:00+03:00',
};
const field = fc.constantFrom(
  'channel',
  'externalId',
  'text',
  'createdAt',
  'author',
  'location',
  'labels',
  'attachments',
  'extra',
);
const fieldValue = fc.oneof(
  hostileString,
  hostileDate,
  hostileJson,
  fc.constantFrom(...CHANNELS),
  fc.double(),
  fc.integer(),
);
/** A valid message with a few fields replaced; mostly refused, sometimes a new message (ids from a small set). */
const mutatedMessage = fc
  .tuple(fc.array(fc.tuple(field, fieldValue), { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 39 }))
  .map(([changes, id]) => ({ ...valid, externalId: `fuzz-${id}`, ...Object.fromEntries(changes) }));
const intakeBody = fc.oneof(
  { weight: 6, arbitrary: mutatedMessage.map((m) => JSON.stringify(m)) },
  { weight: 2, arbitrary: hostileJson.map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 30, max: 20_000 }), fc.boolean())
      .map(([d, a]) => JSON.stringify({ ...valid, labels: { x: 0 } }).replace('0}', `${deepJson(d, a)}}`)),
  },
);

describe('fuzzing the API', () => {
  it(`POST /api/messages: ${RUNS} generated bodies, none answered 5xx or slowly`, async () => {
    await fuzz('intake', 1401, RUNS, intakeBody, (payload) =>
      expectAnswered(
        () =>
          app.inject({
            method: 'POST',
            url: '/api/messages',
            payload,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          }),
        `POST /api/messages ${payload.slice(0, 200)}`,
      ),
    );
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  }, 600_000);

  // Typed parameters with hostile values (refused by validation) most of the time; free text and valid values less
  // often, so a bounded share of the queries reaches the database.
  const typedKeys = fc.constantFrom(
    'organisation',
    'status',
    'channel',
    'deadline',
    'overdue',
    'answered',
    'late',
    'priority',
    'from',
    'to',
    'ids',
    'sort',
    'page',
    'pageSize',
    'facets',
    'level',
    'by',
    'granularity',
    'on',
    'window',
    'month',
    'version',
  );
  const freeKeys = fc.constantFrom('q', 'block', 'category', 'municipality', 'x');
  const validValue = fc.oneof(
    fc.constantFrom(...CASE_STATUSES, ...CHANNELS, 'true', 'roads,tko', '1,2,3', '2026-11-01', 'organisation', 'month'),
    fc.integer().map(String),
    fc.array(fc.integer({ min: 0, max: 2 ** 53 }).map(String), { maxLength: 3 }).map((a) => a.join(',')),
  );
  const pair = fc.oneof(
    { weight: 8, arbitrary: fc.tuple(typedKeys, fc.oneof(hostileString, hostileDate)) },
    { weight: 1, arbitrary: fc.tuple(typedKeys, validValue) },
    { weight: 1, arbitrary: fc.tuple(freeKeys, fc.oneof(hostileString, validValue)) },
  );
  const query = fc
    .array(pair, { minLength: 1, maxLength: 4 })
    .map((pairs) => pairs.map(([k, v]) => `${percent(k)}=${percent(v)}`).join('&'));
  const path = fc.constantFrom(
    '/api/cases',
    '/api/cases/facets',
    '/api/analytics/ratings',
    '/api/analytics/volumes',
    '/api/analytics/series',
    '/api/kpi',
    '/api/clusters',
    '/api/reports',
  );

  it(`query parameters of the lists: ${RUNS} generated queries, none answered 5xx or slowly`, async () => {
    await fuzz('query', 1402, RUNS, fc.tuple(path, query), ([p, q]) =>
      expectAnswered(
        () => app.inject({ method: 'GET', url: `${p}?${q}`, headers: { cookie } }),
        `GET ${p}?${q.slice(0, 300)}`,
      ),
    );
  }, 600_000);

  it('path parameters: hostile ids on the case routes', async () => {
    await fuzz('path', 1403, 2_000, hostileString, (id) =>
      expectAnswered(
        () => app.inject({ method: 'GET', url: `/api/cases/${percent(id)}`, headers: { cookie } }),
        `GET /api/cases/${id.slice(0, 100)}`,
      ),
    );
  }, 300_000);
});
