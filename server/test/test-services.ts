import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../config';
import { createServices } from '../boot';
import { openDatabase } from '../db/database';
import { fixedClock } from '../lib/clock';
import { rootContext, type Actor, type Ctx, type Services } from '../lib/context';
import { silentLogger } from '../lib/logger';
import type { MessageAnalyzer } from '../features/understanding/message-analyzer';
import { createServerDatabase, pgliteSnapshot } from './database-templates';

export interface TestServices extends Services {
  clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
}

/**
 * A fresh, migrated and seeded database per call: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by TEST_DATABASE_URL (dropped on close). The same test files run on both. Under vitest each
 * starts as a copy of the run's ready-made database (database-templates.ts).
 */
export async function createTestServices(
  options: { analyzer?: MessageAnalyzer; config?: Partial<Config>; now?: string; dataDir?: string } = {},
): Promise<TestServices> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const onServer = serverUrl ? await createServerDatabase(serverUrl, true) : null;
  const dataDir = options.dataDir ?? 'memory://';
  const database = await openDatabase(
    onServer ? { url: onServer.url } : { dataDir, snapshot: pgliteSnapshot('prepared') },
  );
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
      await onServer?.drop();
    },
  };
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
