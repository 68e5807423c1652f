import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/logger';
import {
  prepareNodesDatabase,
  prepareServeNodes,
  startServeNode,
  type NodesDatabase,
  type ServeNode,
} from '../../test/serve-node';
import { natsSkipReason, startThrowawayNats, type ThrowawayNats } from '../../test/throwaway-nats';
import { openIntakeBus, type IntakeBus } from '.';
import type { BusConfig } from '../../config';
import { rootContext } from '../../lib/context';
import { acceptOnBus } from './accept-message';

// A burst accepted by the bus while its writer — an `otklik serve` child process — is killed (SIGKILL) mid-burst and
// started again: every message the bus acknowledged is stored exactly once. PostgreSQL only: the writer is another
// process, and PGlite is one process's database.
const serverUrl = process.env.TEST_DATABASE_URL;
const skip =
  natsSkipReason() ??
  (serverUrl ? null : 'Шина приёма, падение писателя: тест только на PostgreSQL (TEST_DATABASE_URL)');
if (skip) console.warn(skip);

describe.skipIf(skip !== null)('intake bus: a writer killed mid-burst', () => {
  let nats: ThrowawayNats;
  let db: NodesDatabase;
  let edge: IntakeBus;
  let writer: ServeNode | null = null;
  const config = (url: string): BusConfig => ({
    url,
    stream: 'OTKLIK_CRASH',
    replicas: 1,
    dedupWindowSeconds: 600,
    ackWaitSeconds: 3,
    maxDeliver: 10,
    writer: true,
    writerConcurrency: 8,
  });

  beforeAll(async () => {
    nats = await startThrowawayNats();
    await prepareServeNodes();
    db = await prepareNodesDatabase(serverUrl!);
    edge = await openIntakeBus(config(nats.url), silentLogger);
    db.services.intakeBus = edge;
  }, 900_000);
  afterAll(async () => {
    await writer?.stop();
    await edge?.close();
    await db?.drop();
    await nats?.stop();
  });

  const writerEnv = () => ({
    DATABASE_URL: db.url,
    OTKLIK_DATA_DIR: 'memory://',
    OTKLIK_NATS_URL: nats.url,
    OTKLIK_NATS_STREAM: 'OTKLIK_CRASH',
    OTKLIK_NATS_ACK_WAIT_SECONDS: '3',
  });
  const storedCount = async () =>
    Number(
      (
        await db.services.database.db
          .selectFrom('messages')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('channel', '=', 'portal')
          .where('external_id', 'like', 'burst-%')
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('stores every acknowledged message once', async () => {
    const total = 400;
    writer = await startServeNode(writerEnv());
    const ctx = rootContext(db.services, { kind: 'integration', tokenId: 1, label: 'тест', scopes: ['messages'] });
    // the edge publishes the burst (16 at a time, as many connections would) while the writer works through it
    let published = 0;
    const acknowledged: string[] = [];
    const publishing = (async () => {
      const next = async (): Promise<void> => {
        while (published < total) {
          const i = published++;
          const accepted = await acceptOnBus(ctx, {
            channel: 'portal',
            externalId: `burst-${i}`,
            text: `Не вывозят мусор у дома ${i} на улице Мира`,
          });
          if (accepted) acknowledged.push(accepted.externalId);
        }
      };
      await Promise.all(Array.from({ length: 16 }, next));
    })();
    // killed once a part is stored, the burst still arriving
    while ((await storedCount()) < 40) await new Promise((resolve) => setTimeout(resolve, 50));
    await writer.kill();
    const atKill = await storedCount();
    await publishing;
    expect(acknowledged).toHaveLength(total);
    expect(atKill).toBeLessThan(total);

    writer = await startServeNode(writerEnv());
    const deadline = Date.now() + 300_000;
    while ((await storedCount()) < total) {
      if (Date.now() > deadline)
        throw new Error(`записано ${await storedCount()} из ${total}:\n${writer.output().slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const rows = await db.services.database.db
      .selectFrom('messages')
      .select('external_id')
      .where('channel', '=', 'portal')
      .where('external_id', 'like', 'burst-%')
      .execute();
    expect(new Set(rows.map((r) => r.external_id)).size).toBe(total);
    expect(rows).toHaveLength(total);
    // the bus is empty and nothing became a dead letter
    let status = await edge.status(db.services.database.db);
    while (status.inProgress !== 0 || status.waiting !== 0) {
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = await edge.status(db.services.database.db);
    }
    expect(status).toMatchObject({ status: 'ok', waiting: 0, inProgress: 0, deadLetters: 0 });
    console.info(
      `шина: принято ${total}, записано до падения писателя ${atKill}, остальные ${total - atKill} — после перезапуска, каждое один раз`,
    );
  }, 900_000);
});
