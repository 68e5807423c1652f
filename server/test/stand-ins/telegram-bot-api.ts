import { startLoopbackStandIn, type LoopbackStandIn } from './loopback-server';

// The Telegram Bot API (https://core.telegram.org/bots/api) on loopback: POST /bot<token>/<method> with JSON,
// answers {"ok":true,"result":…} or {"ok":false,"error_code":…,"description":…} like the real one. Files a test adds
// are served like the real file download: getFile gives a file_path, GET /file/bot<token>/<file_path> the bytes.
export interface TelegramStandIn extends LoopbackStandIn {
  /** Messages the "Telegram servers" accepted (sendMessage calls acted on), in order. */
  readonly sent: { chat_id: unknown; text: string; reply_markup?: unknown; reply_parameters?: unknown }[];
  /** Files the bot sent (sendPhoto, sendDocument as multipart), with the file name the upload carried. */
  readonly sentFiles: { method: string; chatId: string | null; fileName: string | null }[];
  /** Makes a file known under a file id (as if a citizen had sent it). */
  addFile(fileId: string, bytes: Buffer): void;
}

export async function startTelegramStandIn(token: string): Promise<TelegramStandIn> {
  const sent: TelegramStandIn['sent'] = [];
  const sentFiles: TelegramStandIn['sentFiles'] = [];
  const files = new Map<string, { path: string; bytes: Buffer }>();
  let messageId = 1000;
  const standIn = await startLoopbackStandIn(
    (path) => {
      const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(path);
      if (download) return { token: download[1] ?? '', method: `file:${decodeURIComponent(download[2] ?? '')}` };
      const m = /^\/bot([^/]+)\/(\w+)$/.exec(path);
      return m ? { token: m[1] ?? '', method: m[2] ?? '' } : null;
    },
    (method, params, pathToken) => {
      if (pathToken !== token)
        return { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } };
      if (method.startsWith('file:')) {
        const file = [...files.values()].find((f) => `file:${f.path}` === method);
        return file
          ? { status: 200, body: file.bytes }
          : { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } };
      }
      switch (method) {
        case 'sendPhoto':
        case 'sendDocument': {
          const raw = String(params.raw ?? '');
          const chatId =
            /name="chat_id"\r\n\r\n([^\r]*)/.exec(raw)?.[1] ??
            (params.chat_id === undefined ? null : String(params.chat_id));
          sentFiles.push({ method, chatId, fileName: /filename="?([^";\r\n]+)/.exec(raw)?.[1] ?? null });
          messageId++;
          return {
            status: 200,
            body: {
              ok: true,
              result: {
                message_id: messageId,
                date: Math.floor(Date.now() / 1000),
                chat: { id: Number(chatId), type: 'private' },
              },
            },
          };
        }
        case 'getFile': {
          const file = files.get(String(params.file_id));
          if (!file)
            return { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' } };
          return {
            status: 200,
            body: {
              ok: true,
              result: {
                file_id: params.file_id,
                file_unique_id: `u-${String(params.file_id)}`,
                file_size: file.bytes.length,
                file_path: file.path,
              },
            },
          };
        }
        case 'sendMessage': {
          if (typeof params.text !== 'string' || params.text.length === 0 || params.text.length > 4096) {
            return {
              status: 400,
              body: { ok: false, error_code: 400, description: 'Bad Request: message text is empty or too long' },
            };
          }
          sent.push(params as TelegramStandIn['sent'][number]);
          messageId++;
          return {
            status: 200,
            body: {
              ok: true,
              result: {
                message_id: messageId,
                date: Math.floor(Date.now() / 1000),
                chat: { id: Number(params.chat_id), type: 'private' },
                text: params.text,
              },
            },
          };
        }
        case 'getMe':
          return {
            status: 200,
            body: {
              ok: true,
              result: {
                id: Number(token.split(':')[0]),
                is_bot: true,
                first_name: 'Отклик',
                username: 'otklik_test_bot',
              },
            },
          };
        case 'editMessageReplyMarkup':
        case 'answerCallbackQuery':
        case 'setWebhook':
          return { status: 200, body: { ok: true, result: true } };
        default:
          return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found: method not found' } };
      }
    },
    () => ({ status: 500, body: { ok: false, error_code: 500, description: 'Internal Server Error' } }),
  );
  const addFile = (fileId: string, bytes: Buffer): void => {
    files.set(fileId, { path: `photos/file_${files.size}.jpg`, bytes });
  };
  return Object.assign(standIn, { sent, sentFiles, addFile });
}
