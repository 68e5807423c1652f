import { z } from 'zod';
import { defineJob } from '../../jobs/outbox';
import type { Services } from '../../lib/context';
import { addressDomain, createSmtpTransport, type SmtpTransport } from '../email/send-answer-letter';
import { telegramAdapterOf } from '../telegram/telegram-call.job';

// Sends one notification (or one user's daily digest) by e-mail or to the linked Telegram chat. Outbox jobs keyed
// by the notification (the digest: by user and day), retried on the delivery schedule. The letter's Message-ID is
// the same on every retry. A Telegram message sent after a timeout whose request Telegram had acted on comes twice:
// the Bot API has no deduplication key.
const TELEGRAM_LIMIT = 4096;

const transports = new WeakMap<Services, SmtpTransport>();
function transportOf(services: Services): SmtpTransport | null {
  const smtp = services.config.email.smtp;
  if (!smtp) return null;
  let t = transports.get(services);
  if (!t) {
    t = createSmtpTransport(smtp);
    transports.set(services, t);
  }
  return t;
}

export function caseLink(services: Services, caseId: string | null): string | null {
  const base = services.config.publicUrl;
  return base && caseId ? `${base.replace(/\/$/, '')}/#/cases/${caseId}` : null;
}

export interface Outgoing {
  userId: number;
  key: string;
  subject: string;
  text: string;
}

/** Sends a text to the user's address or chat; a user without one (unlinked since) is skipped, not failed. */
export async function sendToUser(services: Services, channel: 'email' | 'telegram', out: Outgoing): Promise<void> {
  const db = services.database.db;
  if (channel === 'email') {
    const smtp = services.config.email.smtp;
    const transport = transportOf(services);
    const user = await db.selectFrom('users').select('email').where('id', '=', out.userId).executeTakeFirst();
    if (!smtp || !transport || !user?.email) return;
    await transport.sendMail({
      from: smtp.from,
      to: user.email,
      subject: out.subject,
      text: out.text,
      messageId: `<otklik.${out.key}@${addressDomain(smtp.from)}>`,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    return;
  }
  const link = await db
    .selectFrom('staff_telegram_links')
    .select('chat_id')
    .where('user_id', '=', out.userId)
    .executeTakeFirst();
  if (!link?.chat_id || !services.config.telegram) return;
  const text = `${out.subject}\n\n${out.text}`;
  await telegramAdapterOf(services).api.sendMessage(
    Number(link.chat_id),
    text.length > TELEGRAM_LIMIT ? `${text.slice(0, TELEGRAM_LIMIT - 1)}…` : text,
  );
}

export const sendNotificationJob = defineJob({
  kind: 'notification.send',
  schema: z.object({ notificationId: z.string(), channel: z.enum(['email', 'telegram']) }),
  maxAttempts: 'delivery',
  async handler(ctx, { notificationId, channel }) {
    const n = await ctx.db
      .selectFrom('notifications')
      .select(['id', 'user_id', 'title', 'body', 'case_id'])
      .where('id', '=', notificationId)
      .executeTakeFirst();
    if (!n) return;
    const link = caseLink(ctx.services, n.case_id);
    await sendToUser(ctx.services, channel, {
      userId: n.user_id,
      key: `notification.${n.id}`,
      subject: n.title,
      text: [n.body, link].filter(Boolean).join('\n\n'),
    });
  },
});
