import type { ConsumerMessages, JsMsg } from 'nats';
import { rootContext, type Services } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { safeErrorText } from '../../lib/redact-secrets';
import { receiveMessage } from '../intake/receive-message';
import { busEnvelopeSchema } from './bus-envelope';
import { recordDeadLetter } from './dead-letters';
import { WRITERS_CONSUMER, type IntakeBus } from './intake-bus';

// A writer: takes messages from the bus's durable consumer and stores each through the one intake use case, up to
// `writerConcurrency` at a time — the database's pace, whatever the burst. A message is acknowledged only after its
// transaction committed; a writer that dies leaves its messages unacknowledged and JetStream delivers them again after
// the ack wait (to this writer restarted or to another node's). A repeat is harmless: intake is idempotent on
// channel + externalId. A database outage is retried without limit; any other failure `maxDeliver` times, then the
// message becomes a dead letter (a row of intake_dead_letters, then acknowledged). A message refused for good (400)
// becomes one at once.

const RETRY_PAUSE_MS = 1_000;

export function startBusWriter(services: Services, bus: IntakeBus): () => Promise<void> {
  const limit = bus.config.writerConcurrency;
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let messages: ConsumerMessages | null = null;
  const loop = async (): Promise<void> => {
    while (!stopped) {
      try {
        const consumer = await bus.connection.jetstream().consumers.get(bus.stream, WRITERS_CONSUMER);
        messages = await consumer.consume({ max_messages: limit * 2 });
        for await (const m of messages) {
          const job: Promise<void> = writeOne(services, bus, m).finally(() => inFlight.delete(job));
          inFlight.add(job);
          if (inFlight.size >= limit) await Promise.race(inFlight);
        }
      } catch (error) {
        services.log.warn(
          { bus: bus.stream, error: safeErrorText(error, services.config) },
          'intake bus writer: consumer lost, retrying',
        );
      }
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    }
  };
  const running = loop();
  return async () => {
    stopped = true;
    messages?.stop();
    await running;
    await Promise.all(inFlight);
  };
}

async function writeOne(services: Services, bus: IntakeBus, m: JsMsg): Promise<void> {
  const deliveries = m.info.deliveryCount;
  const parsed = busEnvelopeSchema.safeParse(parseJson(m.data));
  if (!parsed.success) {
    await giveUp(
      services,
      bus,
      m,
      { raw: Buffer.from(m.data).toString('utf8').slice(0, 100_000) },
      `Сообщение шины не по схеме: ${parsed.error.message.slice(0, 500)}`,
    );
    return;
  }
  const { message, actor } = parsed.data;
  try {
    await receiveMessage(rootContext(services, actor), message, { groupCommit: true });
  } catch (error) {
    const text = safeErrorText(error, services.config);
    if (error instanceof AppError && error.code === 'unavailable') {
      m.nak(5_000);
    } else if ((error instanceof AppError && error.status < 500) || deliveries >= bus.config.maxDeliver) {
      services.log.warn({ bus: bus.stream, seq: m.seq, deliveries, error: text }, 'intake bus message dead-lettered');
      await giveUp(services, bus, m, parsed.data, text);
    } else {
      services.log.warn(
        { bus: bus.stream, seq: m.seq, deliveries, error: text },
        'intake bus message failed, will be delivered again',
      );
      m.nak(Math.min(60_000, 1_000 * 2 ** deliveries));
    }
    return;
  }
  // stored (committed): acknowledge and wait for the server to confirm; an ack lost on the way means one more delivery
  await m.ackAck().catch(() => false);
}

async function giveUp(
  services: Services,
  bus: IntakeBus,
  m: JsMsg,
  payload: Parameters<typeof recordDeadLetter>[1]['payload'],
  error: string,
): Promise<void> {
  const key = 'message' in payload ? payload.message : { channel: '?', externalId: '?' };
  try {
    await recordDeadLetter(services.database.db, {
      stream: bus.stream,
      streamSeq: m.seq,
      channel: key.channel,
      externalId: key.externalId,
      payload,
      error,
      deliveries: m.info.deliveryCount,
    });
    // the dead letter is the message's record from now on: acknowledged, it leaves the work-queue stream
    await m.ackAck().catch(() => false);
  } catch (recordError) {
    services.log.error(
      { bus: bus.stream, seq: m.seq, error: safeErrorText(recordError, services.config) },
      'intake bus dead letter not recorded, will retry',
    );
    m.nak(5_000);
  }
}

function parseJson(data: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    return null;
  }
}
