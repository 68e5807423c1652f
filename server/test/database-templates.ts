// Ready-made databases for the test kit. A new embedded database spends seconds in PGlite's initdb and the
// migrations; the suite opens a few hundred of them. Once per run (vitest's global setup, test/global-setup.ts)
// this module prepares them once:
// - PGlite: two data-folder snapshots (tar files in a temporary folder): an empty cluster (for migration tests) and
//   a migrated, seeded one. A test's database starts from a copy of the snapshot.
// - PostgreSQL (TEST_DATABASE_URL): a migrated, seeded template database; a test's database is created from it.
// Outside vitest (benchmarks, scripts) nothing is provided and the kit builds each database from scratch.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase } from '../db/database';
import { prepareDatabase } from '../prepare-database';

export interface DatabaseTemplates {
  /** PGlite: tar of an initialised, empty cluster. */
  bareSnapshot?: string;
  /** PGlite: tar of a migrated, seeded database. */
  preparedSnapshot?: string;
  /** PostgreSQL: name of the migrated, seeded template database on TEST_DATABASE_URL's server. */
  postgresTemplate?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    otklikDatabaseTemplates: DatabaseTemplates;
  }
}

export async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A URL to the database `name` on the server of `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Builds the templates (global setup); returns them and the teardown that removes them. */
export async function buildDatabaseTemplates(): Promise<{ templates: DatabaseTemplates; remove: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `otklik_template_${randomBytes(6).toString('hex')}`;
    await adminQuery(serverUrl, `create database ${name}`);
    const database = await openDatabase({ url: databaseUrl(serverUrl, name) });
    await prepareDatabase(database);
    await database.close();
    return {
      templates: { postgresTemplate: name },
      remove: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`),
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'otklik-test-templates-'));
  const save = async (blob: Blob, file: string): Promise<string> => {
    const target = path.join(dir, file);
    writeFileSync(target, Buffer.from(await blob.arrayBuffer()));
    return target;
  };
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    const bareSnapshot = await save(await database.dumpSnapshot!(), 'bare.tar');
    await prepareDatabase(database);
    const preparedSnapshot = await save(await database.dumpSnapshot!(), 'prepared.tar');
    return {
      templates: { bareSnapshot, preparedSnapshot },
      remove: async () => rmSync(dir, { recursive: true, force: true }),
    };
  } finally {
    await database.close();
  }
}

function provided(): DatabaseTemplates {
  try {
    return inject('otklikDatabaseTemplates') ?? {};
  } catch {
    return {}; // not inside a vitest worker
  }
}

const snapshots = new Map<string, Blob>();
function snapshot(file: string | undefined): Blob | undefined {
  if (!file) return undefined;
  let blob = snapshots.get(file);
  if (!blob) {
    blob = new Blob([readFileSync(file)]);
    snapshots.set(file, blob);
  }
  return blob;
}

/** PGlite: the snapshot to start a new in-memory database from, if the global setup made one. */
export function pgliteSnapshot(kind: 'bare' | 'prepared'): Blob | undefined {
  const templates = provided();
  return snapshot(kind === 'bare' ? templates.bareSnapshot : templates.preparedSnapshot);
}

/**
 * PostgreSQL: creates a new database `otklik_test_…` on serverUrl — a copy of the prepared template when asked and
 * available, else empty — and returns its URL and the drop.
 */
export async function createServerDatabase(
  serverUrl: string,
  fromTemplate: boolean,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `otklik_test_${randomBytes(6).toString('hex')}`;
  const template = fromTemplate ? provided().postgresTemplate : undefined;
  await adminQuery(serverUrl, `create database ${name}${template ? ` template ${template}` : ''}`);
  return {
    url: databaseUrl(serverUrl, name),
    drop: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`),
  };
}
