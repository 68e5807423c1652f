import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import type { Services } from '../lib/context';
import { backoffMs, nextRetryDelayMs } from './outbox';

describe('delivery retry schedule', () => {
  it('holds for more than a day by default, and follows a configured schedule to its end', () => {
    const byDefault = loadConfig({});
    expect(byDefault.delivery.retryScheduleMs.reduce((a, b) => a + b, 0)).toBeGreaterThan(24 * 3_600_000);
    const config = loadConfig({ OTKLIK_DELIVERY_RETRY_SCHEDULE: '30s, 2m,1.5h,1d' });
    expect(config.delivery.retryScheduleMs).toEqual([30_000, 120_000, 5_400_000, 86_400_000]);
    const services = { config } as Services;
    const delivery = { maxAttempts: 'delivery' as const };
    expect([1, 2, 3, 4, 5].map((n) => nextRetryDelayMs(delivery, n, services))).toEqual([
      30_000,
      120_000,
      5_400_000,
      86_400_000,
      null,
    ]);
    expect(nextRetryDelayMs({ maxAttempts: 3 }, 2, services)).toBe(backoffMs(2));
    expect(nextRetryDelayMs({ maxAttempts: 3 }, 3, services)).toBeNull();
  });

  it('refuses a schedule it cannot read', () => {
    for (const bad of ['5', '1m,,x', '0s', '-1h', '1w']) {
      expect(() => loadConfig({ OTKLIK_DELIVERY_RETRY_SCHEDULE: bad }), bad).toThrow(ConfigError);
    }
  });
});
