import { describe, expect, it } from 'vitest';
import { describePeriod, readPeriod } from './period';

describe('dashboard period', () => {
  const now = new Date('2026-11-26T22:30:00Z'); // 27.11.2026 01:30 in Moscow
  it('counts the last N Moscow days including today', () => {
    expect(readPeriod(new URLSearchParams('period=7'), now)).toEqual({
      choice: '7',
      period: { from: '2026-11-21', to: '2026-11-27' },
    });
    expect(readPeriod(new URLSearchParams(''), now).choice).toBe('30');
    expect(readPeriod(new URLSearchParams('period=all'), now)).toEqual({ choice: 'all', period: {} });
  });
  it('takes an explicit range from the address', () => {
    expect(readPeriod(new URLSearchParams('from=2026-01-01&to=bad'), now)).toEqual({
      choice: 'custom',
      period: { from: '2026-01-01', to: undefined },
    });
    expect(describePeriod({ from: '2026-01-01', to: '2026-01-31' })).toBe('с 01.01.2026 по 31.01.2026');
  });
});
