import { sql } from 'kysely';
import type { IntakeMessage } from '../../../shared/api/messages';
import type { Ctx } from '../../lib/context';
import { storeFollowUp } from '../cases/citizen-follow-up';
import { receiveMessage } from '../intake/receive-message';
import { acknowledgement, followUpAcknowledgement } from './citizen-texts';
import { splitMessage } from '../duplicates/merge-split';

// Which case a chat's new message continues. In a messenger a citizen writes on: «добавлю: вода уже в подвале»
// seconds after the first message, «спасибо, починили» after the answer, a reply to the bot's message. Each of those
// belongs to a case the chat already has, not to a new case with a number of its own. A message continues a case when
//   - it replies to one of the chat's own stored messages, or to a bot message about the case (an answer delivered
//     there, or a text naming «№ N» of a case the chat wrote in), or
//   - it comes within CONTINUATION_WINDOW_MS of the chat's last message on a case still open, or of an answer the
//     chat received (the citizen can still make it a case of its own: see splitFollowUp).
// Otherwise it is a new problem and goes through intake (where duplicate search may still join it to another case).

export const CONTINUATION_WINDOW_MS = 30 * 60_000;

export type ContinuationReason = 'reply' | 'recent';

export interface Continuation {
  caseId: string;
  reason: ContinuationReason;
}

/** What a messenger knows of the message the citizen replied to. */
export interface RepliedTo {
  /** The stored externalId the replied message would have, when the citizen replied to a message of their own. */
  ownExternalId?: string | null;
  /**
   * A bot message that may be part of a delivered answer: the adapter's provider_ref is `refPrefix` followed by the
   * comma-separated ids of the messages it sent (Telegram: «telegram:CHAT:ID,ID»).
   */
  delivered?: { refPrefix: string; messageId: string } | null;
  /** The text of the bot's message replied to («… обращению № 10000586 …»). */
  botText?: string | null;
}

const CASE_NUMBER = /№\s*(\d{1,18})/g;

/** What the chat is told after its message was taken in. */
export interface ChatIntake {
  /** The acknowledgement («Добавили … № N», «Обращение зарегистрировано под № N»). */
  ack: string;
  /** Set when the message joined the chat's case by time alone: the message a «Это новое обращение» button splits. */
  newCaseMessageId: string | null;
  /** The message was stored now (a waiting draft of the chat went with it). */
  stored: boolean;
}

/**
 * A chat's text message as every messenger takes it: a follow-up of the case it continues, otherwise intake of a new
 * problem. Null when the message is already stored (the same update delivered again: it was acknowledged then).
 */
export async function receiveChatMessage(
  ctx: Ctx,
  input: IntakeMessage,
  author: string,
  repliedTo: RepliedTo | null,
): Promise<ChatIntake | null> {
  if ((await storedMessageCase(ctx, input.channel, input.externalId)) !== null) return null;
  const now = ctx.services.clock.now();
  const continued = await continuedCase(ctx, input.channel, author, repliedTo, now);
  if (continued) {
    const createdAt = input.createdAt ? new Date(input.createdAt) : now;
    const messageId = await storeFollowUp(ctx, continued.caseId, input, createdAt, {
      externalId: input.externalId,
      how: continued.reason,
    });
    if (messageId === null) return null;
    const offerNew = continued.reason === 'recent';
    return {
      ack: followUpAcknowledgement(continued.caseId, offerNew),
      newCaseMessageId: offerNew ? messageId : null,
      stored: true,
    };
  }
  const outcome = await receiveMessage(ctx, input);
  return {
    ack: acknowledgement(outcome.result.caseId, outcome.result.duplicate),
    newCaseMessageId: null,
    stored: outcome.created,
  };
}

/** The case the chat's message continues, or null for a new problem. */
export async function continuedCase(
  ctx: Ctx,
  channel: string,
  author: string,
  repliedTo: RepliedTo | null,
  now: Date,
): Promise<Continuation | null> {
  if (repliedTo) {
    const caseId = await repliedCase(ctx, channel, author, repliedTo);
    if (caseId) return { caseId, reason: 'reply' };
  }
  const caseId = await recentCase(ctx, channel, author, now);
  return caseId ? { caseId, reason: 'recent' } : null;
}

async function repliedCase(ctx: Ctx, channel: string, author: string, repliedTo: RepliedTo): Promise<string | null> {
  if (repliedTo.ownExternalId) {
    const own = await ctx.db
      .selectFrom('messages')
      .select('case_id')
      .where('channel', '=', channel)
      .where('external_id', '=', repliedTo.ownExternalId)
      .where('author_external_id', '=', author)
      .executeTakeFirst();
    if (own) return ownCase(ctx, channel, author, own.case_id);
  }
  if (repliedTo.delivered) {
    const { refPrefix, messageId } = repliedTo.delivered;
    const delivered = await ctx.db
      .selectFrom('deliveries as d')
      .innerJoin('messages as m', 'm.id', 'd.message_id')
      .select('d.case_id')
      .where('m.channel', '=', channel)
      .where('m.author_external_id', '=', author)
      .where('d.provider_ref', 'like', `${refPrefix.replace(/[\\%_]/g, '\\$&')}%`)
      .where(sql<boolean>`string_to_array(substr(d.provider_ref, ${refPrefix.length + 1}), ',') @> array[${messageId}]`)
      .orderBy('d.id', 'desc')
      .executeTakeFirst();
    if (delivered) return ownCase(ctx, channel, author, delivered.case_id);
  }
  for (const match of (repliedTo.botText ?? '').matchAll(CASE_NUMBER)) {
    const caseId = await ownCase(ctx, channel, author, match[1]!);
    if (caseId) return caseId;
  }
  return null;
}

/**
 * The case itself, or the case it was merged into, when the chat has a message in it; null otherwise (a citizen
 * adds only to their own cases, whatever number a reply names).
 */
export async function ownCase(ctx: Ctx, channel: string, author: string, caseId: string): Promise<string | null> {
  let id = caseId;
  for (let hop = 0; hop < 5; hop += 1) {
    const row = await ctx.db.selectFrom('cases').select('merged_into_id').where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    if (row.merged_into_id === null) break;
    id = row.merged_into_id;
  }
  const authored = await ctx.db
    .selectFrom('messages')
    .select('id')
    .where('case_id', '=', id)
    .where('channel', '=', channel)
    .where('author_external_id', '=', author)
    .executeTakeFirst();
  return authored ? id : null;
}

/**
 * The chat's case with the latest activity inside the window: its last message on a case not closed or rejected, or
 * the last answer it was sent (a «спасибо» or «не сделано» right after the answer belongs to that case).
 */
async function recentCase(ctx: Ctx, channel: string, author: string, now: Date): Promise<string | null> {
  const since = new Date(now.getTime() - CONTINUATION_WINDOW_MS);
  const recent = await ctx.db
    .selectFrom('messages as m')
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .select(['m.case_id', 'm.created_at as at'])
    .where('m.author_external_id', '=', author)
    .where('m.channel', '=', channel)
    .where('m.created_at', '>=', since)
    .where('c.merged_into_id', 'is', null)
    .where('c.status', 'not in', ['closed', 'rejected'])
    .orderBy('m.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const answered = await ctx.db
    .selectFrom('deliveries as d')
    .innerJoin('messages as m', 'm.id', 'd.message_id')
    .select(['d.case_id', 'd.sent_at as at'])
    .where('m.author_external_id', '=', author)
    .where('m.channel', '=', channel)
    .where('d.sent_at', '>=', since)
    .orderBy('d.sent_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const latest = [recent, answered]
    .filter((r): r is { case_id: string; at: Date } => Boolean(r?.at))
    .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
  return latest ? ownCase(ctx, channel, author, latest.case_id) : null;
}

/** The message is already stored (the same update delivered again): its case, so nothing is stored twice. */
export async function storedMessageCase(ctx: Ctx, channel: string, externalId: string): Promise<string | null> {
  const row = await ctx.db
    .selectFrom('message_keys')
    .select('case_id')
    .where('channel', '=', channel)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row ? String(row.case_id) : null;
}

/** A short question about the state of one's cases, written instead of the /status command. */
export function isStatusQuestion(text: string): boolean {
  const t = text.trim().toLowerCase().replace(/ё/g, 'е');
  if (/^\/?(статус|status)[.!?]*$/.test(t)) return true;
  if (t.length > 80) return false;
  return (
    /(статус|что с|как там|какие новости|когда (будет )?ответ|есть ли ответ|рассмотрен)/.test(t) &&
    /(обращени|заявк|жалоб|запрос)/.test(t)
  );
}

/**
 * The citizen says a message joined to their case is a new problem («Это новое обращение»): the message leaves the
 * case for a case of its own, analysed and routed as fresh intake (splitMessage, as an operator would). Returns that
 * case's id — the same one when pressed again — or null when the message is not this chat's.
 */
export async function splitFollowUp(
  ctx: Ctx,
  channel: string,
  author: string,
  messageId: string,
): Promise<string | null> {
  const row = await ctx.db
    .selectFrom('messages')
    .select('case_id')
    .where('id', '=', messageId)
    .where('channel', '=', channel)
    .where('author_external_id', '=', author)
    .executeTakeFirst();
  if (!row) return null;
  const joined = await ctx.db
    .selectFrom('case_events')
    .select('id')
    .where('case_id', '=', row.case_id)
    .where('type', '=', 'follow_up')
    .where(sql<string>`data->>'messageId'`, '=', messageId)
    .executeTakeFirst();
  if (!joined) return String(row.case_id);
  return splitMessage(ctx, String(row.case_id), {
    messageId,
    comment: 'Гражданин указал в мессенджере, что это новое обращение',
  });
}
