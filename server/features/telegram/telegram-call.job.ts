import { z } from 'zod';
import { defineJob } from '../../jobs/outbox';
import { requireAdapter } from '../channels/require-adapter';
import type { Services } from '../../lib/context';
import type { TelegramAdapter } from './telegram.adapter';

// The bot's own replies (case number, /status, rating thanks) are outbox jobs like answers: the webhook only
// writes to the database, so a Bot API that is down never blocks intake, and a reply is retried until it goes out.
export const telegramCallSchema = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('sendMessage'),
    chatId: z.number(),
    text: z.string().min(1).max(4096),
    replyTo: z.number().optional(),
    /** Inline buttons in one row under the message: the text shown and the callback data sent back. */
    buttons: z
      .array(z.object({ text: z.string().min(1).max(64), data: z.string().min(1).max(64) }))
      .max(8)
      .optional(),
  }),
  z.object({ method: z.literal('removeKeyboard'), chatId: z.number(), messageId: z.number() }),
]);
export type TelegramCall = z.infer<typeof telegramCallSchema>;

export const telegramCallJob = defineJob({
  kind: 'telegram.call',
  schema: telegramCallSchema,
  maxAttempts: 'delivery',
  async handler(ctx, call) {
    const api = telegramAdapterOf(ctx.services).api;
    if (call.method === 'sendMessage') {
      await api.sendMessage(call.chatId, call.text, {
        ...(call.replyTo ? { reply_parameters: { message_id: call.replyTo, allow_sending_without_reply: true } } : {}),
        ...(call.buttons?.length
          ? { reply_markup: { inline_keyboard: [call.buttons.map((b) => ({ text: b.text, callback_data: b.data }))] } }
          : {}),
      });
    } else {
      await api.editMessageReplyMarkup(call.chatId, call.messageId, { reply_markup: { inline_keyboard: [] } });
    }
  },
});

export function telegramAdapterOf(services: Services): TelegramAdapter {
  return requireAdapter<TelegramAdapter>(services, 'telegram', 'Telegram-бот не настроен (TELEGRAM_BOT_TOKEN)');
}
