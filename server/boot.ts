import { createProductionCalendar } from '../shared/deadlines/production-calendar';
import type { Config } from './config';
import { openDatabase, type Database } from './db/database';
import { embeddedDataPath, prepareDatabase } from './prepare-database';
import type { ChannelAdapter } from './features/channels/channel-adapter';
import { createBlobStorage } from './features/attachments/blob-storage';
import { createChannelAdapters } from './features/channels/registry';
import { ReferenceCache } from './features/reference/reference.repository';
import type { MessageAnalyzer } from './features/understanding/message-analyzer';
import { systemClock, type Clock } from './lib/clock';
import type { Services } from './lib/context';
import { consoleLogger, type Logger } from './lib/logger';

export interface BootOptions {
  clock?: Clock;
  log?: Logger;
  analyzer?: MessageAnalyzer;
  database?: Database;
  /** Replaces the configured channel adapters (tests point adapters at loopback stand-ins). */
  channels?: (services: Services) => ChannelAdapter[];
}

export { embeddedDataPath };

/** Opens the database (PGlite in the data folder unless DATABASE_URL is set), migrates, seeds reference data. */
export async function createServices(config: Config, options: BootOptions = {}): Promise<Services> {
  const log = options.log ?? consoleLogger;
  const database =
    options.database ??
    (await openDatabase({
      url: config.databaseUrl,
      dataDir: config.databaseUrl ? undefined : embeddedDataPath(config),
      onConnectionLost: (error) => log.warn({ error: error.message }, 'database connection lost'),
    }));
  await prepareDatabase(database);
  const services: Services = {
    config,
    database,
    clock: options.clock ?? systemClock,
    log,
    reference: new ReferenceCache(),
    // Loaded on demand: the classifier model is the heaviest part of start-up.
    analyzer: options.analyzer ?? (await import('./features/understanding/analyze-message')).createDefaultAnalyzer(),
    calendar: createProductionCalendar(),
    blobs: createBlobStorage(config.attachments.storage),
    channels: [],
  };
  services.channels = (options.channels ?? createChannelAdapters)(services);
  if (services.analyzer.useClassifier)
    await (await import('./features/classifier/retrain/activate')).loadActiveClassifier(services);
  return services;
}
