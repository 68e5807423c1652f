import { toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { defineJob } from '../../jobs/outbox';
import type { Services } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { requireAdapter } from '../channels/require-adapter';
import { recordChange } from '../comms/comms-history';
import { addressDomain, createSmtpTransport, type SmtpTransport } from '../email/send-answer-letter';
import type { TelegramAdapter } from '../telegram/telegram.adapter';
import type { VkAdapter } from '../vk/vk.adapter';
import { CAMPAIGN_CHANNEL_LABELS, type CampaignChannelKind } from '../../../shared/api/campaigns';

// One post of a campaign's content plan to one channel, through the outbox: retried on the delivery schedule, marked
// failed when the attempts run out. VK wall posts carry a guid from the publication, so VK itself drops a repeat;
// an e-mail list returns how many addresses the server accepted, which is recorded as the channel's reach.
export const publishPostJob = defineJob({
  kind: 'campaigns.publish_post',
  schema: z.object({ publicationId: z.string() }),
  maxAttempts: 'delivery',
  async handler(ctx, { publicationId }) {
    const row = await ctx.db
      .selectFrom('campaign_publications as p')
      .innerJoin('campaign_posts as c', 'c.id', 'p.post_id')
      .innerJoin('campaigns as k', 'k.id', 'p.campaign_id')
      .select([
        'p.id',
        'p.campaign_id',
        'p.channel_kind',
        'p.target',
        'p.status',
        'c.text',
        'k.title',
        'k.municipality_ids',
      ])
      .where('p.id', '=', publicationId)
      .executeTakeFirst();
    if (row?.status !== 'pending') return;
    await ctx.db
      .updateTable('campaign_publications')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', row.id)
      .execute();
    try {
      const posted = await postTo(
        ctx.services,
        row.channel_kind as CampaignChannelKind,
        row.target,
        row.text,
        row.title,
        `campaign-publication:${row.id}`,
      );
      await ctx.db
        .updateTable('campaign_publications')
        .set({
          status: 'sent',
          external_ref: posted.ref,
          url: posted.url,
          last_error: null,
          done_at: ctx.services.clock.now(),
        })
        .where('id', '=', row.id)
        .execute();
      if (posted.reach !== null) {
        const ids = row.municipality_ids.map(Number);
        await ctx.db
          .insertInto('campaign_reach')
          .values({
            campaign_id: row.campaign_id,
            municipality_id: ids.length === 1 ? (ids[0] ?? null) : null,
            channel: CAMPAIGN_CHANNEL_LABELS.email_list,
            reach: posted.reach,
            source: 'adapter',
            recorded_on: toMoscowIsoDate(ctx.services.clock.now()),
            publication_id: row.id,
            author_label: ctx.actor.label,
          })
          .onConflict((oc) => oc.column('publication_id').doNothing())
          .execute();
      }
      await recordChange(
        ctx,
        'campaign',
        row.campaign_id,
        'published',
        `${CAMPAIGN_CHANNEL_LABELS[row.channel_kind as CampaignChannelKind]}: опубликовано (${posted.url ?? posted.ref})`,
      );
    } catch (error) {
      await ctx.db
        .updateTable('campaign_publications')
        .set({ last_error: (error as Error).message.slice(0, 1000) })
        .where('id', '=', row.id)
        .execute();
      throw error;
    }
  },
  async onDead(ctx, { publicationId }, error) {
    const row = await ctx.db
      .updateTable('campaign_publications')
      .set({ status: 'failed', last_error: error.slice(0, 1000) })
      .where('id', '=', publicationId)
      .where('status', '=', 'pending')
      .returning(['campaign_id', 'channel_kind'])
      .executeTakeFirst();
    if (row)
      await recordChange(
        ctx,
        'campaign',
        row.campaign_id,
        'publish_failed',
        `${CAMPAIGN_CHANNEL_LABELS[row.channel_kind as CampaignChannelKind]}: не опубликовано — ${error}`,
      );
  },
});

interface Posted {
  ref: string;
  url: string | null;
  reach: number | null;
}

const transports = new WeakMap<Services, SmtpTransport>();

async function postTo(
  services: Services,
  kind: CampaignChannelKind,
  target: string,
  text: string,
  title: string,
  key: string,
): Promise<Posted> {
  if (kind === 'vk_wall') {
    const vk = requireAdapter<VkAdapter>(services, 'vk', 'ВКонтакте не настроен (VK_ACCESS_TOKEN, VK_GROUP_ID)');
    const ownerId = -vk.config.groupId;
    const result = await vk.api.wall.post({
      owner_id: ownerId,
      from_group: 1,
      message: text,
      guid: createHash('sha256').update(key).digest('hex').slice(0, 32),
    });
    return {
      ref: `wall${ownerId}_${result.post_id}`,
      url: `https://vk.com/wall${ownerId}_${result.post_id}`,
      reach: null,
    };
  }
  if (kind === 'telegram_channel') {
    const telegram = requireAdapter<TelegramAdapter>(
      services,
      'telegram',
      'Telegram-бот не настроен (TELEGRAM_BOT_TOKEN)',
    );
    const message = await telegram.api.sendMessage(/^-?\d+$/.test(target) ? Number(target) : target, text);
    return {
      ref: `telegram:${target}:${message.message_id}`,
      url: target.startsWith('@') ? `https://t.me/${target.slice(1)}/${message.message_id}` : null,
      reach: null,
    };
  }
  if (kind === 'email_list') {
    const smtp = services.config.email.smtp;
    if (!smtp) throw new AppError('unavailable', 'Почта не настроена (OTKLIK_SMTP_HOST, OTKLIK_SMTP_FROM)');
    let transport = transports.get(services);
    if (!transport) {
      transport = createSmtpTransport(smtp);
      transports.set(services, transport);
    }
    const list = target.split(/[\s,;]+/).filter(Boolean);
    const info = (await transport.sendMail({
      from: smtp.from,
      to: smtp.from,
      bcc: list,
      subject: title,
      text,
      messageId: `<otklik.${key.replace(/[^\w.-]/g, '.')}@${addressDomain(smtp.from)}>`,
    })) as { messageId: string; accepted?: unknown[] };
    return {
      ref: `email:${info.messageId}`,
      url: null,
      reach: Array.isArray(info.accepted) ? info.accepted.filter((a) => list.includes(String(a))).length : null,
    };
  }
  throw new Error('Задача владельцу госпаблика публикуется вручную');
}

/** Whether the channel can post here: its adapter or SMTP is configured. */
export function channelConfigured(services: Services, kind: CampaignChannelKind): string | null {
  if (kind === 'vk_wall' && !services.channels.some((a) => a.name === 'vk'))
    return 'ВКонтакте не настроен (VK_ACCESS_TOKEN, VK_GROUP_ID)';
  if (kind === 'telegram_channel' && !services.channels.some((a) => a.name === 'telegram'))
    return 'Telegram-бот не настроен (TELEGRAM_BOT_TOKEN)';
  if (kind === 'email_list' && !services.config.email.smtp)
    return 'Почта не настроена (OTKLIK_SMTP_HOST, OTKLIK_SMTP_FROM)';
  return null;
}
