import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { acquireLock, readLock } from '../data-lock';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Применить миграции базы данных и заполнить справочники')
    .action(async () => {
      const config = loadConfig();
      if (!config.databaseUrl && readLock(config.dataDir)?.kind === 'server') {
        process.stdout.write('Сервер уже запущен на этой папке данных и применил миграции при старте.\n');
        return;
      }
      const [{ embeddedDataPath }, { migrateToLatest, openDatabase }, { seedReference }] = await Promise.all([
        import('../../prepare-database'),
        import('../../db/database'),
        import('../../features/reference/seed-reference'),
      ]);
      const lock = config.databaseUrl ? null : acquireLock(config.dataDir, { kind: 'command', command: 'migrate' });
      const database = await openDatabase({
        url: config.databaseUrl,
        dataDir: config.databaseUrl ? undefined : embeddedDataPath(config),
      });
      try {
        const report = await migrateToLatest(database);
        const seeded = await database.transaction((trx) => seedReference(trx));
        process.stdout.write(
          `Миграции: применено ${report.applied.length}${report.applied.length ? ` (${report.applied.join(', ')})` : ''}; справочники ${seeded ? 'заполнены' : 'уже были'}.\n`,
        );
      } finally {
        await database.close();
        lock?.release();
      }
    });
}
