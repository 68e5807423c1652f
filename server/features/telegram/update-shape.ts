import { z } from 'zod';

// The parts of a Telegram Update the bot reads, checked before grammY sees it: an Update that is not shaped as the
// Bot API documents is refused with 400 rather than failing inside a handler. Unknown fields pass.
const int = z.number().int().safe();
const user = z
  .object({
    id: int,
    is_bot: z.boolean().optional(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    username: z.string().optional(),
  })
  .passthrough();
const message = z
  .object({
    message_id: int,
    date: int,
    chat: z.object({ id: int, type: z.string() }).passthrough(),
    from: user.optional(),
    text: z.string().optional(),
    caption: z.string().optional(),
    location: z.object({ latitude: z.number(), longitude: z.number() }).passthrough().optional(),
    photo: z.array(z.object({ file_id: z.string(), width: int, height: int }).passthrough()).optional(),
    document: z.object({ file_id: z.string() }).passthrough().optional(),
  })
  .passthrough();
const callbackQuery = z
  .object({
    id: z.string(),
    from: user,
    data: z.string().optional(),
    message: z
      .object({ message_id: int, chat: z.object({ id: int }).passthrough() })
      .passthrough()
      .optional(),
  })
  .passthrough();

export const telegramUpdateSchema = z
  .object({
    update_id: int,
    message: message.optional(),
    edited_message: message.optional(),
    callback_query: callbackQuery.optional(),
  })
  .passthrough();
