import {
  AckPolicy,
  connect,
  DeliverPolicy,
  JSONCodec,
  nanos,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type NatsConnection,
  type StreamConfig,
} from 'nats';
import type { BusConfig } from '../../config';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/context';
import type { Logger } from '../../lib/logger';
import type { IntakeMessage } from '../../../shared/api/messages';
import type { BusAccepted, BusStatus } from '../../../shared/api/bus';
import { busMessageId, envelopeOf, type BusEnvelope } from './bus-envelope';
import { countDeadLetters } from './dead-letters';

// The intake bus on NATS JetStream (optional, OTKLIK_NATS_URL). The API publishes an accepted message to the stream
// with Msg-Id = channel:externalId (JetStream drops a repeat within the duplicate window; the database's unique key
// catches any later one) and answers 202 once the server has acknowledged it, i.e. stored it (file storage, on
// `replicas` servers). The writers (bus-writer.ts) take messages from one durable pull consumer shared by all nodes.

/** The durable consumer all writer nodes share: each message goes to one of them at a time. */
export const WRITERS_CONSUMER = 'otklik-writers';
const PUBLISH_TIMEOUT_MS = 5_000;

export interface IntakeBus {
  readonly stream: string;
  readonly subject: string;
  readonly config: BusConfig;
  readonly connection: NatsConnection;
  /** Publishes and waits for the stream's acknowledgement; null when the message cannot travel on the bus (too large). */
  publish(message: IntakeMessage, actor: Actor, acceptedAt: Date): Promise<BusAccepted | null>;
  /** Backlog of the writers' consumer and the dead letters, for /api/health/ready. */
  status(db: Db): Promise<BusStatus>;
  close(): Promise<void>;
}

const codec = JSONCodec<BusEnvelope>();

export async function openIntakeBus(config: BusConfig, log: Logger): Promise<IntakeBus> {
  const connection = await connect({
    servers: config.url,
    name: 'otklik',
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1_000,
  });
  void (async () => {
    for await (const s of connection.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnect')
        log.warn({ bus: config.url, event: s.type }, 'intake bus connection');
    }
  })();
  const subject = `${config.stream}.messages`;
  const jsm = await connection.jetstreamManager();
  await ensureStream(jsm, config, subject);
  await ensureConsumer(jsm, config);
  const js = connection.jetstream();
  return {
    stream: config.stream,
    subject,
    config,
    connection,
    async publish(message, actor, acceptedAt) {
      const data = codec.encode(envelopeOf(message, actor, acceptedAt));
      // the server refuses a payload over its max_payload (1 MB by default): such a message (files inline) goes direct
      if (data.length > connection.info!.max_payload - 4096) return null;
      const ack = await js.publish(subject, data, { msgID: busMessageId(message), timeout: PUBLISH_TIMEOUT_MS });
      return {
        status: 'accepted',
        channel: message.channel,
        externalId: message.externalId,
        duplicate: ack.duplicate,
        sequence: ack.seq,
      };
    },
    async status(db) {
      const deadLetters = await countDeadLetters(db, config.stream);
      try {
        const info = await jsm.consumers.info(config.stream, WRITERS_CONSUMER);
        return {
          status: 'ok',
          waiting: info.num_pending,
          inProgress: info.num_ack_pending,
          redelivered: info.num_redelivered,
          deadLetters,
        };
      } catch (error) {
        log.warn({ bus: config.url, error: String(error) }, 'intake bus status unavailable');
        return { status: 'unavailable', waiting: null, inProgress: null, redelivered: null, deadLetters };
      }
    },
    async close() {
      if (!connection.isClosed()) await connection.drain();
    },
  };
}

/** File storage, `replicas` copies, work-queue retention (a message leaves the stream once a writer acknowledges it). */
function streamConfig(config: BusConfig, subject: string): Partial<StreamConfig> & { name: string } {
  return {
    name: config.stream,
    subjects: [subject],
    storage: StorageType.File,
    retention: RetentionPolicy.Workqueue,
    num_replicas: config.replicas,
    duplicate_window: nanos(config.dedupWindowSeconds * 1000),
  };
}

async function ensureStream(jsm: JetStreamManager, config: BusConfig, subject: string): Promise<void> {
  const wanted = streamConfig(config, subject);
  const existing = await jsm.streams.info(config.stream).catch(() => null);
  if (!existing) await jsm.streams.add(wanted);
  else
    await jsm.streams.update(config.stream, {
      ...existing.config,
      duplicate_window: wanted.duplicate_window!,
      num_replicas: config.replicas,
    });
}

async function ensureConsumer(jsm: JetStreamManager, config: BusConfig): Promise<void> {
  const settings = {
    durable_name: WRITERS_CONSUMER,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    // deliveries are counted by the writer, which tells a database outage (retry forever) from a bad message
    ack_wait: nanos(config.ackWaitSeconds * 1000),
    max_deliver: -1,
    max_ack_pending: Math.max(1000, config.writerConcurrency * 16),
  };
  const existing = await jsm.consumers.info(config.stream, WRITERS_CONSUMER).catch(() => null);
  if (!existing) await jsm.consumers.add(config.stream, settings);
  else
    await jsm.consumers.update(config.stream, WRITERS_CONSUMER, {
      ack_wait: settings.ack_wait,
      max_ack_pending: settings.max_ack_pending,
    });
}
