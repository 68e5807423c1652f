import { Bot, type Context } from 'grammy';
import type { Message, PhotoSize, UserFromGetMe } from 'grammy/types';
import type { TelegramConfig } from '../../config';
import { enqueue } from '../../jobs/outbox';
import { telegramCallJob } from './telegram-call.job';
import { rootContext, withTransaction, type Actor, type Ctx, type Services } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { appendEvents } from '../cases/case-events';
import { markCitizenReplied } from '../cases/citizen-follow-up';
import { rateAnswer } from '../cases/rate-case';
import { linkChat } from '../notifications/telegram-link';
import {
  clearDraft,
  receiveChatMessage,
  type DraftParts,
  isStatusQuestion,
  loadDraft,
  mergeAttachments,
  NEW_CASE_BUTTON,
  NO_CASES,
  ratingRefusal,
  type RepliedTo,
  saveDraft,
  splitAcknowledgement,
  splitFollowUp,
  statusText,
} from '../messengers';
import type { TelegramCall } from './telegram-call.job';
import type { IntakeMessage } from '../../../shared/api/messages';

type TelegramButton = NonNullable<Extract<TelegramCall, { method: 'sendMessage' }>['buttons']>[number];
import { channelTime } from '../channels/channel-time';

// What the bot does with each Update. It only reads and writes the database: every reply is an outbox job keyed
// by the update (or the message), so the same Update delivered twice changes nothing and replies once.
const CHANNEL = 'messenger_telegram';
const ACTOR: Actor = { kind: 'system', label: 'Telegram-бот' };

export const TEXTS = {
  start:
    'Здравствуйте! Это бот Центра управления регионом Ярославской области. Опишите проблему одним сообщением: ' +
    'что случилось и где (адрес или ориентир). Можно приложить фото с подписью или отправить геометку. ' +
    'Мы зарегистрируем обращение, передадим его ответственной организации и пришлём ответ сюда. ' +
    'Команда /status покажет ваши обращения.',
  askDescription:
    'Получили. Теперь опишите, пожалуйста, проблему текстом — что случилось и где. ' +
    'Геометка и фото будут приложены к обращению.',
  unsupported: 'Пока я понимаю текст, фото с подписью и геометку. Опишите, пожалуйста, проблему текстом.',
  help:
    'Опишите проблему одним сообщением: что случилось и где (адрес или ориентир); можно приложить фото с подписью ' +
    'или геометку. Сообщение, отправленное вскоре после предыдущего или в ответ на сообщение бота, добавляется к ' +
    'тому же обращению. Команды: /status — ваши обращения и их состояние, /help — эта подсказка.',
  unknownCommand:
    'Такой команды нет. Опишите проблему текстом, отправьте /status, чтобы узнать о своих обращениях, или /help.',
  notYours: 'Это сообщение не из вашего обращения: выделить его нельзя.',
  noCases: NO_CASES,
  notAuthor: 'Оценить ответ может только автор обращения.',
  alreadyRated: 'Спасибо, ваша оценка уже учтена.',
  linked: (name: string) =>
    `Чат связан с учётной записью «${name}»: сюда будут приходить уведомления платформы «Отклик».`,
  badLinkCode: 'Код связи не подошёл или устарел. Получите новый код в разделе «Уведомления» рабочего места.',
  thanks: (score: number, caseId: string) =>
    score <= 2
      ? `Спасибо за оценку. Обращение № ${caseId} возвращено в работу: мы разберёмся и ответим повторно.`
      : `Спасибо за оценку! Обращение № ${caseId} закрыто.`,
} as const;

/** The bot's identity without calling getMe: intake must not depend on the Bot API being reachable. */
function botInfo(config: TelegramConfig): UserFromGetMe {
  return {
    id: Number(config.token.split(':')[0]),
    is_bot: true,
    first_name: 'Отклик',
    username: config.username ?? 'otklik_bot',
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
}

export function createInboundBot(config: TelegramConfig, services: Services): Bot {
  const bot = new Bot(config.token, {
    botInfo: botInfo(config),
    // answerCallbackQuery is the one call made in the webhook's HTTP response itself (it must come within seconds).
    client: { apiRoot: config.apiRoot, canUseWebhookReply: (method) => method === 'answerCallbackQuery' },
  });
  const ctx = (): Ctx => rootContext(services, ACTOR);
  const reply = (c: Context, text: string, suffix = ''): Promise<void> =>
    queue(ctx(), `telegram:update:${c.update.update_id}${suffix}`, {
      method: 'sendMessage',
      chatId: c.chat?.id ?? 0,
      text,
    });

  bot.callbackQuery(/^rate:(\d+):(\d+):([1-5])$/, async (c) => {
    const [, caseId = '', answerId = '', score = '0'] = c.match;
    const chatId = c.chat?.id ?? c.from.id;
    const text = await recordRating(
      ctx(),
      c.update.update_id,
      String(chatId),
      caseId,
      answerId,
      Number(score),
      c.callbackQuery.message?.message_id,
    );
    await c.answerCallbackQuery({ text });
  });

  // «Это новое обращение» under a message joined to the chat's case by time alone
  bot.callbackQuery(/^new:(\d+)$/, async (c) => {
    const chatId = c.chat?.id ?? c.from.id;
    const caseId = await splitFollowUp(ctx(), CHANNEL, String(chatId), c.match[1] ?? '');
    if (!caseId) return c.answerCallbackQuery({ text: TEXTS.notYours });
    const key = `telegram:update:${c.update.update_id}`;
    const keyboard = c.callbackQuery.message?.message_id;
    if (keyboard) await queue(ctx(), `${key}:keyboard`, { method: 'removeKeyboard', chatId, messageId: keyboard });
    await queue(ctx(), key, { method: 'sendMessage', chatId, text: splitAcknowledgement(caseId) });
    return c.answerCallbackQuery({ text: `Обращение № ${caseId}` });
  });

  const chats = bot.chatType('private');
  // «/start CODE» (the bot's deep link) or «/link CODE»: a staff member links this chat for notifications.
  const link = async (c: Context & { match: string }, fallback: string) => {
    const code = c.match.trim();
    if (!code) return reply(c, fallback);
    const name = await withTransaction(ctx(), (tx) => linkChat(tx, code, c.chat?.id ?? 0));
    return reply(c, name ? TEXTS.linked(name) : TEXTS.badLinkCode);
  };
  chats.command('start', (c) => link(c, TEXTS.start));
  chats.command('link', (c) => link(c, TEXTS.badLinkCode));
  chats.command('status', async (c) => reply(c, await statusText(ctx(), CHANNEL, String(c.chat.id))));
  chats.command('help', (c) => reply(c, TEXTS.help));
  chats.on('message:text', async (c) => {
    if (isStatusQuestion(c.message.text)) return reply(c, await statusText(ctx(), CHANNEL, String(c.chat.id)));
    if (c.message.text.startsWith('/')) return reply(c, TEXTS.unknownCommand);
    return intake(ctx(), c.update.update_id, c.message, c.message.text);
  });
  chats.on(['message:photo', 'message:document', 'message:location'], async (c) => {
    const caption = c.message.caption?.trim();
    if (caption) return intake(ctx(), c.update.update_id, c.message, caption);
    await saveDraft(ctx(), CHANNEL, String(c.message.chat.id), c.message.message_id, extrasOf(c.message));
    return reply(c, TEXTS.askDescription);
  });
  chats.on('message', (c) => reply(c, TEXTS.unsupported));
  chats.on('edited_message', async (c) => recordEdit(ctx(), c.editedMessage));
  return bot;
}

/**
 * A citizen edits a message the bot already took in: the stored text becomes the edited one (answers still go once to
 * the chat), and a `follow_up` event keeps the previous text in the history; on an answered or closed case it is
 * «гражданин ответил». An edit of a message we never stored (a command, a draft photo) is ignored; the same edit
 * delivered twice changes nothing the second time.
 */
async function recordEdit(ctx: Ctx, message: Message): Promise<void> {
  const text = (message.text ?? message.caption ?? '').trim();
  if (!text || text.startsWith('/')) return;
  await withTransaction(ctx, async (tx) => {
    const original = await tx.db
      .selectFrom('messages')
      .select(['id', 'case_id', 'text'])
      .where('channel', '=', CHANNEL)
      .where('external_id', '=', `${message.chat.id}:${message.message_id}`)
      .forUpdate()
      .executeTakeFirst();
    if (!original || original.text === text) return;
    await tx.db.updateTable('messages').set({ text }).where('id', '=', original.id).execute();
    await appendEvents(tx, [
      {
        caseId: String(original.case_id),
        type: 'follow_up',
        data: {
          messageId: original.id,
          channel: CHANNEL,
          edited: true,
          previousText: original.text,
          editedAt: message.edit_date ?? null,
        },
      },
    ]);
    await markCitizenReplied(tx, String(original.case_id));
  });
}

function queue(ctx: Ctx, key: string, call: TelegramCall): Promise<void> {
  return enqueue(ctx, telegramCallJob, call, key);
}

type Extras = DraftParts;

function extrasOf(message: Message): Extras {
  const attachments: Extras['attachments'] = [];
  const photo = largest(message.photo);
  if (photo) {
    attachments.push({
      name: `photo-${photo.file_unique_id}.jpg`,
      mimeType: 'image/jpeg',
      size: photo.file_size ?? null,
      url: null,
      telegramFileId: photo.file_id,
      fileUniqueId: photo.file_unique_id,
      width: photo.width,
      height: photo.height,
    });
  }
  if (message.document) {
    const d = message.document;
    attachments.push({
      name: d.file_name ?? `file-${d.file_unique_id}`,
      mimeType: d.mime_type ?? null,
      size: d.file_size ?? null,
      url: null,
      telegramFileId: d.file_id,
      fileUniqueId: d.file_unique_id,
    });
  }
  const location = message.location
    ? { lat: message.location.latitude, lon: message.location.longitude, address: message.venue?.address ?? null }
    : null;
  return { location, attachments };
}

function largest(photos: PhotoSize[] | undefined): PhotoSize | undefined {
  return photos?.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
}

/**
 * A citizen's message: added to the chat's case it continues (a reply, or right after the previous message — see
 * messengers/chat-continuation.ts), otherwise intake of a new problem. A waiting location or photo of the same chat
 * joins it either way.
 */
async function intake(ctx: Ctx, updateId: number, message: Message, text: string): Promise<void> {
  const chatId = String(message.chat.id);
  const own = extrasOf(message);
  const draft = await loadDraft(ctx, CHANNEL, chatId);
  const from = message.from;
  const attachments = mergeAttachments(draft?.attachments ?? [], own.attachments);
  const externalId = `${chatId}:${message.message_id}`;
  const input = {
    channel: CHANNEL,
    externalId,
    text,
    createdAt: channelTime(message.date * 1000, ctx.services.clock.now()),
    author: {
      name: from ? [from.first_name, from.last_name].filter(Boolean).join(' ') : null,
      contact: from?.username ? `@${from.username}` : null,
      externalId: chatId,
    },
    location: own.location ?? draft?.location ?? null,
    attachments: attachments.length ? attachments : null,
    labels: {
      telegram: {
        chatId: message.chat.id,
        messageId: message.message_id,
        updateId,
        ...(draft ? { draftMessageIds: draft.messageIds } : {}),
      },
    },
  } satisfies IntakeMessage;
  const ack = (text: string, buttons?: TelegramButton[]) =>
    queue(ctx, `telegram:ack:${externalId}`, {
      method: 'sendMessage',
      chatId: message.chat.id,
      replyTo: message.message_id,
      text,
      ...(buttons ? { buttons } : {}),
    });
  const taken = await receiveChatMessage(ctx, input, chatId, repliedTo(message));
  if (!taken) return;
  if (taken.stored && draft) await clearDraft(ctx, CHANNEL, chatId);
  await ack(
    taken.ack,
    taken.newCaseMessageId ? [{ text: NEW_CASE_BUTTON, data: `new:${taken.newCaseMessageId}` }] : undefined,
  );
}

/** What the message replies to: the citizen's own message, or one of the bot's (an answer, an acknowledgement). */
function repliedTo(message: Message): RepliedTo | null {
  const replied = message.reply_to_message;
  if (!replied) return null;
  if (replied.from?.is_bot)
    return {
      botText: replied.text ?? replied.caption ?? null,
      delivered: { refPrefix: `telegram:${message.chat.id}:`, messageId: String(replied.message_id) },
    };
  return { ownExternalId: `${message.chat.id}:${replied.message_id}` };
}

/** Records a rating pressed under a final answer; returns the text shown to the citizen. */
async function recordRating(
  ctx: Ctx,
  updateId: number,
  chatId: string,
  caseId: string,
  answerId: string,
  score: number,
  keyboardMessageId: number | undefined,
): Promise<string> {
  try {
    return await withTransaction(ctx, async (tx) => {
      const author = await tx.db
        .selectFrom('messages')
        .select('id')
        .where('case_id', '=', caseId)
        .where('channel', '=', CHANNEL)
        .where('author_external_id', '=', chatId)
        .executeTakeFirst();
      if (!author) return TEXTS.notAuthor;
      const outcome = await rateAnswer(tx, { caseId, answerId, score, source: CHANNEL });
      if (!outcome.rated) return TEXTS.alreadyRated;
      const chat = Number(chatId);
      if (keyboardMessageId)
        await queue(tx, `telegram:update:${updateId}:keyboard`, {
          method: 'removeKeyboard',
          chatId: chat,
          messageId: keyboardMessageId,
        });
      await queue(tx, `telegram:update:${updateId}`, {
        method: 'sendMessage',
        chatId: chat,
        text: TEXTS.thanks(score, caseId),
      });
      return 'Спасибо за оценку!';
    });
  } catch (error) {
    if (error instanceof AppError && error.code !== 'internal') return ratingRefusal(error.message);
    throw error;
  }
}
