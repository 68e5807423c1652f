import { z } from 'zod';
import { CHANNELS } from '../deadlines/channels';
import { authorSchema, isoDateTime, locationSchema, attachmentSchema } from './messages';

// The message interchange format (JSON Lines, version 1): one message with its processing history per line.
export const historyItemSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status'), at: isoDateTime, status: z.string() }).passthrough(),
  z
    .object({
      type: z.literal('answer'),
      at: isoDateTime,
      kind: z.enum(['interim', 'final']),
      by: z.string().nullish(),
      body: z.string().nullish(),
    })
    .passthrough(),
  z.object({ type: z.literal('rating'), at: isoDateTime, score: z.number().int().min(1).max(5) }).passthrough(),
  z.object({ type: z.literal('reassign'), at: isoDateTime, to: z.string() }).passthrough(),
  z.object({ type: z.literal('reopen'), at: isoDateTime }).passthrough(),
]);
export type HistoryItem = z.infer<typeof historyItemSchema>;

export const interchangeMessageSchema = z
  .object({
    externalId: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1).max(200)),
    channel: z.enum(CHANNELS),
    text: z.string().min(1, 'пустой текст').max(1_000_000),
    createdAt: isoDateTime,
    author: authorSchema.passthrough().nullish(),
    location: locationSchema.nullish(),
    labels: z.record(z.string(), z.unknown()).nullish(),
    organisation: z.string().max(500).nullish(),
    attachments: z.array(attachmentSchema).nullish(),
    history: z.array(historyItemSchema).default([]),
  })
  .passthrough();
export type InterchangeMessage = z.infer<typeof interchangeMessageSchema>;
