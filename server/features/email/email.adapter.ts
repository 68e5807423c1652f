import type { ChannelAdapter, ChannelAdapterFactory } from '../channels/channel-adapter';
import { startMailboxPolling } from './poll-mailbox';
import { registerRatingPage } from './rating-page.routes';
import { createSmtpTransport, sendAnswerLetter, sendNoticeLetter } from './send-answer-letter';

/**
 * The e-mail channel: letters come in by polling an IMAP mailbox, answers go out over SMTP. Either half works alone;
 * without both the channel is off (answers to e-mail messages then wait for export).
 */
export const createEmailAdapter: ChannelAdapterFactory = (services) => {
  const { imap, smtp } = services.config.email;
  if (!imap && !smtp) return null;
  const transport = smtp ? createSmtpTransport(smtp) : null;
  const adapter: ChannelAdapter = {
    name: 'email',
    channels: ['email'],
    ...(smtp ? { registerRoutes: registerRatingPage } : {}),
    ...(imap ? { start: (s) => startMailboxPolling(s, imap) } : {}),
    ...(smtp && transport
      ? {
          send: (s, answer) => sendAnswerLetter(s, smtp, transport, answer),
          sendNotice: (_s, notice) => sendNoticeLetter(smtp, transport, notice),
        }
      : {}),
  };
  return adapter;
};
