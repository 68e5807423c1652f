import { createProductionCalendar } from '../../shared/deadlines/production-calendar';
import type { Config } from '../config';
import { openDatabase } from '../db/database';
import { embeddedDataPath, prepareDatabase } from '../prepare-database';
import type { BlobStorage } from '../features/attachments/blob-storage';
import { ReferenceCache } from '../features/reference/reference.repository';
import type { MessageAnalyzer } from '../features/understanding/message-analyzer';
import { systemClock } from '../lib/clock';
import type { Services } from '../lib/context';
import { silentLogger } from '../lib/logger';

// Services for administrative commands that only read and write the database (users, tokens, aliases): no classifier,
// no channels, no file storage and none of their libraries are loaded, so such a command starts quickly.
const refuse = (): never => {
  throw new Error('Эта команда не анализирует сообщения и не работает с файлами');
};
const NO_ANALYZER: MessageAnalyzer = { analyze: refuse, placeEvidence: refuse };
const NO_BLOBS: BlobStorage = { kind: 'folder', put: refuse, get: refuse, delete: refuse };

export async function createAdminServices(config: Config, options: { readOnly?: boolean } = {}): Promise<Services> {
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : embeddedDataPath(config),
    shortLived: true,
  });
  await prepareDatabase(database, options);
  return {
    config,
    database,
    clock: systemClock,
    log: silentLogger,
    reference: new ReferenceCache(),
    analyzer: NO_ANALYZER,
    calendar: createProductionCalendar(),
    blobs: NO_BLOBS,
    channels: [],
  };
}
