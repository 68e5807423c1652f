import { z } from 'zod';

// The intake bus (NATS JetStream, optional): the answer of POST /api/messages when the message was queued, and the
// bus's line in /api/health/ready.
export const busAcceptedSchema = z.object({
  status: z.literal('accepted'),
  channel: z.string(),
  externalId: z.string(),
  /** The bus had this message already (the same channel and externalId within its duplicate window). */
  duplicate: z.boolean(),
  /** The message's number in the stream. */
  sequence: z.number().int(),
});
export type BusAccepted = z.infer<typeof busAcceptedSchema>;

export const busStatusSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  /** Accepted messages no writer has taken yet. */
  waiting: z.number().int().nullable(),
  /** Taken by a writer, not yet acknowledged (being written, or the writer died and they wait for the ack timeout). */
  inProgress: z.number().int().nullable(),
  redelivered: z.number().int().nullable(),
  /** Messages the writers gave up on (table intake_dead_letters). */
  deadLetters: z.number().int(),
});
export type BusStatus = z.infer<typeof busStatusSchema>;
