// Fuzzing the channels' inbound parsers with fast-check: Telegram updates, VK Callback API events, Open311 POST
// (JSON and form), the monitoring provider's batches and the widget form. Property: every generated request gets an
// answer below 500, at once. Most are refused by the parsers; the rest become messages (a channel's own timestamp
// out of range counts from receipt). `FUZZ_RUNS` changes the number per entry point (default 10 000).
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { buildApp } from '../../http/app';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createToken } from '../auth/tokens';
import { fuzz, hostileDate, hostileJson, hostileString } from '../../test/fuzz';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, type TestServices } from '../../test/test-services';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SECRET = 'fuzz-webhook-secret-0123456789';
const GROUP = 218372615;
const ANSWER_WITHIN_MS = 2_000;
// No provider is reached: webhooks only write (replies are outbox jobs, not run here); the addresses are closed ports.
const CLOSED = 'http://127.0.0.1:9';

let services: TestServices;
let app: FastifyInstance;
let token: string;

beforeAll(async () => {
  services = await createTestServices({
    analyzer: createTestAnalyzer(),
    config: {
      telegram: { token: '7000000001:AAFuzz', webhookSecret: SECRET, username: 'otklik_fuzz_bot', apiRoot: CLOSED },
      vk: {
        token: 'vk1.a.fuzz',
        groupId: GROUP,
        confirmation: 'c0nf1rm',
        secret: SECRET,
        apiBaseUrl: `${CLOSED}/method`,
      },
      widget: { maxPhotoBytes: 10_000, rateLimitPerMinute: 1_000_000 },
    },
  });
  app = await buildApp(services);
  token = (await createToken(rootContext(services, SYSTEM_ACTOR), 'fuzz')).token;
});
afterAll(async () => {
  await app.close();
  await services.close();
});

async function expectAnswered(request: InjectOptions, what: string): Promise<void> {
  const started = performance.now();
  const res = await app.inject(request);
  const ms = performance.now() - started;
  if (res.statusCode >= 500 || ms > ANSWER_WITHIN_MS)
    throw new Error(`${what} → ${res.statusCode} in ${Math.round(ms)} ms: ${res.body.slice(0, 300)}`);
}

const text = fc.oneof(
  hostileString,
  fc.constantFrom('Яма на дороге в Угличе', 'Не вывозят мусор в Рыбинске, ул. Ленина'),
);
const seconds = fc.oneof(
  fc.integer({ min: -1e13, max: 1e13 }),
  fc.double(),
  fc.constantFrom(1_763_600_000, 0, 8.64e12, -1),
);
const any = fc.oneof(hostileString, hostileJson, seconds);
/** An object with the expected keys, each a plausible or a hostile value, sometimes extra keys. */
const shaped = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.record(
    Object.fromEntries(
      Object.entries(fields).map(([k, a]) => [k, fc.oneof({ weight: 3, arbitrary: a }, { weight: 1, arbitrary: any })]),
    ),
    { requiredKeys: [] },
  );
const json = (body: unknown): string => JSON.stringify(body) ?? 'null';

describe('fuzzing the channels', () => {
  it(`Telegram webhook: ${RUNS} generated updates`, async () => {
    const message = shaped({
      message_id: fc.integer(),
      date: seconds,
      text,
      chat: shaped({ id: fc.integer(), type: fc.constant('private') }),
      from: shaped({ id: fc.integer(), is_bot: fc.boolean(), first_name: hostileString }),
      location: shaped({ latitude: fc.double(), longitude: fc.double() }),
      caption: text,
    });
    const update = fc.oneof(
      { weight: 4, arbitrary: shaped({ update_id: fc.integer(), message }) },
      { weight: 1, arbitrary: hostileJson },
    );
    await fuzz('telegram', 1481, RUNS, update, (u) =>
      expectAnswered(
        {
          method: 'POST',
          url: '/webhooks/telegram',
          payload: json(u),
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        },
        `telegram ${json(u).slice(0, 200)}`,
      ),
    );
  }, 900_000);

  it(`VK Callback API: ${RUNS} generated events`, async () => {
    const message = shaped({
      id: fc.integer(),
      date: seconds,
      from_id: fc.integer(),
      peer_id: fc.integer(),
      text,
      conversation_message_id: fc.integer(),
      attachments: fc.array(hostileJson, { maxLength: 2 }),
    });
    const event = shaped({
      type: fc.constantFrom('message_new', 'wall_reply_new', 'confirmation', 'other'),
      group_id: fc.constant(GROUP),
      secret: fc.constant(SECRET),
      object: fc.oneof(
        shaped({ message }),
        shaped({
          id: fc.integer(),
          date: seconds,
          from_id: fc.integer(),
          owner_id: fc.integer(),
          post_id: fc.integer(),
          text,
        }),
      ),
    });
    await fuzz('vk', 1482, RUNS, event, (e) =>
      expectAnswered(
        { method: 'POST', url: '/webhooks/vk', payload: json(e), headers: { 'content-type': 'application/json' } },
        `vk ${json(e).slice(0, 200)}`,
      ),
    );
  }, 900_000);

  it(`Open311 POST requests: ${RUNS} generated bodies (JSON and form)`, async () => {
    const body = shaped({
      api_key: fc.constant(token),
      service_code: fc.constantFrom('roads-potholes', 'x'),
      lat: fc.double(),
      long: fc.double(),
      description: text,
      address_string: hostileString,
      email: hostileString,
      first_name: hostileString,
      media_url: hostileString,
      jurisdiction_id: hostileString,
    });
    await fuzz('open311', 1483, RUNS, fc.tuple(body, fc.boolean()), ([b, form]) =>
      expectAnswered(
        {
          method: 'POST',
          url: '/open311/v2/requests.json',
          payload: form
            ? new URLSearchParams(
                Object.entries(b).map(([k, v]) => [k, typeof v === 'string' ? v : json(v)]),
              ).toString()
            : json(b),
          headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
        },
        `open311 ${json(b).slice(0, 200)}`,
      ),
    );
  }, 900_000);

  it(`monitoring provider: ${RUNS} generated batches`, async () => {
    const post = shaped({
      network: fc.constantFrom('vk', 'ok', 'telegram', 'x'),
      url: fc.oneof(hostileString, fc.constant('https://vk.com/wall-1_2')),
      author: hostileString,
      text,
      time: hostileDate,
      geo: shaped({ lat: fc.double(), lon: fc.double() }),
    });
    const batch = fc.oneof(
      { weight: 4, arbitrary: shaped({ posts: fc.array(post, { maxLength: 3 }) }) },
      { weight: 1, arbitrary: hostileJson },
    );
    await fuzz('monitoring', 1484, RUNS, batch, (b) =>
      expectAnswered(
        {
          method: 'POST',
          url: '/monitoring/v1/posts',
          payload: json(b),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        },
        `monitoring ${json(b).slice(0, 200)}`,
      ),
    );
  }, 900_000);

  it(`widget form: ${RUNS} generated submissions`, async () => {
    const form = shaped({
      text,
      address: hostileString,
      municipality: hostileString,
      name: hostileString,
      contact: hostileString,
      source: hostileString,
      submission_id: hostileString,
      website: fc.constantFrom('', 'bot'),
    });
    await fuzz('widget', 1485, RUNS, form, (f) =>
      expectAnswered(
        {
          method: 'POST',
          url: '/widget/messages',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          payload: new URLSearchParams(
            Object.entries(f).map(([k, v]) => [k, typeof v === 'string' ? v : json(v)]),
          ).toString(),
        },
        `widget ${json(f).slice(0, 200)}`,
      ),
    );
  }, 900_000);
});
