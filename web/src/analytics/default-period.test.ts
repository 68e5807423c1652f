import { describe, expect, it } from 'vitest';
import { lastFullMonth } from './default-period';

describe('the analytics pages open on the last full month', () => {
  it.each([
    ['2026-12-02', '2026-11-01', '2026-11-30'],
    ['2026-12-31', '2026-11-01', '2026-11-30'],
    ['2026-01-01', '2025-12-01', '2025-12-31'],
    ['2024-03-15', '2024-02-01', '2024-02-29'],
    ['2025-03-01', '2025-02-01', '2025-02-28'],
  ])('on %s: %s — %s', (today, from, to) => {
    expect(lastFullMonth(today)).toEqual({ from, to });
  });
});
