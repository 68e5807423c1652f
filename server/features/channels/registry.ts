import type { Services } from '../../lib/context';
import { createTelegramAdapter } from '../telegram/telegram.adapter';
import { createVkAdapter } from '../vk/vk.adapter';
import type { ChannelAdapter, ChannelAdapterFactory } from './channel-adapter';
import { createEmailAdapter } from '../email/email.adapter';
import { createOpen311Adapter } from '../open311/open311.adapter';
import { createWidgetAdapter } from '../widget/widget.adapter';
import { createMonitoringAdapter } from '../monitoring/monitoring.adapter';

// The list of channel adapter factories. A factory returns null when its channel is not configured
// (no bot token, no mailbox): the platform runs without it, and answers to that channel wait for export.
export const CHANNEL_ADAPTER_FACTORIES: readonly ChannelAdapterFactory[] = [
  createEmailAdapter,
  createTelegramAdapter,
  createVkAdapter,
  createOpen311Adapter,
  createWidgetAdapter,
  createMonitoringAdapter,
];

export function createChannelAdapters(services: Services): ChannelAdapter[] {
  return CHANNEL_ADAPTER_FACTORIES.map((factory) => factory(services)).filter((a): a is ChannelAdapter => a !== null);
}

export function adapterForChannel(adapters: readonly ChannelAdapter[], channel: string): ChannelAdapter | undefined {
  return adapters.find((a) => a.send && (a.channels as readonly string[]).includes(channel));
}
