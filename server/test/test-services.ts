import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../config';
import { createServices } from '../boot';
import { openDatabase } from '../db/database';
import { fixedClock } from '../lib/clock';
import { rootContext, type Actor, type Ctx, type Services } from '../lib/context';
import { silentLogger } from '../lib/logger';
import type { MessageAnalyzer } from '../features/understanding/message-analyzer';

export interface TestServices extends Services {
  clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
}

/**
 * A fresh, migrated and seeded database per call: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by TEST_DATABASE_URL (dropped on close). The same test files run on both.
 */
export async function createTestServices(
  options: { analyzer?: MessageAnalyzer; config?: Partial<Config>; now?: string; dataDir?: string } = {},
): Promise<TestServices> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let drop: (() => Promise<void>) | null = null;
  let url: string | undefined;
  if (serverUrl) {
    const name = `otklik_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(serverUrl, `create database ${name}`);
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  }
  const dataDir = options.dataDir ?? 'memory://';
  const database = await openDatabase(url ? { url } : { dataDir });
  const clock = fixedClock(options.now ?? '2026-11-23T09:00:00+03:00');
  const config = loadConfig({ OTKLIK_DATA_DIR: dataDir }, options.config ?? {});
  const services = await createServices(config, {
    database,
    clock,
    log: silentLogger,
    ...(options.analyzer ? { analyzer: options.analyzer } : {}),
  });
  return {
    ...services,
    clock,
    async close() {
      await database.close();
      await drop?.();
    },
  };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export function ctxAs(services: Services, actor: Actor): Ctx {
  return rootContext(services, actor);
}

let userSeq = 0;
/** Creates a user row and returns its actor (roles and organisation as given). */
export async function makeUser(
  services: Services,
  role: Extract<Actor, { kind: 'user' }>['role'],
  organisationId: number | null = null,
): Promise<Extract<Actor, { kind: 'user' }>> {
  userSeq++;
  const login = `${role}_${userSeq}_${randomBytes(3).toString('hex')}`;
  const row = await services.database.db
    .insertInto('users')
    .values({
      login,
      password_hash: 'x',
      role,
      organisation_id: organisationId,
      full_name: `Тест ${role}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { kind: 'user', userId: row.id, login, role, organisationId, blockCode: null, label: `Тест ${role}` };
}
