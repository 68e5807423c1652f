import { openDatabase, type Database } from '../db/database';
import { createServerDatabase, pgliteSnapshot } from './database-templates';

/**
 * An empty database without migrations (for migration tests, which migrate step by step): in-memory PGlite, or a new
 * database on the PostgreSQL server named by TEST_DATABASE_URL, dropped by close().
 */
export async function openBareDatabase(): Promise<{ database: Database; close: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ dataDir: 'memory://', snapshot: pgliteSnapshot('bare') });
    return { database, close: () => database.close() };
  }
  const created = await createServerDatabase(serverUrl, false);
  const database = await openDatabase({ url: created.url });
  return {
    database,
    close: async () => {
      await database.close();
      await created.drop();
    },
  };
}
