import type { Db } from '../../db/database';

// SQL of the e-mail channel only: which case a Message-ID belongs to, and the letters we send.

/**
 * The case a letter threads into: the first of `ids` (most specific first) that names a letter we received
 * (a message of the `email` channel) or an answer we sent. A merged case leads to the case it was merged into.
 */
export async function findThreadCase(db: Db, ids: readonly string[]): Promise<string | null> {
  if (ids.length === 0) return null;
  const [received, sent] = await Promise.all([
    db
      .selectFrom('messages')
      .select(['external_id as id', 'case_id'])
      .where('channel', '=', 'email')
      .where('external_id', 'in', ids)
      .execute(),
    db.selectFrom('email_outgoing').select(['message_id as id', 'case_id']).where('message_id', 'in', ids).execute(),
  ]);
  const byId = new Map([...received, ...sent].map((r) => [r.id, r.case_id]));
  const found = ids.map((id) => byId.get(id)).find((c): c is string => c !== undefined);
  return found ? followMerges(db, found) : null;
}

async function followMerges(db: Db, caseId: string): Promise<string> {
  let current = caseId;
  for (let hop = 0; hop < 10; hop++) {
    const row = await db.selectFrom('cases').select('merged_into_id').where('id', '=', current).executeTakeFirst();
    if (!row?.merged_into_id) return current;
    current = row.merged_into_id;
  }
  return current;
}

export interface OutgoingLetter {
  messageId: string;
  caseId: string;
  answerId: string;
  inReplyToMessageId: string;
  recipient: string;
  subject: string;
}

export async function findOutgoing(
  db: Db,
  messageId: string,
): Promise<{ status: string; attempts: number } | undefined> {
  return db
    .selectFrom('email_outgoing')
    .select(['status', 'attempts'])
    .where('message_id', '=', messageId)
    .executeTakeFirst();
}

/** A letter of the same answer already accepted by the SMTP server for this address (another message of the thread). */
export async function findSentToRecipient(db: Db, answerId: string, recipient: string): Promise<string | null> {
  const row = await db
    .selectFrom('email_outgoing')
    .select('message_id')
    .where('answer_id', '=', answerId)
    .where('recipient', '=', recipient)
    .where('status', '=', 'sent')
    .executeTakeFirst();
  return row?.message_id ?? null;
}

/** Records the attempt before the SMTP transaction, so a reply to it threads even if the outcome is never written. */
export async function recordSending(db: Db, letter: OutgoingLetter): Promise<void> {
  await db
    .insertInto('email_outgoing')
    .values({
      message_id: letter.messageId,
      case_id: letter.caseId,
      answer_id: letter.answerId,
      in_reply_to_message_id: letter.inReplyToMessageId,
      recipient: letter.recipient,
      subject: letter.subject,
      attempts: 1,
    })
    .onConflict((oc) =>
      oc.column('message_id').doUpdateSet((eb) => ({ attempts: eb('email_outgoing.attempts', '+', 1) })),
    )
    .execute();
}

export async function recordSent(db: Db, messageId: string, at: Date, smtpResponse: string): Promise<void> {
  await db
    .updateTable('email_outgoing')
    .set({ status: 'sent', sent_at: at, smtp_response: smtpResponse.slice(0, 1000) })
    .where('message_id', '=', messageId)
    .execute();
}
