// Webhook flood: N calls (default 10,000) spread over the channel endpoints — the monitoring provider's endpoint,
// the web widget's form and Open311's POST requests — against the real server listening on loopback, with C
// calls in flight. Every tenth call repeats an earlier one (a re-delivered webhook). Proves no loss: the messages
// in the database equal the distinct accepted calls, and every call got a success status. Baseline in the same
// run: plain POST /api/messages (the same intake path without a channel adapter), at the same concurrency.
// Usage: npx tsx bench/channels/webhook-flood.ts [--calls 10000] [--baseline 2000] [--concurrency 32]
//   BENCH_DATABASE_URL=postgres://…/postgres runs on a fresh database of that PostgreSQL server instead of PGlite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../../server/config';
import { createServices } from '../../server/boot';
import { openDatabase, type Database } from '../../server/db/database';
import { buildApp } from '../../server/http/app';
import { createToken } from '../../server/features/auth/tokens';
import { rootContext, SYSTEM_ACTOR } from '../../server/lib/context';
import { silentLogger } from '../../server/lib/logger';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name}: ожидается целое положительное число`);
  return v;
};
const CALLS = arg('calls', 10_000);
const BASELINE = arg('baseline', 2_000);
const CONCURRENCY = arg('concurrency', 32);

const TOWNS = ['Ярославле', 'Рыбинске', 'Угличе', 'Ростове', 'Переславле-Залесском', 'Тутаеве'];
const STREETS = ['Свободы', 'Ленина', 'Советской', 'Крестовой', 'Пушкина', 'Гагарина', 'Мира', 'Кирова'];
/** Synthetic complaint n: distinct per n, about the region, passing the monitoring filters. */
const complaint = (n: number): string =>
  `Сколько можно! В ${TOWNS[n % TOWNS.length]} на улице ${STREETS[n % STREETS.length]} у дома ${n} огромная яма на дороге, когда отремонтируют? (обращение ${n})`;

interface Call {
  kind: 'monitoring' | 'widget' | 'open311' | 'api';
  body: string;
  contentType: string;
  url: string;
  auth: boolean;
}

function floodCall(n: number, open311Code: string): Call {
  const kind = (['monitoring', 'widget', 'open311'] as const)[n % 3] ?? 'monitoring';
  if (kind === 'monitoring') {
    return {
      kind,
      url: '/monitoring/v1/posts',
      contentType: 'application/json',
      auth: true,
      body: JSON.stringify({
        posts: [
          {
            network: 'vk',
            url: `https://vk.com/wall-190000000_${n}`,
            author: `Автор ${n}`,
            text: complaint(n),
            time: '2026-11-20T10:00:00+03:00',
          },
        ],
      }),
    };
  }
  if (kind === 'widget') {
    return {
      kind,
      url: '/widget/messages',
      contentType: 'application/x-www-form-urlencoded',
      auth: false,
      body: new URLSearchParams({
        text: complaint(n),
        submission_id: `bench-${n.toString().padStart(8, '0')}`,
        contact: `+7900${n}`,
        consent: 'yes',
      }).toString(),
    };
  }
  return {
    kind,
    url: '/open311/v2/requests.json',
    contentType: 'application/x-www-form-urlencoded',
    auth: false,
    body: new URLSearchParams({
      service_code: open311Code,
      lat: '57.6261',
      long: '39.8845',
      description: complaint(n),
    }).toString(),
  };
}

const apiCall = (n: number): Call => ({
  kind: 'api',
  url: '/api/messages',
  contentType: 'application/json',
  auth: true,
  body: JSON.stringify({ channel: 'other', externalId: `bench-api-${n}`, text: complaint(1_000_000 + n) }),
});

async function freshDatabase(
  serverUrl: string | undefined,
): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (!serverUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-flood-'));
    return {
      database: await openDatabase({ dataDir: dir }),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `otklik_flood_${randomBytes(4).toString('hex')}`;
  const admin = async (q: string): Promise<void> => {
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

/** Sends the calls with `concurrency` in flight; returns the status of each and the elapsed seconds. */
async function fire(
  base: string,
  token: string,
  calls: readonly Call[],
  concurrency: number,
): Promise<{ statuses: number[]; seconds: number }> {
  const statuses = new Array<number>(calls.length).fill(0);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls.length) {
        const i = next++;
        const call = calls[i] as Call;
        const res = await fetch(base + call.url, {
          method: 'POST',
          body: call.body,
          headers: {
            'content-type': call.contentType,
            accept: 'application/json',
            ...(call.auth ? { authorization: `Bearer ${token}` } : {}),
          },
        });
        await res.arrayBuffer();
        statuses[i] = res.status;
      }
    }),
  );
  return { statuses, seconds: (performance.now() - t0) / 1000 };
}

async function main(): Promise<void> {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  const { database, drop } = await freshDatabase(serverUrl);
  const attachmentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-flood-attachments-'));
  const config = loadConfig(
    { OTKLIK_DATA_DIR: os.tmpdir(), OTKLIK_ATTACHMENT_DIR: attachmentDir, OTKLIK_MAX_BODY_BYTES: String(1024 * 1024) },
    {
      // One loopback address sends everything: the per-address form limit would otherwise refuse the flood by design.
      widget: { maxPhotoBytes: 5 * 1024 * 1024, rateLimitPerMinute: 1_000_000 },
    },
  );
  const services = await createServices(config, { database, log: silentLogger });
  const app = await buildApp(services);
  try {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const ctx = rootContext(services, SYSTEM_ACTOR);
    const token = (await createToken(ctx, 'flood')).token;
    const open311Code = 'roads-potholes';
    // Open311 POSTs carry the api_key in the body like real clients do.
    const withKey = (c: Call): Call =>
      c.kind === 'open311' ? { ...c, body: `${c.body}&api_key=${encodeURIComponent(token)}` } : c;
    const count = async (): Promise<number> =>
      Number(
        (
          await database.db
            .selectFrom('messages')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    // warm-up: the classifier, the connection and the JIT
    await fire(
      address,
      token,
      Array.from({ length: 30 }, (_, i) => apiCall(9_000_000 + i)),
      4,
    );
    const warm = await count();

    const baseline = await fire(
      address,
      token,
      Array.from({ length: BASELINE }, (_, i) => apiCall(i)),
      CONCURRENCY,
    );
    const afterBaseline = await count();

    // every tenth call re-delivers an earlier one
    const calls = Array.from({ length: CALLS }, (_, i) => withKey(floodCall(i % 10 === 9 ? i - 9 : i, open311Code)));
    const distinct = new Set(calls.map((c) => `${c.url} ${c.body}`)).size;
    const flood = await fire(address, token, calls, CONCURRENCY);
    const afterFlood = await count();

    const ok = (s: number): boolean => s === 200 || s === 201;
    const failedBaseline = baseline.statuses.filter((s) => !ok(s)).length;
    const failedFlood = flood.statuses.filter((s) => !ok(s));
    const byKind = (kind: Call['kind']): number =>
      calls.filter((c, i) => c.kind === kind && ok(flood.statuses[i] ?? 0)).length;
    const floodRate = CALLS / flood.seconds;
    const baselineRate = BASELINE / baseline.seconds;
    const lines = [
      `Движок: ${serverUrl ? 'PostgreSQL' : 'PGlite'}; параллельно запросов: ${CONCURRENCY}`,
      `Базовая линия POST /api/messages: ${BASELINE} вызовов за ${baseline.seconds.toFixed(1)} с = ${baselineRate.toFixed(1)} в секунду; ошибок ${failedBaseline}; новых сообщений ${afterBaseline - warm}`,
      `Поток вебхуков: ${CALLS} вызовов (мониторинг ${byKind('monitoring')}, виджет ${byKind('widget')}, Open311 ${byKind('open311')} успешных; повторных доставок ${CALLS - distinct}) за ${flood.seconds.toFixed(1)} с = ${floodRate.toFixed(1)} в секунду; ошибок ${failedFlood.length}${failedFlood.length ? ` (статусы ${[...new Set(failedFlood)].join(', ')})` : ''}`,
      `Новых сообщений в базе: ${afterFlood - afterBaseline}; различных принятых вызовов: ${distinct}`,
      `Отношение скорости потока вебхуков к базовой линии: ${(floodRate / baselineRate).toFixed(2)}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    const lost =
      afterFlood - afterBaseline !== distinct ||
      failedFlood.length > 0 ||
      afterBaseline - warm !== BASELINE ||
      failedBaseline > 0;
    process.stdout.write(
      lost
        ? 'ПОТЕРИ: число сообщений не совпадает с числом принятых вызовов\n'
        : 'Потерь нет: каждое принятое сообщение в базе ровно один раз\n',
    );
    process.exitCode = lost ? 1 : 0;
  } finally {
    await app.close();
    await database.close();
    await drop();
    fs.rmSync(attachmentDir, { recursive: true, force: true });
  }
}

void main();
