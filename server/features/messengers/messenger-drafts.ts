import type { IntakeMessage } from '../../../shared/api/messages';
import { type Ctx, withTransaction } from '../../lib/context';

// A messenger citizen often sends a location or a photo first and the words after. Such a part waits in
// messenger_drafts (per channel and chat) for DRAFT_TTL_MS; the next text of the chat takes it along into intake.
export const DRAFT_TTL_MS = 60 * 60_000;

export type Attachment = NonNullable<IntakeMessage['attachments']>[number];
export interface DraftParts {
  location: IntakeMessage['location'];
  attachments: Attachment[];
}
export interface Draft extends DraftParts {
  messageIds: (number | string)[];
}

export async function saveDraft(
  ctx: Ctx,
  channel: string,
  chatId: string,
  messageId: number | string,
  parts: DraftParts,
): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const draft = await loadDraft(tx, channel, chatId, true);
    const values = {
      location: JSON.stringify(parts.location ?? draft?.location ?? null),
      attachments: JSON.stringify(mergeAttachments(draft?.attachments ?? [], parts.attachments)),
      labels: JSON.stringify({ messageIds: [...new Set([...(draft?.messageIds ?? []), messageId])] }),
      updated_at: tx.services.clock.now(),
    };
    await tx.db
      .insertInto('messenger_drafts')
      .values({ channel, chat_id: chatId, ...values })
      .onConflict((oc) => oc.columns(['channel', 'chat_id']).doUpdateSet(values))
      .execute();
  });
}

/** The chat's waiting draft, or null when there is none or it is older than DRAFT_TTL_MS. */
export async function loadDraft(ctx: Ctx, channel: string, chatId: string, lock = false): Promise<Draft | null> {
  let query = ctx.db
    .selectFrom('messenger_drafts')
    .selectAll()
    .where('channel', '=', channel)
    .where('chat_id', '=', chatId);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row || row.updated_at.getTime() < ctx.services.clock.now().getTime() - DRAFT_TTL_MS) return null;
  return {
    location: row.location ?? null,
    attachments: (row.attachments as Attachment[] | null) ?? [],
    messageIds: Array.isArray(row.labels?.messageIds) ? (row.labels.messageIds as (number | string)[]) : [],
  };
}

export async function clearDraft(ctx: Ctx, channel: string, chatId: string): Promise<void> {
  await ctx.db.deleteFrom('messenger_drafts').where('channel', '=', channel).where('chat_id', '=', chatId).execute();
}

/** The same file sent twice (a repeated webhook) is kept once. */
export function mergeAttachments(a: Attachment[], b: Attachment[]): Attachment[] {
  const key = (x: Attachment) => String(x.fileUniqueId ?? x.url ?? x.name);
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((x) => !seen.has(key(x)))];
}
