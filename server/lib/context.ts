import type { Role } from '../../shared/auth/roles';
import type { ProductionCalendar } from '../../shared/deadlines/production-calendar';
import type { Config } from '../config';
import type { Database, Db } from '../db/database';
import type { BlobStorage } from '../features/attachments/blob-storage';
import type { IntakeBus } from '../features/bus/intake-bus';
import type { ChannelAdapter } from '../features/channels/channel-adapter';
import type { ReferenceCache } from '../features/reference/reference.repository';
import type { MessageAnalyzer } from '../features/understanding/message-analyzer';
import type { AnalysisThreads } from '../features/understanding/analysis-threads';
import type { Clock } from './clock';
import type { Logger } from './logger';

/** Who is acting: a signed-in user, an integration (token), a channel adapter or the system itself. */
export type Actor =
  | {
      kind: 'user';
      userId: number;
      login: string;
      role: Role;
      organisationId: number | null;
      blockCode: string | null;
      label: string;
    }
  | { kind: 'integration'; tokenId: number; label: string; scopes: readonly string[] }
  | { kind: 'system'; label: string };

export interface Services {
  readonly config: Config;
  readonly database: Database;
  readonly clock: Clock;
  readonly log: Logger;
  readonly reference: ReferenceCache;
  readonly analyzer: MessageAnalyzer;
  readonly calendar: ProductionCalendar;
  /** Attachment bytes (data folder, S3-compatible store, or memory for tests). */
  readonly blobs: BlobStorage;
  /** Channel adapters the configuration enables (filled at boot, after the other services exist). */
  channels: readonly ChannelAdapter[];
  /** The intake bus (NATS JetStream) when configured and opened by `otklik serve`; null: intake writes directly. */
  intakeBus?: IntakeBus | null;
  /** Worker threads for intake's analysis, opened by `otklik serve`; null or absent: intake analyses in this thread. */
  analysisThreads?: AnalysisThreads | null;
}

/** What every use case receives: the database handle (a transaction inside one), the actor, and the services. */
export interface Ctx {
  readonly db: Db;
  readonly actor: Actor;
  readonly services: Services;
  readonly inTransaction: boolean;
}

export function rootContext(services: Services, actor: Actor): Ctx {
  return { db: services.database.db, actor, services, inTransaction: false };
}

/** Runs fn in a transaction (or in the current one): the state change, its events and its outbox rows commit together. */
export function withTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.inTransaction) return fn(ctx);
  return ctx.services.database.transaction((trx) => fn({ ...ctx, db: trx, inTransaction: true }));
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', label: 'Система' };
