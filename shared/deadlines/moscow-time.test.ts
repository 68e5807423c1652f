import { describe, expect, it } from 'vitest';
import { moscowInstant, toMoscowIsoDate } from './moscow-time';

describe('Moscow time (fixed UTC+03:00)', () => {
  it.each([
    ['2024-03-06T20:59:59.999Z', '2024-03-06'],
    ['2024-03-06T21:00:00.000Z', '2024-03-07'],
    ['2024-12-31T21:00:00.000Z', '2025-01-01'],
    ['2014-07-01T12:00:00.000Z', '2014-07-01'],
  ])('%s is on %s in Moscow', (utc, date) => {
    expect(toMoscowIsoDate(new Date(utc))).toBe(date);
  });

  it.each([
    ['2025-01-01', 0, '2024-12-31T21:00:00.000Z'],
    ['2024-02-22', 1020, '2024-02-22T14:00:00.000Z'],
  ])('%s + %i min is %s', (date, minutes, utc) => {
    expect(moscowInstant(date, minutes).toISOString()).toBe(utc);
  });

  it('rejects an Invalid Date', () => {
    expect(() => toMoscowIsoDate(new Date('nope'))).toThrow(RangeError);
  });
});
