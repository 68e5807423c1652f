import path from 'node:path';
import type { Config } from './config';
import { seedReference } from './features/reference/seed-reference';
import { migrateToLatest, schemaIsCurrent, type Database } from './db/database';

export function embeddedDataPath(config: Config): string {
  return path.join(config.dataDir, 'pglite');
}

/**
 * Brings a freshly opened database to the latest migration and fills empty reference tables; closes it on failure.
 * readOnly (a command that only reads): when every migration is applied — one query — the database functions and the
 * reference seeding are left to the next `serve` or `migrate`, which is what keeps such a command's start short.
 */
export async function prepareDatabase(database: Database, options: { readOnly?: boolean } = {}): Promise<void> {
  try {
    if (options.readOnly && (await schemaIsCurrent(database))) return;
    await migrateToLatest(database);
    await database.transaction((trx) => seedReference(trx));
  } catch (error) {
    await database.close();
    throw error;
  }
}
