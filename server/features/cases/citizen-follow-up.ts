import { sql } from 'kysely';
import { CITIZEN_REPLY_STATUSES } from '../../../shared/cases/case-status';
import type { IntakeMessage } from '../../../shared/api/messages';
import { type Ctx, withTransaction } from '../../lib/context';
import { insertAttachmentRows, prepareAttachments } from '../attachments/message-attachments';
import { insertMessage, isUniqueViolation } from '../intake/receive-message';
import { appendEvents } from './case-events';

/**
 * A citizen's follow-up on a case that already has an answer or is closed (a reply to the answer letter, an Open311
 * update): the case is flagged «гражданин ответил» for the operator (inbox filter `citizenReplied=true`, a mark in
 * the list and the card) until someone acts on it — a status change or a new answer clears the flag. In the
 * caller's transaction; returns whether the case was flagged.
 */
export async function markCitizenReplied(ctx: Ctx, caseId: string): Promise<boolean> {
  const flagged = await ctx.db
    .updateTable('cases')
    .set({ citizen_replied_at: ctx.services.clock.now(), updated_at: sql`now()` })
    .where('id', '=', caseId)
    .where('status', 'in', [...CITIZEN_REPLY_STATUSES])
    .where('citizen_replied_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return Boolean(flagged);
}

/**
 * Stores a citizen's message as a follow-up of a case (a reply to an answer letter, a messenger message that
 * continues the chat's case): the message with its files, a `follow_up` event, and «гражданин ответил» on an
 * answered or closed case. Its own transaction. Returns the message's id, or null when a message with the same
 * (channel, externalId) is already stored (the same letter or update delivered again).
 */
export async function storeFollowUp(
  ctx: Ctx,
  caseId: string,
  input: IntakeMessage,
  createdAt: Date,
  data: Record<string, unknown>,
): Promise<string | null> {
  const files = await prepareAttachments(ctx.services, input.attachments, input.channel);
  try {
    return await withTransaction(ctx, async (tx) => {
      const messageId = await insertMessage(tx, { ...input, attachments: files.metadata }, caseId, createdAt, false);
      await insertAttachmentRows(tx, { messageId }, files);
      await appendEvents(tx, [{ caseId, type: 'follow_up', data: { messageId, channel: input.channel, ...data } }]);
      await markCitizenReplied(tx, caseId);
      return messageId;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}
