import type { Db } from '../../db/database';
import type { BusEnvelope } from './bus-envelope';

// Messages of the bus the writers gave up on: kept with the reason until someone resubmits them (the payload is the
// API's message, ready for POST /api/messages) — nothing answered with 202 disappears without a trace.

export interface DeadLetter {
  stream: string;
  streamSeq: number;
  channel: string;
  externalId: string;
  payload: BusEnvelope | { raw: string };
  error: string;
  deliveries: number;
}

export async function recordDeadLetter(db: Db, letter: DeadLetter): Promise<void> {
  await db
    .insertInto('intake_dead_letters')
    .values({
      stream: letter.stream,
      stream_seq: letter.streamSeq,
      channel: letter.channel,
      external_id: letter.externalId,
      payload: JSON.stringify(letter.payload),
      error: letter.error.slice(0, 2000),
      deliveries: letter.deliveries,
    })
    .onConflict((oc) => oc.columns(['stream', 'stream_seq']).doNothing())
    .execute();
}

export async function countDeadLetters(db: Db, stream: string): Promise<number> {
  const row = await db
    .selectFrom('intake_dead_letters')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('stream', '=', stream)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
