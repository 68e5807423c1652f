import { AppError } from '../../lib/errors';
import type { Services } from '../../lib/context';
import type { ChannelAdapter } from './channel-adapter';

/** The adapter of that name, or a clear error when its channel is not configured. */
export function requireAdapter<T extends ChannelAdapter>(services: Services, name: string, notConfigured: string): T {
  const adapter = services.channels.find((a) => a.name === name);
  if (!adapter) throw new AppError('unavailable', notConfigured);
  return adapter as T;
}
