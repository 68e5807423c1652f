import { type IntakeMessage, intakeMessageSchema } from '../../../shared/api/messages';
import type { Ctx } from '../../lib/context';
import { storeFollowUp } from '../cases/citizen-follow-up';
import { receiveMessage } from '../intake/receive-message';
import { findThreadCase } from './email.repository';
import { type ParsedLetter, stripQuotedTail } from './parse-letter';

export type StoreOutcome =
  | { kind: 'new'; caseId: string; messageId: string }
  | { kind: 'follow_up'; caseId: string; messageId: string }
  | { kind: 'known'; caseId: string; messageId: string };

/**
 * Stores one letter. A reply whose In-Reply-To/References name a letter we received or an answer we sent joins that
 * case as a follow-up (its own message and a `follow_up` event); any other letter goes through the one intake path.
 * Idempotent on the letter's externalId: storing the same letter again changes nothing.
 */
export async function storeLetter(ctx: Ctx, letter: ParsedLetter, receivedAt: Date): Promise<StoreOutcome> {
  const known = await findKnown(ctx, letter.externalId);
  if (known) return known;
  const threadIds = [...letter.inReplyTo, ...[...letter.references].reverse()];
  const caseId = await findThreadCase(ctx.db, threadIds);
  if (caseId === null) {
    const outcome = await receiveMessage(
      ctx,
      toIntakeMessage(letter, letter.subject ? `${letter.subject}\n\n${letter.text}` : letter.text, receivedAt),
    );
    return {
      kind: outcome.created ? 'new' : 'known',
      caseId: outcome.result.caseId,
      messageId: outcome.result.messageId,
    };
  }
  const input = toIntakeMessage(letter, stripQuotedTail(letter.text), receivedAt);
  const messageId = await storeFollowUp(ctx, caseId, input, receivedAt, {
    externalId: letter.externalId,
    subject: letter.subject,
  });
  if (messageId !== null) return { kind: 'follow_up', caseId, messageId };
  const raced = await findKnown(ctx, letter.externalId);
  if (!raced) throw new Error(`email: letter ${letter.externalId} neither stored nor found`);
  return raced;
}

async function findKnown(ctx: Ctx, externalId: string): Promise<StoreOutcome | null> {
  const row = await ctx.db
    .selectFrom('messages')
    .select(['id', 'case_id'])
    .where('channel', '=', 'email')
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row ? { kind: 'known', caseId: row.case_id, messageId: row.id } : null;
}

function toIntakeMessage(letter: ParsedLetter, text: string, receivedAt: Date): IntakeMessage {
  return intakeMessageSchema.parse({
    channel: 'email',
    externalId: letter.externalId,
    text,
    createdAt: receivedAt.toISOString(),
    author: {
      name: letter.from.name?.slice(0, 500) ?? null,
      contact: letter.from.address?.slice(0, 500) ?? null,
      externalId: letter.from.address?.slice(0, 200) ?? null,
    },
    labels: {
      subject: letter.subject,
      messageId: letter.messageId,
      inReplyTo: letter.inReplyTo,
      references: letter.references,
      replyTo: letter.replyTo,
      date: letter.date?.toISOString() ?? null,
      ...(letter.problems.length ? { problems: letter.problems } : {}),
    },
    attachments: letter.attachments
      .slice(0, 50)
      .map((a) => ({ name: a.name, mimeType: a.mimeType, size: a.size, contentBase64: a.content.toString('base64') })),
  });
}
