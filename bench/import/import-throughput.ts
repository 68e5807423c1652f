// Import throughput: `otklik import` (full intake of history: classification, places, deadlines, cases, answers,
// events) against a plain bulk insert of the same rows into one table, both measured in this run on the same engine.
// Usage: npx tsx bench/import/import-throughput.ts [--file PATH] [--limit N]
//   BENCH_DATABASE_URL=postgres://…/postgres also runs both on a PostgreSQL server (a fresh database each).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../../server/config';
import { createServices } from '../../server/boot';
import { openDatabase, type Database } from '../../server/db/database';
import { importFile } from '../../server/features/import-export/import-file';
import { readSource } from '../../server/features/import-export/read-source';
import { rootContext, SYSTEM_ACTOR } from '../../server/lib/context';
import { silentLogger } from '../../server/lib/logger';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const file = path.resolve(arg('file') ?? '../shared/data/spb-appeals/messages.jsonl.gz');
const limit = Number(arg('limit') ?? 0);

async function sample(): Promise<string> {
  if (!limit) return file;
  const out = path.join(fs.mkdtempSync('/tmp/otklik-bench-'), 'sample.jsonl');
  const lines: string[] = [];
  for await (const r of readSource(file, 'jsonl')) {
    if ('value' in r) lines.push(JSON.stringify(r.value));
    if (lines.length >= limit) break;
  }
  fs.writeFileSync(out, `${lines.join('\n')}\n`);
  return out;
}

async function freshDatabase(serverUrl: string | undefined): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (!serverUrl) return { database: await openDatabase({ dataDir: fs.mkdtempSync('/tmp/otklik-bench-pglite-') }), drop: async () => {} };
  const name = `otklik_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (q: string) => { const c = new pg.Client({ connectionString: serverUrl }); await c.connect(); await c.query(q); await c.end(); };
  await admin(`create database ${name}`);
  const u = new URL(serverUrl); u.pathname = `/${name}`;
  return { database: await openDatabase({ url: u.toString() }), drop: () => admin(`drop database ${name} with (force)`) };
}

async function measureImport(input: string, serverUrl: string | undefined): Promise<{ n: number; seconds: number }> {
  const { database, drop } = await freshDatabase(serverUrl);
  const services = await createServices(loadConfig({ OTKLIK_DATA_DIR: '/tmp' }), { database, log: silentLogger });
  const t0 = performance.now();
  const lines = await importFile(rootContext(services, SYSTEM_ACTOR), { file: input });
  const seconds = (performance.now() - t0) / 1000;
  await database.close(); await drop();
  const n = Number(/imported (\d+)/.exec(lines[lines.length - 1] ?? '')?.[1] ?? 0);
  return { n, seconds };
}

async function measurePlain(input: string, serverUrl: string | undefined): Promise<{ n: number; seconds: number }> {
  const { database, drop } = await freshDatabase(serverUrl);
  await sql`create table raw_messages (channel text, external_id text, text text, created_at timestamptz, organisation text, payload jsonb, unique (channel, external_id))`.execute(database.db);
  const rows: { channel: string; external_id: string; text: string; created_at: string; organisation: string | null; payload: string }[] = [];
  for await (const r of readSource(input, 'jsonl')) {
    if (!('value' in r)) continue;
    const v = r.value as Record<string, string>;
    rows.push({ channel: v.channel ?? '', external_id: String(v.externalId), text: v.text ?? '', created_at: v.createdAt ?? '', organisation: v.organisation ?? null, payload: JSON.stringify(v) });
  }
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += 1000) {
    await database.transaction(async (trx) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a table outside the application schema
      await (trx as any).insertInto('raw_messages').values(rows.slice(i, i + 1000)).execute();
    });
  }
  const seconds = (performance.now() - t0) / 1000;
  await database.close(); await drop();
  return { n: rows.length, seconds };
}

if (!fs.existsSync(file)) {
  console.log(`no input file ${file}: nothing to measure`);
} else {
  const input = await sample();
  const engines: [string, string | undefined][] = [['PGlite', undefined]];
  if (process.env.BENCH_DATABASE_URL) engines.push(['PostgreSQL', process.env.BENCH_DATABASE_URL]);
  console.log('engine      | messages | otklik import msg/s | plain insert msg/s | ratio');
  for (const [name, url] of engines) {
    const plain = await measurePlain(input, url);
    const full = await measureImport(input, url);
    const a = full.n / full.seconds, b = plain.n / plain.seconds;
    console.log(`${name.padEnd(11)} | ${String(full.n).padStart(8)} | ${a.toFixed(0).padStart(19)} | ${b.toFixed(0).padStart(18)} | ${(a / b).toFixed(2)}`);
  }
}
