// The state of each channel for the administrator: configured on this node or not (its adapter factory returned an
// adapter: a bot token, a mailbox, a key is set), the last message received through it, the last answer delivered,
// and the last success and failure of its background work (channel_health, written by the pollers) or of a delivery
// (deliveries.last_error). Only what the platform already records — nothing is probed from here.
import type { ChannelState } from '../../../shared/api/admin-settings';
import type { Ctx } from '../../lib/context';
import { requirePermission } from '../auth/authorize';

/** The adapters of channels/registry.ts with the message channels each takes in and answers. */
const ADAPTERS: readonly { adapter: string; label: string; channels: readonly string[] }[] = [
  { adapter: 'email', label: 'Электронная почта (IMAP/SMTP)', channels: ['email'] },
  { adapter: 'telegram', label: 'Telegram-бот', channels: ['messenger_telegram'] },
  { adapter: 'vk', label: 'ВКонтакте (сообщения сообщества)', channels: ['social_vk'] },
  { adapter: 'open311', label: 'Open311', channels: ['open311'] },
  { adapter: 'widget', label: 'Виджет на сайтах', channels: ['web'] },
  { adapter: 'monitoring', label: 'Мониторинг публичных постов', channels: [] },
];

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
const later = (a: string | null, b: string | null): string | null => (!a ? b : !b ? a : a > b ? a : b);

export async function listChannelStates(ctx: Ctx): Promise<ChannelState[]> {
  requirePermission(ctx.actor, 'reference.manage');
  const channels = ADAPTERS.flatMap((a) => a.channels);
  const [received, delivered, failures, health] = await Promise.all([
    ctx.db
      .selectFrom('messages')
      .select((eb) => ['channel', eb.fn.max('received_at').as('at')])
      .where('channel', 'in', channels)
      .groupBy('channel')
      .execute(),
    ctx.db
      .selectFrom('deliveries')
      .select((eb) => [
        'channel',
        eb.fn.max('sent_at').as('at'),
        eb.fn.count<string>('id').filterWhere('status', '=', 'failed').as('failed'),
      ])
      .where('channel', 'in', channels)
      .groupBy('channel')
      .execute(),
    ctx.db
      .selectFrom('deliveries')
      .select(['channel', 'last_error', 'updated_at'])
      .where('channel', 'in', channels)
      .where('last_error', 'is not', null)
      .orderBy('updated_at', 'desc')
      .limit(200)
      .execute(),
    ctx.db.selectFrom('channel_health').selectAll().execute(),
  ]);
  const configured = new Set(ctx.services.channels.map((a) => a.name));
  return ADAPTERS.map((a) => {
    const mine = <R extends { channel: string }>(rows: readonly R[]): R[] =>
      rows.filter((r) => a.channels.includes(r.channel));
    const h = health.find((r) => r.adapter === a.adapter);
    const lastFailure = mine(failures)[0];
    const lastMessageAt = mine(received)
      .map((r) => iso(r.at))
      .reduce(later, null);
    const lastDeliveryAt = mine(delivered)
      .map((r) => iso(r.at))
      .reduce(later, null);
    const lastRunAt = iso(h?.last_success_at);
    const healthError = iso(h?.last_error_at);
    const deliveryError = iso(lastFailure?.updated_at);
    const errorFromHealth = healthError !== null && (deliveryError === null || healthError >= deliveryError);
    return {
      adapter: a.adapter,
      label: a.label,
      channels: [...a.channels],
      configured: configured.has(a.adapter),
      lastMessageAt,
      lastDeliveryAt,
      lastRunAt,
      lastSuccessAt: [lastMessageAt, lastDeliveryAt, lastRunAt].reduce(later, null),
      lastErrorAt: errorFromHealth ? healthError : deliveryError,
      lastError: errorFromHealth ? (h?.last_error ?? null) : (lastFailure?.last_error ?? null),
      failedDeliveries: mine(delivered).reduce((n, r) => n + Number(r.failed), 0),
    };
  });
}
