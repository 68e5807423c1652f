import type { AppInstance } from '../../http/app-instance';
import type { Channel } from '../../../shared/deadlines/channels';
import type { Services } from '../../lib/context';

// Every channel (Telegram, VK, e-mail, Open311, the widget, monitoring feeds) is an adapter behind this one
// interface. Inbound: the adapter's routes verify the provider's signature or secret, parse the provider's payload
// into IntakeMessage values, and hand each to the one intake path (`receiveMessage`). Outbound: the outbox job
// `channel.deliver_answer` calls `send` for every citizen message of the case whose channel the adapter owns.

/** A photo or document attached to an answer (evidence of the work done), with its stored bytes. */
export interface OutboundFile {
  name: string;
  mimeType: string;
  bytes: Buffer;
}

/** One answer to deliver to one citizen's message (a case may gather messages from several channels). */
export interface OutboundAnswer {
  caseId: string;
  answerId: string;
  kind: 'interim' | 'final';
  body: string;
  /** The answer's stored files; channels that can carry files send them (Telegram, e-mail), others only the text. */
  files?: readonly OutboundFile[];
  message: {
    id: string;
    channel: string;
    externalId: string;
    authorExternalId: string | null;
    authorContact: string | null;
    labels: Record<string, unknown> | null;
  };
}

/** A short notice to the citizen about their case (e.g. the term extended, as 59-ФЗ art. 12 p. 2 asks). */
export interface CitizenNotice {
  caseId: string;
  /** Stable for the notice: providers that deduplicate get a key derived from it and the message. */
  key: string;
  text: string;
  message: OutboundAnswer['message'];
}

export interface ChannelAdapter {
  /** Short name used in configuration, logs and routes: 'telegram', 'vk', 'email', 'open311', 'widget', 'monitoring'. */
  readonly name: string;
  /** Message channels whose answers this adapter sends back. */
  readonly channels: readonly Channel[];
  /** Inbound HTTP endpoints (webhooks, public forms): verify → parse → receiveMessage. Registered on the root app. */
  registerRoutes?(app: AppInstance, services: Services): void | Promise<void>;
  /** Background work (mailbox polling, feed search). Returns a function that stops it. */
  start?(services: Services): () => Promise<void>;
  /**
   * Sends one answer back where the message came from. Must be idempotent for the same (answerId, message.id):
   * the outbox retries after failures. Returns the provider's reference of what was sent.
   */
  send?(services: Services, answer: OutboundAnswer): Promise<string>;
  /** Sends a notice about the case back where the message came from (the outbox job `citizen.notice`). */
  sendNotice?(services: Services, notice: CitizenNotice): Promise<string>;
  /**
   * True when the provider itself drops a repeated send of the same answer × message (VK's random_id and guid).
   * A send whose outcome is unknown (the process died or the connection broke after the request left) is repeated
   * either way, so an answer is never lost to one timeout; without deduplication the repeat may post it twice.
   */
  readonly resendDeduplicated?: boolean;
}

/**
 * Thrown by `send` when the request may have reached the provider but no answer came back (connection reset,
 * timeout): the provider may have posted the answer. Any other error means it was certainly not posted.
 */
export class DeliveryUncertainError extends Error {}

/**
 * Thrown by `send` when this channel cannot answer this message by itself and never will (e.g. a post found by
 * monitoring on a wall the community's token may not comment on): the delivery waits for export with the reason,
 * and is not retried.
 */
export class DeliveryAwaitsExportError extends Error {}

/** Builds the adapters that the configuration enables. Each adapter module exports a factory taking Services. */
export type ChannelAdapterFactory = (services: Services) => ChannelAdapter | null;
