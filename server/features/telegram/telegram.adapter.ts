import { Api, GrammyError, HttpError, InlineKeyboard, InputFile, webhookCallback } from 'grammy';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChannelAdapter, ChannelAdapterFactory, OutboundAnswer } from '../channels/channel-adapter';
import { DeliveryUncertainError } from '../channels/channel-adapter';
import { answerHeading, splitText } from '../messengers';
import { createInboundBot } from './telegram-inbound';
import { AppError } from '../../lib/errors';
import { telegramUpdateSchema } from './update-shape';

// Telegram bot through grammY. Inbound: Telegram posts Updates to /webhooks/telegram with the secret token in the
// X-Telegram-Bot-Api-Secret-Token header (grammY's webhookCallback checks it: 401 otherwise, nothing stored), the
// bot's middleware turns messages into intake and never calls the Bot API itself. Outbound: answers (with 1–5 rating
// buttons under a final answer) and the bot's replies go through the outbox.
export const TELEGRAM_CHANNEL = 'messenger_telegram';
const MESSAGE_LIMIT = 4096;
/** Sent with sendPhoto (Telegram shows them as photos); any other file goes as a document. */
const PHOTO_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/webp']);
export const RATING_PROMPT = 'Оцените, пожалуйста, ответ: 1 — совсем не устроил, 5 — полностью устроил.';

export interface TelegramAdapter extends ChannelAdapter {
  readonly api: Api;
}

export const createTelegramAdapter: ChannelAdapterFactory = (services) => {
  const config = services.config.telegram;
  if (!config) return null;
  const api = new Api(config.token, { apiRoot: config.apiRoot, timeoutSeconds: 30 });
  const adapter: TelegramAdapter = {
    name: 'telegram',
    channels: [TELEGRAM_CHANNEL],
    api,
    registerRoutes(app, routeServices) {
      const bot = createInboundBot(config, routeServices);
      const handle = webhookCallback(bot, 'fastify', {
        secretToken: config.webhookSecret,
        onTimeout: 'throw',
        timeoutMilliseconds: 25_000,
      });
      app.post('/webhooks/telegram', { schema: { hide: true } }, (request: FastifyRequest, reply: FastifyReply) => {
        // An Update not shaped as the Bot API documents is refused before the bot reads it.
        if (!telegramUpdateSchema.safeParse(request.body).success)
          throw new AppError('bad_request', 'Ожидается объект Update Bot API');
        return handle(request, reply);
      });
    },
    send: (_services, answer) => sendAnswer(api, answer),
    async sendNotice(_services, notice) {
      const { chatId } = telegramTarget(notice);
      const message = await telegramCall(() =>
        api.sendMessage(chatId, splitText(notice.text, MESSAGE_LIMIT)[0] ?? notice.text),
      );
      return `telegram:${chatId}:${message.message_id}`;
    },
  };
  return adapter;
};

export function ratingKeyboard(caseId: string, answerId: string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (let score = 1; score <= 5; score++) keyboard.text(String(score), `rate:${caseId}:${answerId}:${score}`);
  return keyboard;
}

async function sendAnswer(api: Api, answer: OutboundAnswer): Promise<string> {
  const { chatId, messageId } = telegramTarget(answer);
  const final = answer.kind === 'final';
  const parts = splitText(
    `${answerHeading(answer.caseId, answer.kind)}\n\n${answer.body}${final ? `\n\n${RATING_PROMPT}` : ''}`,
    MESSAGE_LIMIT,
  );
  const sent: number[] = [];
  // Photos and documents of the work done go first, so the text with the rating buttons stays the last message.
  for (const file of answer.files ?? []) {
    const input = new InputFile(file.bytes, file.name);
    const message = PHOTO_TYPES.has(file.mimeType)
      ? await telegramCall(() => api.sendPhoto(chatId, input))
      : await telegramCall(() => api.sendDocument(chatId, input));
    sent.push(message.message_id);
  }
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    const message = await telegramCall(() =>
      api.sendMessage(chatId, part, {
        ...(i === 0 && messageId
          ? { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } }
          : {}),
        ...(last && final ? { reply_markup: ratingKeyboard(answer.caseId, answer.answerId) } : {}),
      }),
    );
    sent.push(message.message_id);
  }
  return `telegram:${chatId}:${sent.join(',')}`;
}

function telegramTarget(answer: Pick<OutboundAnswer, 'message'>): { chatId: number; messageId: number | null } {
  const labels = answer.message.labels?.telegram as { chatId?: unknown; messageId?: unknown } | undefined;
  const chatId = Number(labels?.chatId ?? answer.message.authorExternalId);
  if (!Number.isSafeInteger(chatId))
    throw new Error(`У сообщения ${answer.message.id} нет идентификатора чата Telegram`);
  const messageId = Number(labels?.messageId);
  return { chatId, messageId: Number.isSafeInteger(messageId) ? messageId : null };
}

// Errors before the request could reach Telegram (refused, no DNS) or answered by Telegram (GrammyError) mean
// nothing was posted; a connection lost after the request left may have posted it (Telegram has no dedup key).
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

async function telegramCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof GrammyError)
      throw new Error(`Telegram ответил ошибкой ${error.error_code}: ${error.description}`);
    if (error instanceof HttpError) {
      const code = (error.error as { code?: unknown } | undefined)?.code;
      if (typeof code === 'string' && NOT_SENT_CODES.has(code)) throw new Error(`Bot API недоступен (${code})`);
      throw new DeliveryUncertainError(
        `связь с Bot API прервалась: ${String((error.error as Error | undefined)?.message ?? error.message)}`,
      );
    }
    throw error;
  }
}
