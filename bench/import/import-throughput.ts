// Import throughput: `otklik import` (full intake of history: classification, places, urgency, deadlines, cases,
// messages, answers, ratings, events) against COPY of exactly the rows that import wrote, into the same tables with
// the same indexes, generated columns, triggers and foreign keys — no analysis, no logic. Measured in this run on
// the same engine, each on a fresh database: the import with its analysis computed (cold: none kept), the import of
// the same file whose analyses are kept (the cache of the first run copied into the fresh database beforehand,
// untimed: a re-import into a restored database), and the COPY.
// Usage: npx tsx bench/import/import-throughput.ts [--file PATH] [--limit N] [--rounds R] [--no-pglite]
//   BENCH_DATABASE_URL=postgres://…/postgres also runs both on a PostgreSQL server (a fresh database each).
// Also prints the analysis alone (classifier, places, urgency of every text, in one thread): the part of the import's
// cost that the worker threads carry and that no COPY pays.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../../server/config';
import { createServices } from '../../server/boot';
import { openDatabase, type Database } from '../../server/db/database';
import { importFile } from '../../server/features/import-export/import-file';
import { copyRows } from '../../server/db/copy-rows';
import { readSource } from '../../server/features/import-export/read-source';
import { rootContext, SYSTEM_ACTOR, withTransaction, type Services } from '../../server/lib/context';
import { silentLogger } from '../../server/lib/logger';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const file = path.resolve(arg('file') ?? '../shared/data/spb-appeals/messages.jsonl.gz');
const limit = Number(arg('limit') ?? 0);
const rounds = Math.max(1, Number(arg('rounds') ?? 3));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-bench-'));

async function sample(): Promise<string> {
  if (!limit) return file;
  const out = path.join(scratch, 'sample.jsonl');
  const lines: string[] = [];
  for await (const r of readSource(file, 'jsonl')) {
    if ('value' in r) lines.push(JSON.stringify(r.value));
    if (lines.length >= limit) break;
  }
  fs.writeFileSync(out, `${lines.join('\n')}\n`);
  return out;
}

async function freshServices(
  serverUrl: string | undefined,
): Promise<{ services: Services; close: () => Promise<void> }> {
  let database: Database;
  let drop = async (): Promise<void> => {};
  if (!serverUrl) database = await openDatabase({ dataDir: fs.mkdtempSync(path.join(scratch, 'pglite-')) });
  else {
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
    database = await openDatabase({ url: u.toString() });
    drop = () => admin(`drop database ${name} with (force)`);
  }
  const services = await createServices(loadConfig({ OTKLIK_DATA_DIR: scratch }), { database, log: silentLogger });
  return {
    services,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

type Table = 'organisations' | 'cases' | 'messages' | 'answers' | 'ratings' | 'case_events';
type Dump = Record<Table, Record<string, unknown>[]>;
// Parent tables first (foreign keys); rows keyed by case go in the same per-1000-messages transactions as the import.
const CHILD_TABLES = ['messages', 'answers', 'ratings', 'case_events'] as const;

/** Every row the import wrote, as it would be handed to INSERT (generated and defaulted serial ids left out). */
async function dumpImported(services: Services): Promise<Dump> {
  const db = services.database.db;
  const plain = (rows: object[], drop: string[]) =>
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r)
          .filter(([k]) => !drop.includes(k))
          .map(([k, v]) => [k, v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v]),
      ),
    );
  const caseIds = db.selectFrom('cases').select('id').where('source', '=', 'import');
  return {
    organisations: plain(
      await db.selectFrom('organisations').selectAll().where('kind', '=', 'imported').orderBy('id').execute(),
      [],
    ),
    cases: plain(await db.selectFrom('cases').selectAll().where('source', '=', 'import').orderBy('id').execute(), [
      'search',
    ]),
    messages: plain(
      await db.selectFrom('messages').selectAll().where('case_id', 'in', caseIds).orderBy('id').execute(),
      ['id'],
    ),
    answers: plain(await db.selectFrom('answers').selectAll().where('case_id', 'in', caseIds).orderBy('id').execute(), [
      'id',
    ]),
    ratings: plain(await db.selectFrom('ratings').selectAll().where('case_id', 'in', caseIds).orderBy('id').execute(), [
      'id',
    ]),
    case_events: plain(
      await db.selectFrom('case_events').selectAll().where('case_id', 'in', caseIds).orderBy('id').execute(),
      ['id'],
    ),
  };
}

type Kept = { key: string; analysis: unknown }[];

async function measureImport(
  input: string,
  serverUrl: string | undefined,
  kept: Kept | null,
): Promise<{ n: number; seconds: number; dump: Dump; kept: Kept }> {
  const { services, close } = await freshServices(serverUrl);
  const db = services.database.db;
  const ctx = rootContext(services, SYSTEM_ACTOR);
  if (kept) await withTransaction(ctx, (tx) => copyRows(tx.db, 'analysis_cache', kept));
  const t0 = performance.now();
  const lines = await importFile(ctx, { file: input });
  const seconds = (performance.now() - t0) / 1000;
  const dump = await dumpImported(services);
  const keptNow = (await db.selectFrom('analysis_cache').select(['key', 'analysis']).execute()).map((r) => ({
    key: r.key,
    analysis: JSON.stringify(r.analysis),
  }));
  await close();
  const n = Number(/imported (\d+)/.exec(lines[lines.length - 1] ?? '')?.[1] ?? 0);
  return { n, seconds, dump, kept: keptNow };
}

/** The same rows, copied as they are: COPY of 1000 messages' rows per transaction. */
async function measurePlain(dump: Dump, serverUrl: string | undefined): Promise<{ n: number; seconds: number }> {
  const { services, close } = await freshServices(serverUrl);
  const ctx = rootContext(services, SYSTEM_ACTOR);
  const byCase = (rows: Record<string, unknown>[]) => {
    const m = new Map<string, Record<string, unknown>[]>();
    for (const r of rows) {
      const k = String(r.case_id);
      const l = m.get(k);
      if (l) l.push(r);
      else m.set(k, [r]);
    }
    return m;
  };
  const children = CHILD_TABLES.map((t) => [t, byCase(dump[t])] as const);
  const t0 = performance.now();
  const insert = (tx: typeof ctx, table: Table, rows: Record<string, unknown>[]) => copyRows(tx.db, table, rows);
  await withTransaction(ctx, (tx) => insert(tx, 'organisations', dump.organisations));
  for (let i = 0; i < dump.cases.length; i += 1000) {
    const cases = dump.cases.slice(i, i + 1000);
    await withTransaction(ctx, async (tx) => {
      await insert(tx, 'cases', cases);
      for (const [table, rows] of children)
        await insert(
          tx,
          table,
          cases.flatMap((c) => rows.get(String(c.id)) ?? []),
        );
    });
  }
  const seconds = (performance.now() - t0) / 1000;
  // Messages, not cases: a message that joined an open case as a repeat opened none.
  const db = services.database.db;
  const n = Number(
    (
      await db
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('case_id', 'in', db.selectFrom('cases').select('id').where('source', '=', 'import'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  await close();
  return { n, seconds };
}

/** Milliseconds per message of the analysis alone (the shipped analyzer, after a warm-up of 200 texts). */
async function analysisMs(input: string): Promise<number> {
  const { createDefaultAnalyzer } = await import('../../server/features/understanding/analyze-message');
  const analyzer = createDefaultAnalyzer();
  const texts: string[] = [];
  for await (const r of readSource(input, 'jsonl')) {
    const text = 'value' in r ? (r.value as { text?: unknown }).text : null;
    if (typeof text === 'string') texts.push(text);
  }
  const at = new Date();
  for (const t of texts.slice(0, 200)) analyzer.analyze(t, at);
  const t0 = performance.now();
  for (const t of texts) analyzer.analyze(t, at, { addresses: false });
  return (performance.now() - t0) / Math.max(1, texts.length);
}

/** Columns the database fills at write time, which differ between two imports of the same rows. */
const WRITE_TIME = new Set(['id', 'updated_at']);

/** The first column of the cases that the two imports wrote differently (ids and write times aside), if any. */
function differentColumn(a: Record<string, unknown>[], b: Record<string, unknown>[]): string | null {
  if (a.length !== b.length) return `${a.length} cases against ${b.length}`;
  for (let i = 0; i < a.length; i++)
    for (const k of Object.keys(a[i]!))
      if (!WRITE_TIME.has(k) && JSON.stringify(a[i]![k]) !== JSON.stringify(b[i]![k]))
        return `case ${i}, ${k}: ${JSON.stringify(a[i]![k])} against ${JSON.stringify(b[i]![k])}`;
  return null;
}

if (!fs.existsSync(file)) {
  console.log(`no input file ${file}: nothing to measure`);
} else {
  const input = await sample();
  const engines: [string, string | undefined][] = process.argv.includes('--no-pglite') ? [] : [['PGlite', undefined]];
  if (process.env.BENCH_DATABASE_URL) engines.push(['PostgreSQL', process.env.BENCH_DATABASE_URL]);
  console.log(`analysis alone, one thread: ${(await analysisMs(input)).toFixed(2)} ms per message`);
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    'engine      | round | messages | COPY msg/s | import, cold analysis msg/s (ratio) | import, kept analysis msg/s (ratio)',
  );
  for (const [name, url] of engines) {
    // Cold once; then the import with kept analyses and the COPY side by side, `rounds` times (the load of a shared
    // machine moves within a minute: each ratio is of two runs next to each other; the median is reported).
    const cold = await measureImport(input, url, null);
    const ratios: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      const warm = await measureImport(input, url, cold.kept);
      const plain = await measurePlain(cold.dump, url);
      if (plain.n !== cold.n || warm.n !== cold.n)
        throw new Error(`COPY wrote ${plain.n} messages, import ${cold.n}, import with kept analyses ${warm.n}`);
      const differs = differentColumn(cold.dump.cases, warm.dump.cases);
      if (differs) throw new Error(`the import with kept analyses wrote other cases than the cold one: ${differs}`);
      const copy = plain.n / plain.seconds;
      const rate = (r: { n: number; seconds: number }) =>
        `${(r.n / r.seconds).toFixed(0)} (${(r.n / r.seconds / copy).toFixed(2)})`;
      ratios.push(warm.n / warm.seconds / copy);
      console.log(
        `${name.padEnd(11)} | ${String(round).padStart(5)} | ${String(cold.n).padStart(8)} | ${copy.toFixed(0).padStart(10)} | ${(round === 1 ? rate(cold) : '').padStart(35)} | ${rate(warm).padStart(35)}`,
      );
    }
    const sorted = ratios.sort((x, y) => x - y);
    console.log(
      `${name}: import with kept analyses / COPY, median of ${rounds}: ${sorted[(rounds - 1) >> 1]!.toFixed(2)}`,
    );
  }
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}
fs.rmSync(scratch, { recursive: true, force: true });
