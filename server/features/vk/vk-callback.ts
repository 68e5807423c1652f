import { timingSafeEqual } from 'node:crypto';
import type { AppInstance } from '../../http/app-instance';
import { ZodError } from 'zod';
import type { VkConfig } from '../../config';
import { enqueue } from '../../jobs/outbox';
import { vkCallJob } from './vk-call.job';
import { rootContext, type Actor, type Ctx, type Services } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { rateAnswer } from '../cases/rate-case';
import { ratingResultText } from '../cases/rating-page';
import { receiveMessage } from '../intake/receive-message';
import {
  type Attachment,
  clearDraft,
  receiveChatMessage,
  type DraftParts,
  isStatusQuestion,
  loadDraft,
  mergeAttachments,
  NEW_CASE_BUTTON,
  ratingRefusal,
  type RepliedTo,
  saveDraft,
  splitAcknowledgement,
  splitFollowUp,
  statusText,
} from '../messengers';
import type { IntakeMessage } from '../../../shared/api/messages';
import {
  callbackEnvelopeSchema,
  messageEventSchema,
  messageNewSchema,
  newCasePayloadSchema,
  ratingPayloadSchema,
  type VkAttachment,
  wallReplyNewSchema,
} from './vk-payloads';
import { type VkCall, vkRandomId } from './vk-call.job';
import { channelTime } from '../channels/channel-time';

// The Callback API endpoint. VK wants the plain text "ok" within seconds, or it repeats the event: the handler only
// writes to the database (intake, outbox), events it does not handle are answered "ok" at once, and a malformed event
// is logged and answered "ok" (repeating it would not help). A database failure answers 500 so VK repeats it later;
// the repeat finds the message already stored (idempotent on channel + externalId) and creates nothing.
const CHANNEL = 'social_vk';
const ACTOR: Actor = { kind: 'system', label: 'ВКонтакте' };
const CHAT_PEER_BASE = 2_000_000_000;

export const VK_TEXTS = {
  askDescription:
    'Получили. Теперь опишите, пожалуйста, проблему текстом — что случилось и где. Геометка и фото будут приложены к обращению.',
  unsupported: 'Опишите, пожалуйста, проблему текстом: что случилось и где. Можно приложить фото и геометку.',
} as const;

export function registerVkCallback(app: AppInstance, services: Services, config: VkConfig): void {
  app.post('/webhooks/vk', { schema: { hide: true } }, async (request, reply) => {
    const text = (status: number, body: string) => reply.code(status).type('text/plain; charset=utf-8').send(body);
    const envelope = callbackEnvelopeSchema.safeParse(request.body);
    if (!envelope.success) return text(400, 'Некорректное событие Callback API');
    const event = envelope.data;
    if (event.group_id !== config.groupId) return text(403, 'Событие другого сообщества');
    if (event.type === 'confirmation' && (event.secret === undefined || sameSecret(event.secret, config.secret))) {
      return text(200, config.confirmation);
    }
    if (!sameSecret(event.secret ?? '', config.secret)) return text(403, 'Неверный секретный ключ');
    const ctx = rootContext(services, ACTOR);
    try {
      if (event.type === 'message_new') await onMessage(ctx, event.object, config.groupId);
      else if (event.type === 'wall_reply_new') await onComment(ctx, config, event.object);
      else if (event.type === 'message_event') await onButton(ctx, event.object);
    } catch (error) {
      if (!(error instanceof ZodError)) throw error;
      services.log.warn(
        { type: event.type, eventId: event.event_id, issues: error.issues.slice(0, 5) },
        'malformed VK event skipped',
      );
    }
    return text(200, 'ok');
  });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function reply(ctx: Ctx, key: string, peerId: number, text: string): Promise<void> {
  const call: VkCall = { peerId, text, randomId: vkRandomId(key) };
  return enqueue(ctx, vkCallJob, call, key);
}

function attachmentsOf(items: VkAttachment[]): Attachment[] {
  return items.flatMap((a): Attachment[] => {
    if (a.type === 'photo' && a.photo) {
      const best = a.photo.sizes.reduce<(typeof a.photo.sizes)[number] | undefined>(
        (x, y) => (!x || (y.width ?? 0) * (y.height ?? 0) > (x.width ?? 0) * (x.height ?? 0) ? y : x),
        undefined,
      );
      return [
        {
          name: `photo${a.photo.owner_id}_${a.photo.id}.jpg`,
          mimeType: 'image/jpeg',
          size: null,
          url: best?.url ?? null,
          width: best?.width ?? null,
          height: best?.height ?? null,
          vkId: `photo${a.photo.owner_id}_${a.photo.id}`,
          fetch: Boolean(best?.url),
        },
      ];
    }
    if (a.type === 'doc' && a.doc) {
      return [
        {
          name: a.doc.title,
          mimeType: null,
          size: a.doc.size ?? null,
          url: a.doc.url ?? null,
          vkId: `doc${a.doc.owner_id}_${a.doc.id}`,
          fetch: Boolean(a.doc.url),
        },
      ];
    }
    return [];
  });
}

async function onMessage(ctx: Ctx, object: unknown, groupId: number): Promise<void> {
  const { message } = messageNewSchema.parse(object);
  if (message.peer_id >= CHAT_PEER_BASE || message.from_id <= 0) return;
  const chatId = String(message.peer_id);
  const author = String(message.from_id);
  const externalId = `message:${message.peer_id}:${message.conversation_message_id}`;
  const replyKey = `vk:reply:${externalId}`;
  const text = message.text.trim();
  const own: DraftParts = {
    attachments: attachmentsOf(message.attachments),
    location: message.geo
      ? {
          lat: message.geo.coordinates.latitude,
          lon: message.geo.coordinates.longitude,
          address: message.geo.place?.title ?? null,
        }
      : null,
  };
  if (isStatusQuestion(text)) {
    await reply(ctx, replyKey, message.peer_id, await statusText(ctx, CHANNEL, author));
    return;
  }
  if (!text) {
    if (own.location || own.attachments.length) {
      await saveDraft(ctx, CHANNEL, chatId, message.conversation_message_id, own);
      await reply(ctx, replyKey, message.peer_id, VK_TEXTS.askDescription);
    } else {
      await reply(ctx, replyKey, message.peer_id, VK_TEXTS.unsupported);
    }
    return;
  }
  const draft = await loadDraft(ctx, CHANNEL, chatId);
  const attachments = mergeAttachments(draft?.attachments ?? [], own.attachments);
  const input = {
    channel: CHANNEL,
    externalId,
    text,
    createdAt: channelTime(message.date * 1000, ctx.services.clock.now()),
    author: { name: null, contact: `https://vk.com/id${message.from_id}`, externalId: author },
    location: own.location ?? draft?.location ?? null,
    attachments: attachments.length ? attachments : null,
    labels: {
      vk: {
        kind: 'message',
        peerId: message.peer_id,
        messageId: message.id,
        conversationMessageId: message.conversation_message_id,
      },
    },
  } satisfies IntakeMessage;
  const ackKey = `vk:ack:${externalId}`;
  const replied = message.reply_message;
  const repliedTo: RepliedTo | null = !replied
    ? null
    : replied.from_id === -groupId
      ? {
          botText: replied.text,
          delivered: replied.id ? { refPrefix: `vk:message:${message.peer_id}:`, messageId: String(replied.id) } : null,
        }
      : { ownExternalId: `message:${message.peer_id}:${replied.conversation_message_id ?? ''}` };
  const taken = await receiveChatMessage(ctx, input, author, repliedTo);
  if (!taken) return;
  if (taken.stored && draft) await clearDraft(ctx, CHANNEL, chatId);
  await enqueue(
    ctx,
    vkCallJob,
    {
      peerId: message.peer_id,
      text: taken.ack,
      randomId: vkRandomId(ackKey),
      ...(taken.newCaseMessageId ? { keyboard: newCaseKeyboard(taken.newCaseMessageId) } : {}),
    },
    ackKey,
  );
}

/** One callback button under the message: «Это новое обращение» for a message joined to the chat's case. */
export function newCaseKeyboard(messageId: string): string {
  const action = { type: 'callback', label: NEW_CASE_BUTTON, payload: JSON.stringify({ newCase: messageId }) };
  return JSON.stringify({ inline: true, buttons: [[{ action, color: 'secondary' }]] });
}

async function onComment(ctx: Ctx, config: VkConfig, object: unknown): Promise<void> {
  const comment = wallReplyNewSchema.parse(object);
  // The community's own comments (our answers among them) come back as events too.
  if (comment.from_id === -config.groupId) return;
  const text = comment.text.trim();
  if (!text) return;
  const url = `https://vk.com/wall${comment.owner_id}_${comment.post_id}?reply=${comment.id}`;
  const attachments = attachmentsOf(comment.attachments);
  await receiveMessage(ctx, {
    channel: CHANNEL,
    externalId: `comment:${comment.owner_id}_${comment.post_id}_${comment.id}`,
    text,
    createdAt: channelTime(comment.date * 1000, ctx.services.clock.now()),
    author: {
      name: null,
      contact: comment.from_id > 0 ? `https://vk.com/id${comment.from_id}` : `https://vk.com/club${-comment.from_id}`,
      externalId: String(comment.from_id),
    },
    attachments: attachments.length ? attachments : null,
    labels: {
      url,
      vk: { kind: 'comment', ownerId: comment.owner_id, postId: comment.post_id, commentId: comment.id, url },
    },
  });
}

/**
 * A rating button under an answer: only a citizen whose VK message is in the case may rate; the one rating use case
 * rates that answer once (a second press is answered «уже учтена»). The reply goes out as a message through the outbox.
 */
async function onButton(ctx: Ctx, object: unknown): Promise<void> {
  const press = messageEventSchema.parse(object);
  let raw: unknown = press.payload;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      return;
    }
  }
  const newCase = newCasePayloadSchema.safeParse(raw);
  if (newCase.success) {
    const caseId = await splitFollowUp(ctx, CHANNEL, String(press.user_id), newCase.data.newCase);
    const text = caseId ? splitAcknowledgement(caseId) : 'Это сообщение не из вашего обращения: выделить его нельзя.';
    await reply(ctx, `vk:new:${press.event_id}`, press.peer_id, text);
    return;
  }
  const payload = ratingPayloadSchema.safeParse(raw);
  if (!payload.success) return;
  const key = `vk:rate:${press.event_id}`;
  const author = await ctx.db
    .selectFrom('messages')
    .select('id')
    .where('case_id', '=', payload.data.c)
    .where('channel', '=', CHANNEL)
    .where('author_external_id', '=', String(press.user_id))
    .executeTakeFirst();
  if (!author) {
    await reply(ctx, key, press.peer_id, 'Оценить ответ может только автор обращения.');
    return;
  }
  try {
    const outcome = await rateAnswer(ctx, {
      caseId: payload.data.c,
      answerId: payload.data.a,
      score: payload.data.rate,
      source: CHANNEL,
    });
    await reply(ctx, key, press.peer_id, ratingResultText(outcome, payload.data.c));
  } catch (error) {
    if (!(error instanceof AppError) || error.code === 'internal') throw error;
    await reply(ctx, key, press.peer_id, ratingRefusal(error.message));
  }
}
