import { z } from 'zod';
import { intakeMessageSchema, type IntakeMessage } from '../../../shared/api/messages';
import { ROLES } from '../../../shared/auth/roles';
import type { Actor } from '../../lib/context';

// What travels on the intake bus: the message as the API accepted it (its time of arrival filled in, so a message
// written later keeps the moment it came) and who sent it (the writer stores it on that actor's behalf).
const actorSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('user'),
    userId: z.number().int(),
    login: z.string(),
    role: z.enum(ROLES),
    organisationId: z.number().int().nullable(),
    blockCode: z.string().nullable(),
    label: z.string(),
  }),
  z.object({
    kind: z.literal('integration'),
    tokenId: z.number().int(),
    label: z.string(),
    scopes: z.array(z.string()).readonly(),
  }),
  z.object({ kind: z.literal('system'), label: z.string() }),
]);

export const busEnvelopeSchema = z.object({ version: z.literal(1), message: intakeMessageSchema, actor: actorSchema });
export type BusEnvelope = z.infer<typeof busEnvelopeSchema>;

/** The message's idempotency key, JetStream's Msg-Id: a second publish of it within the window is dropped. */
export function busMessageId(message: Pick<IntakeMessage, 'channel' | 'externalId'>): string {
  return `${message.channel}:${message.externalId}`;
}

export function envelopeOf(message: IntakeMessage, actor: Actor, acceptedAt: Date): BusEnvelope {
  return { version: 1, message: { ...message, createdAt: message.createdAt ?? acceptedAt.toISOString() }, actor };
}
