import path from 'node:path';
import type { Config } from './config';
import { seedReference } from './features/reference/seed-reference';
import { migrateToLatest, type Database } from './db/database';

export function embeddedDataPath(config: Config): string {
  return path.join(config.dataDir, 'pglite');
}

/** Brings a freshly opened database to the latest migration and fills empty reference tables; closes it on failure. */
export async function prepareDatabase(database: Database): Promise<void> {
  try {
    await migrateToLatest(database);
    await database.transaction((trx) => seedReference(trx));
  } catch (error) {
    await database.close();
    throw error;
  }
}
