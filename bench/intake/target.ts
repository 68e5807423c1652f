// One side of the intake benchmark, run as its own process so that the load generator does not share its event loop:
//   floor   — a minimal Fastify route doing one INSERT … ON CONFLICT into a table with the same unique key as
//             `messages` and a Russian full-text column, on a fresh database of the same PostgreSQL server;
//   otklik  — Otklik's own server (`buildApp`) on a fresh database (PostgreSQL, or PGlite without a URL), with an
//             integration token.
// Prints one JSON line {"url", "token"} once listening, then reads commands from stdin: `reset` zeroes the counters of
// statements sent to PostgreSQL and the time they took (counted on pg.Client) and answers `{}`; `stop` prints the
// counters {"queries", "queryMs"}, closes and exits. Started by intake-throughput.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { loadConfig } from '../../server/config';
import { createServices } from '../../server/boot';
import { openDatabase, type Database } from '../../server/db/database';
import { buildApp } from '../../server/http/app';
import { createToken } from '../../server/features/auth/tokens';
import { openAnalysisThreads } from '../../server/features/understanding/analysis-threads';
import { rootContext, SYSTEM_ACTOR } from '../../server/lib/context';
import { silentLogger } from '../../server/lib/logger';

const [mode, serverUrl] = process.argv.slice(2);

// Counters on every statement sent through node-postgres: how many per message and how long they wait.
const counters = { queries: 0, queryMs: 0, cpuMs: 0 };
let cpuAtReset = process.cpuUsage();
const original = pg.Client.prototype.query;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's query has many overloads; the wrapper passes them through
(pg.Client.prototype as any).query = function counted(this: pg.Client, ...args: unknown[]): unknown {
  counters.queries++;
  const t0 = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
  const result: any = Reflect.apply(original, this, args);
  // a promise unless a callback was passed
  if (result && typeof result.then === 'function')
    void result.then(
      () => {
        counters.queryMs += performance.now() - t0;
      },
      () => undefined,
    );
  return result;
};

async function freshDatabaseUrl(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `otklik_intake_${randomBytes(4).toString('hex')}`;
  const admin = async (q: string): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await admin(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`drop database ${name} with (force)`) };
}

async function floor(url: string): Promise<{ address: string; close: () => Promise<void> }> {
  const fresh = await freshDatabaseUrl(url);
  // The same pool size as Otklik's (server/db/database.ts).
  const pool = new pg.Pool({ connectionString: fresh.url, max: 10 });
  await pool.query(`create table floor_messages (
    id bigserial primary key, channel text not null, external_id text not null, text text not null,
    received_at timestamptz not null default now(),
    search tsvector generated always as (to_tsvector('russian', left(text, 20000))) stored,
    unique (channel, external_id))`);
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  app.post<{ Body: { channel: string; externalId: string; text: string } }>('/api/messages', async (request, reply) => {
    const { channel, externalId, text } = request.body;
    const { rows } = await pool.query<{ id: string }>(
      'insert into floor_messages (channel, external_id, text) values ($1, $2, $3) on conflict (channel, external_id) do nothing returning id',
      [channel, externalId, text],
    );
    return reply.status(rows.length ? 201 : 200).send({ messageId: rows[0]?.id ?? null });
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    address,
    close: async () => {
      await app.close();
      await pool.end();
      await fresh.drop();
    },
  };
}

async function otklik(
  url: string | undefined,
): Promise<{ address: string; token: string; close: () => Promise<void> }> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-intake-'));
  let database: Database;
  let drop = async (): Promise<void> => {};
  if (url) {
    const fresh = await freshDatabaseUrl(url);
    database = await openDatabase({ url: fresh.url });
    drop = fresh.drop;
  } else {
    database = await openDatabase({ dataDir: path.join(scratch, 'pglite') });
  }
  const config = loadConfig({
    OTKLIK_DATA_DIR: scratch,
    OTKLIK_ATTACHMENT_DIR: path.join(scratch, 'files'),
    // the machine's default unless the run sets it (0: analysis in the main thread)
    OTKLIK_ANALYSIS_THREADS: process.env.OTKLIK_ANALYSIS_THREADS,
  });
  const services = await createServices(config, { database, log: silentLogger });
  // as `otklik serve` does: intake's analysis in worker threads when the machine has a core to spare
  services.analysisThreads = openAnalysisThreads(services);
  // measured once they are up (a server answers meanwhile, analysing in its main thread)
  if (services.analysisThreads && !(await services.analysisThreads.start()))
    throw new Error('intake analysis threads did not start');
  const app = await buildApp(services);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const token = (await createToken(rootContext(services, SYSTEM_ACTOR), 'intake-bench')).token;
  return {
    address,
    token,
    close: async () => {
      await app.close();
      await services.analysisThreads?.close();
      await database.close();
      await drop();
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  if (mode !== 'floor' && mode !== 'otklik') throw new Error('usage: target.ts floor|otklik [postgres-url]');
  if (mode === 'floor' && !serverUrl) throw new Error('the floor needs a PostgreSQL URL');
  const started = mode === 'floor' ? { ...(await floor(serverUrl!)), token: '' } : await otklik(serverUrl);
  process.stdout.write(`${JSON.stringify({ url: started.address, token: started.token })}\n`);
  for await (const command of createInterface({ input: process.stdin })) {
    if (command === 'reset') {
      counters.queries = 0;
      counters.queryMs = 0;
      cpuAtReset = process.cpuUsage();
      process.stdout.write('{}\n');
    } else if (command === 'stop') {
      const cpu = process.cpuUsage(cpuAtReset);
      counters.cpuMs = (cpu.user + cpu.system) / 1000;
      process.stdout.write(`${JSON.stringify(counters)}\n`);
      await started.close();
      process.exit(0);
    }
  }
}

await main();
