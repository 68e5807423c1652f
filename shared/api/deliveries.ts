import { z } from 'zod';
import { busStatusSchema } from './bus';

// Delivery of answers back to the citizen's channel, one entry per answer × citizen message (case detail).
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'awaiting_export'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: 'ожидает отправки',
  sending: 'отправляется',
  sent: 'доставлен',
  failed: 'не доставлен',
  awaiting_export: 'ожидает выгрузки в исходную систему',
};

export const deliverySchema = z.object({
  answerId: z.string(),
  messageId: z.string(),
  channel: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number(),
  lastError: z.string().nullable(),
  updatedAt: z.string(),
  sentAt: z.string().nullable(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const deliveryRetryResultSchema = z.object({ queued: z.number() });
export const deliveryRetryAllResultSchema = z.object({ queued: z.number(), cases: z.number() });

const backlogPart = { pending: z.number(), failed: z.number(), oldestPendingAgeSeconds: z.number().nullable() };
/** GET /api/health/ready: the database answers, and how much outbound work waits (and since when). */
export const deliveryBacklogSchema = z.object({
  outbox: z.object({ ...backlogPart, running: z.number() }),
  deliveries: z.object({ ...backlogPart, awaitingExport: z.number() }),
});
export type DeliveryBacklog = z.infer<typeof deliveryBacklogSchema>;
export const readinessSchema = deliveryBacklogSchema.extend({
  status: z.literal('ready'),
  database: z.string(),
  /** The intake bus's backlog and dead letters; null when the bus is off. */
  bus: busStatusSchema.nullable(),
  /** Intake's analysis threads: how many, whether they are up, texts analysed there and here; null when off. */
  analysisThreads: z
    .object({
      threads: z.number(),
      up: z.boolean(),
      threaded: z.number(),
      local: z.number(),
      failures: z.number(),
    })
    .nullable(),
});

export function isDeliveryStatus(s: string): s is DeliveryStatus {
  return (DELIVERY_STATUSES as readonly string[]).includes(s);
}
