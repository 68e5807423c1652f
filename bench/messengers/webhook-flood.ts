// A flood of Telegram webhook calls: N distinct Updates (plus every tenth one delivered twice, as Telegram does after
// a timeout) posted to /webhooks/telegram with C requests in flight, against the same N messages posted to the
// integration API /api/messages (the same intake without the webhook layer), both measured in this run on the same
// engine. Checks that nothing is lost or doubled: exactly N messages, N cases or joins, N acknowledgements queued.
// Usage: npx tsx bench/messengers/webhook-flood.ts [--count N] [--concurrency C]
//   BENCH_DATABASE_URL=postgres://…/postgres also runs on a PostgreSQL server (a fresh database each).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../server/config';
import { createServices } from '../../server/boot';
import { openDatabase, type Database } from '../../server/db/database';
import { createToken } from '../../server/features/auth/tokens';
import { buildApp } from '../../server/http/app';
import { rootContext, SYSTEM_ACTOR, type Services } from '../../server/lib/context';
import { silentLogger } from '../../server/lib/logger';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const COUNT = arg('count', 10_000);
const CONCURRENCY = arg('concurrency', 32);
const SECRET = 'bench-webhook-secret-0123456789';
const TOKEN = '7000000001:AAbenchTokenNotUsedForCalls';

const PLACES = ['Рыбинске', 'Угличе', 'Ярославле', 'Переславле', 'Тутаеве', 'Ростове', 'Данилове', 'Мышкине'];
const PROBLEMS = [
  'не вывозят мусор',
  'яма на дороге',
  'нет отопления',
  'не ходит автобус',
  'не горят фонари',
  'течёт крыша',
];
const text = (i: number) =>
  `В ${PLACES[i % PLACES.length]} на улице номер ${i} ${PROBLEMS[i % PROBLEMS.length]}, дом ${i % 97}`;

function update(i: number): object {
  const chat = 100_000 + (i % 5000);
  return {
    update_id: 900_000_000 + i,
    message: {
      message_id: i + 1,
      date: 1795413000 + i,
      text: text(i),
      from: { id: chat, is_bot: false, first_name: 'Житель' },
      chat: { id: chat, first_name: 'Житель', type: 'private' },
    },
  };
}

async function freshDatabase(
  serverUrl: string | undefined,
): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (!serverUrl)
    return {
      database: await openDatabase({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-bench-pglite-')) }),
      drop: async () => {},
    };
  const name = `otklik_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await admin(`create database ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    database: await openDatabase({ url: u.toString() }),
    drop: () => admin(`drop database ${name} with (force)`),
  };
}

async function pool(total: number, run: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) await run(next++);
    }),
  );
}

async function count(services: Services, table: 'messages' | 'outbox'): Promise<number> {
  const r = await services.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function measure(
  serverUrl: string | undefined,
  via: 'webhook' | 'api',
): Promise<{ seconds: number; calls: number; messages: number; acks: number; errors: number }> {
  const { database, drop } = await freshDatabase(serverUrl);
  const config = loadConfig({
    OTKLIK_DATA_DIR: os.tmpdir(),
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
  });
  const services = await createServices(config, { database, log: silentLogger });
  const app: FastifyInstance = await buildApp(services);
  const bearer = `Bearer ${(await createToken(rootContext(services, SYSTEM_ACTOR), 'bench')).token}`;
  // every tenth webhook is delivered a second time right after the first
  const order =
    via === 'webhook'
      ? Array.from({ length: COUNT }, (_, i) => (i % 10 === 9 ? [i, i] : [i])).flat()
      : Array.from({ length: COUNT }, (_, i) => i);
  let errors = 0;
  const t0 = performance.now();
  await pool(order.length, async (k) => {
    const i = order[k] ?? 0;
    const res =
      via === 'webhook'
        ? await app.inject({
            method: 'POST',
            url: '/webhooks/telegram',
            payload: update(i),
            headers: { 'x-telegram-bot-api-secret-token': SECRET },
          })
        : await app.inject({
            method: 'POST',
            url: '/api/messages',
            payload: { channel: 'messenger_telegram', externalId: `${i}`, text: text(i) },
            headers: { authorization: bearer },
          });
    if (res.statusCode >= 300) errors++;
  });
  const seconds = (performance.now() - t0) / 1000;
  const result = {
    seconds,
    calls: order.length,
    messages: await count(services, 'messages'),
    acks: via === 'webhook' ? await count(services, 'outbox') : 0,
    errors,
  };
  await app.close();
  await database.close();
  await drop();
  return result;
}

const engines: [string, string | undefined][] = [['PGlite', undefined]];
if (process.env.BENCH_DATABASE_URL) engines.push(['PostgreSQL', process.env.BENCH_DATABASE_URL]);
console.log(`${COUNT} messages, ${CONCURRENCY} requests in flight, every tenth webhook delivered twice`);
console.log('engine      | webhook calls/s | api msg/s | ratio | calls  | messages | acks queued | errors | lost');
for (const [name, url] of engines) {
  const api = await measure(url, 'api');
  const hook = await measure(url, 'webhook');
  const a = hook.calls / hook.seconds,
    b = api.calls / api.seconds;
  const lost = COUNT - hook.messages;
  console.log(
    `${name.padEnd(11)} | ${a.toFixed(0).padStart(15)} | ${b.toFixed(0).padStart(9)} | ${(a / b).toFixed(2).padStart(5)} | ${String(hook.calls).padStart(6)} | ${String(hook.messages).padStart(8)} | ${String(hook.acks).padStart(11)} | ${String(hook.errors).padStart(6)} | ${lost}`,
  );
  if (hook.messages !== COUNT || hook.acks !== COUNT || hook.errors) process.exitCode = 1;
}
