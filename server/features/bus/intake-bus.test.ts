import { JSONCodec } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusConfig } from '../../config';
import { silentLogger } from '../../lib/logger';
import { startTestApp, type TestApp } from '../../test/test-app';
import { natsSkipReason, startThrowawayNats, type ThrowawayNats } from '../../test/throwaway-nats';
import { openIntakeBus, startBusWriter } from '.';

// The intake bus in one process, on PGlite and on PostgreSQL: POST /api/messages answers 202 after JetStream stored
// the message, the writer stores it through the normal intake (exactly once, however often it was posted), bad input
// is refused with 400 before the bus, and a message the writer cannot store becomes a dead letter shown in health.
const skip = natsSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== null)('intake bus (NATS JetStream)', () => {
  let nats: ThrowawayNats;
  let t: TestApp;
  let stopWriter: (() => Promise<void>) | null = null;
  const config = (url: string): BusConfig => ({
    url,
    stream: 'OTKLIK_TEST',
    replicas: 1,
    dedupWindowSeconds: 600,
    ackWaitSeconds: 5,
    maxDeliver: 3,
    writer: true,
    writerConcurrency: 4,
  });

  beforeAll(async () => {
    nats = await startThrowawayNats();
    t = await startTestApp();
    t.services.intakeBus = await openIntakeBus(config(nats.url), silentLogger);
  }, 120_000);
  afterAll(async () => {
    await stopWriter?.();
    await t?.services.intakeBus?.close();
    await t?.close();
    await nats?.stop();
  });

  const startWriter = () => {
    stopWriter ??= startBusWriter(t.services, t.services.intakeBus!);
  };
  const post = (body: object) =>
    t.app.inject({
      method: 'POST',
      url: '/api/messages',
      headers: { authorization: `Bearer ${t.token}` },
      payload: body,
    });
  const stored = async (externalIds: string[]) => {
    const rows = await t.services.database.db
      .selectFrom('messages')
      .select('external_id')
      .where('channel', '=', 'portal')
      .where('external_id', 'in', externalIds)
      .execute();
    return rows.map((r) => r.external_id).sort();
  };
  const until = async (check: () => Promise<boolean>, ms = 60_000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('не дождались');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const ready = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/health/ready' })).json<{
      bus: { status: string; waiting: number; inProgress: number; deadLetters: number } | null;
    }>();

  it('answers 202 once the bus has the message; the writer stores each message once, repeats included', async () => {
    const ids = ['bus-1', 'bus-2', 'bus-3'];
    const first = await post({
      channel: 'portal',
      externalId: 'bus-1',
      text: 'Не горит фонарь у дома 5 на улице Свободы',
    });
    expect(first.statusCode, first.body).toBe(202);
    expect(first.json()).toMatchObject({
      status: 'accepted',
      channel: 'portal',
      externalId: 'bus-1',
      duplicate: false,
    });
    const again = await post({
      channel: 'portal',
      externalId: 'bus-1',
      text: 'Не горит фонарь у дома 5 на улице Свободы',
    });
    expect(again.json()).toMatchObject({ status: 'accepted', duplicate: true });
    for (const id of ids.slice(1))
      expect(
        (await post({ channel: 'portal', externalId: id, text: `Яма на дороге, сообщение ${id}` })).statusCode,
      ).toBe(202);
    // nothing is written before a writer runs; the backlog is visible
    expect(await stored(ids)).toEqual([]);
    expect((await ready()).bus).toMatchObject({ status: 'ok', waiting: 3, deadLetters: 0 });

    startWriter();
    await until(async () => (await stored(ids)).length === 3);
    await until(async () => (await ready()).bus?.waiting === 0 && (await ready()).bus?.inProgress === 0);
    expect(await stored(ids)).toEqual(ids);
    // the message kept the moment it was accepted, and went through the normal intake (a case, routing)
    const row = await t.services.database.db
      .selectFrom('messages')
      .select(['case_id', 'created_at'])
      .where('external_id', '=', 'bus-1')
      .executeTakeFirstOrThrow();
    expect(row.case_id).toBeTruthy();
    expect(row.created_at.toISOString()).toBe(t.services.clock.now().toISOString());

    // posted again after the dedup window would have passed: the database's unique key keeps it single
    await t.services.intakeBus!.connection.jetstream().publish(
      t.services.intakeBus!.subject,
      JSONCodec().encode({
        version: 1,
        message: { channel: 'portal', externalId: 'bus-2', text: 'Яма на дороге, сообщение bus-2' },
        actor: { kind: 'system', label: 'тест' },
      }),
      { msgID: 'another-id-for-bus-2' },
    );
    await until(async () => (await ready()).bus?.waiting === 0 && (await ready()).bus?.inProgress === 0);
    expect(await stored(['bus-2'])).toEqual(['bus-2']);
  }, 120_000);

  it('refuses bad input with 400 before the bus, and files inline go straight to the database', async () => {
    const future = await post({
      channel: 'portal',
      externalId: 'bus-future',
      text: 'Текст',
      createdAt: '2030-01-01T10:00:00+03:00',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('Дата сообщения в будущем');
    const category = await post({
      channel: 'portal',
      externalId: 'bus-cat',
      text: 'Текст',
      citizenCategory: { block: 'нет', category: 'такой' },
    });
    expect(category.statusCode).toBe(400);
    expect(category.json().error.message).toContain('Нет категории');
    const withFile = await post({
      channel: 'portal',
      externalId: 'bus-file',
      text: 'Фото ямы во вложении',
      attachments: [{ name: 'note.txt', mimeType: 'text/plain', contentBase64: Buffer.from('яма').toString('base64') }],
    });
    expect(withFile.statusCode, withFile.body).toBe(201);
    expect((await ready()).bus).toMatchObject({ waiting: 0, deadLetters: 0 });
  }, 60_000);

  it('makes a message it cannot store a dead letter, counted in health', async () => {
    startWriter();
    await t.services
      .intakeBus!.connection.jetstream()
      .publish(t.services.intakeBus!.subject, new TextEncoder().encode('{"version":1,"message":{}}'));
    // the writer refuses it for good: the row of the dead letter, the stream emptied
    await until(async () => (await ready()).bus?.deadLetters === 1);
    const letter = await t.services.database.db.selectFrom('intake_dead_letters').selectAll().executeTakeFirstOrThrow();
    expect(letter.error).toContain('не по схеме');
    await until(async () => (await ready()).bus?.inProgress === 0);
    expect((await ready()).bus).toMatchObject({ status: 'ok', waiting: 0, inProgress: 0, deadLetters: 1 });
  }, 60_000);
});
