import { describe, expect, it } from 'vitest';
import { createProductionCalendar } from './production-calendar';

// Expected values are worked out by hand from shared/reference/production-calendar.json.
// All instants are written in Moscow time (UTC+03:00).
const msk = (local: string): Date => new Date(`${local}:00+03:00`);
const calendar = createProductionCalendar();

describe('isWorkingDay', () => {
  it.each([
    ['2024-04-26', true, 'ordinary Friday'],
    ['2024-04-27', true, 'working Saturday (transfer)'],
    ['2024-04-28', false, 'Sunday'],
    ['2024-04-29', false, 'transferred day off (Mon)'],
    ['2024-04-30', false, 'transferred day off (Tue)'],
    ['2024-05-01', false, 'Spring and Labour Day'],
    ['2024-05-02', true, 'first working day after May 1'],
    ['2024-11-02', true, 'working Saturday'],
    ['2024-12-28', true, 'working Saturday before New Year'],
    ['2024-12-30', false, 'transferred day off'],
    ['2025-01-08', false, 'New Year holidays'],
    ['2025-01-09', true, 'first working day of 2025'],
    ['2025-11-01', true, 'working Saturday 2025'],
    ['2025-12-31', false, 'New Year Eve 2025 off'],
    ['2026-01-09', false, 'New Year holidays 2026 (transfer)'],
    ['2026-01-12', true, 'first working day of 2026'],
    ['2027-02-20', true, 'working Saturday 2027'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(calendar.isWorkingDay(date)).toBe(expected);
  });

  it.each([
    ['2019-11-04', false, 'Unity Day (fixed holiday)'],
    ['2019-11-05', true, 'ordinary Tuesday'],
    ['2030-01-08', false, 'fixed New Year holiday'],
    ['2030-01-09', true, 'ordinary Wednesday'],
    ['2030-06-12', false, 'Russia Day'],
    ['2030-06-15', false, 'Saturday'],
    ['2031-03-07', true, 'Friday before 8 March: no shortening or transfers in fallback'],
  ])('fallback outside covered years: %s → %s (%s)', (date, expected) => {
    expect(calendar.isWorkingDay(date)).toBe(expected);
  });

  it('rejects malformed or impossible dates', () => {
    expect(() => calendar.isWorkingDay('2024-02-30')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('24-02-01')).toThrow(RangeError);
  });
});

describe('covers', () => {
  it.each([
    [2019, false],
    [2020, true],
    [2024, true],
    [2027, true],
    [2028, false],
  ])('%i → %s', (year, expected) => {
    expect(calendar.covers(year)).toBe(expected);
  });
});

describe('isShortened and workingWindow', () => {
  it.each([
    ['2024-02-22', true, { startMinutes: 540, endMinutes: 1020 }],
    ['2024-02-21', false, { startMinutes: 540, endMinutes: 1080 }],
    ['2024-02-23', false, null],
    ['2024-04-27', false, { startMinutes: 540, endMinutes: 1080 }],
    ['2024-11-02', true, { startMinutes: 540, endMinutes: 1020 }],
    ['2025-12-30', false, { startMinutes: 540, endMinutes: 1080 }],
    ['2030-12-31', false, { startMinutes: 540, endMinutes: 1080 }],
  ])('%s: shortened=%s, window=%j', (date, shortened, window) => {
    expect(calendar.isShortened(date)).toBe(shortened);
    expect(calendar.workingWindow(date)).toEqual(window);
  });

  it('honours configured working hours (shortened day ends an hour earlier)', () => {
    const cal = createProductionCalendar(undefined, { workingHours: { start: '08:00', end: '17:00' } });
    expect(cal.workingWindow('2024-02-22')).toEqual({ startMinutes: 480, endMinutes: 960 });
    expect(cal.workingWindow('2024-02-21')).toEqual({ startMinutes: 480, endMinutes: 1020 });
    expect(cal.addWorkingDays(msk('2024-02-21T10:00'), 1)).toEqual(msk('2024-02-22T16:00'));
  });

  it('rejects inverted working hours', () => {
    expect(() => createProductionCalendar(undefined, { workingHours: { start: '18:00', end: '09:00' } })).toThrow(
      RangeError,
    );
    expect(() => createProductionCalendar(undefined, { workingHours: { start: '9:00', end: '18:00' } })).toThrow(
      RangeError,
    );
  });
});

describe('custom calendar data', () => {
  const custom = createProductionCalendar({
    years: {
      '2024': { nonWorkingWeekdays: ['2024-03-13'], workingWeekends: ['2024-03-16'], shortened: ['2024-03-12'] },
    },
  });
  it.each([
    ['2024-03-13', false],
    ['2024-03-16', true],
    ['2024-01-03', true],
    ['2025-01-03', false],
  ])('%s → %s', (date, expected) => {
    expect(custom.isWorkingDay(date)).toBe(expected);
  });
  it('covers only its own years', () => {
    expect(custom.covers(2024)).toBe(true);
    expect(custom.covers(2025)).toBe(false);
  });
});

describe('addWorkingDays (day of receipt does not count; ends at the end of the working window)', () => {
  it.each([
    ['New Year: 30 Dec 2025, 1 day → first working day 12 Jan 2026', '2025-12-30T10:00', 1, '2026-01-12T18:00'],
    ['Friday before working Saturday', '2024-04-26T15:00', 1, '2024-04-27T18:00'],
    ['across transferred days off and May 1', '2024-04-26T15:00', 2, '2024-05-02T18:00'],
    ['lands on shortened pre-holiday day', '2024-02-21T12:00', 1, '2024-02-22T17:00'],
    ['from shortened day over 23 Feb and weekend', '2024-02-22T12:00', 1, '2024-02-26T18:00'],
    ['received on Saturday', '2025-03-15T11:00', 1, '2025-03-17T18:00'],
    ['late evening stays on its Moscow date', '2024-03-06T23:30', 1, '2024-03-07T17:00'],
    ['8 days across May holidays 2025 from Tue 29 Apr', '2025-04-29T10:00', 8, '2025-05-15T18:00'],
    ['8 days across May holidays 2025 from Wed 30 Apr', '2025-04-30T16:00', 8, '2025-05-16T18:00'],
    ['from covered 2027 into fallback 2028', '2027-12-30T10:00', 1, '2028-01-10T18:00'],
    ['fallback year: over fixed New Year holidays', '2029-12-31T10:00', 1, '2030-01-09T18:00'],
    ['0 days on a working day: end of that day', '2024-02-22T10:00', 0, '2024-02-22T17:00'],
    ['0 days after hours: end of next working day', '2024-02-22T19:00', 0, '2024-02-26T18:00'],
    ['0 days on a weekend: end of next working day', '2024-02-24T10:00', 0, '2024-02-26T18:00'],
  ])('%s', (_label, start, n, due) => {
    expect(calendar.addWorkingDays(msk(start), n)).toEqual(msk(due));
  });

  it('uses the Moscow date, not the UTC date', () => {
    // 22:30Z on 6 March is 01:30 on Thursday 7 March in Moscow; 8 March is a holiday.
    expect(calendar.addWorkingDays(new Date('2024-03-06T22:30:00Z'), 1)).toEqual(msk('2024-03-11T18:00'));
  });

  it('rejects negative or fractional counts', () => {
    expect(() => calendar.addWorkingDays(msk('2024-03-06T10:00'), -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(msk('2024-03-06T10:00'), 1.5)).toThrow(RangeError);
  });
});

describe('addWorkingHours (only time inside working windows counts)', () => {
  it.each([
    ['across a weekend', '2025-03-14T16:00', 8, '2025-03-17T15:00'],
    ['starting at night: counts from next morning', '2025-03-12T20:00', 8, '2025-03-13T17:00'],
    ['starting before the window opens', '2025-03-12T07:00', 1.5, '2025-03-12T10:30'],
    ['exactly filling a day ends at 18:00, not next morning', '2025-03-12T09:00', 9, '2025-03-12T18:00'],
    ['shortened day, holiday and weekend', '2024-02-22T15:00', 3, '2024-02-26T10:00'],
    ['into a working Saturday', '2024-04-26T17:00', 8, '2024-04-27T16:00'],
    ['over New Year 2024/2025 from working Saturday', '2024-12-28T14:00', 8, '2025-01-09T13:00'],
    ['fractional hours across the night', '2025-03-12T17:45', 0.5, '2025-03-13T09:15'],
    ['starting on a holiday', '2024-05-09T12:00', 2, '2024-05-13T11:00'],
    ['zero hours: the instant itself', '2025-03-15T03:00', 0, '2025-03-15T03:00'],
  ])('%s', (_label, start, hours, due) => {
    expect(calendar.addWorkingHours(msk(start), hours)).toEqual(msk(due));
  });

  it('rejects negative hours', () => {
    expect(() => calendar.addWorkingHours(msk('2025-03-12T10:00'), -1)).toThrow(RangeError);
  });
});

describe('addCalendarDays (59-ФЗ; ГК РФ ст. 193 moves a non-working last day forward)', () => {
  it.each([
    ['3 days landing on transferred days off and May 1', '2024-04-26T10:00', 3, '2024-05-02T18:00'],
    ['30 days landing on 1 Jan 2025', '2024-12-02T10:00', 30, '2025-01-09T18:00'],
    ['landing on Saturday', '2025-03-12T10:00', 3, '2025-03-17T18:00'],
    ['landing on a working Saturday', '2024-04-24T10:00', 3, '2024-04-27T18:00'],
    ['landing on a shortened day', '2024-02-19T10:00', 3, '2024-02-22T17:00'],
    ['landing on an ordinary working day', '2025-03-12T10:00', 30, '2025-04-11T18:00'],
    ['23:00 Moscow counts from that Moscow date', '2025-03-11T23:00', 3, '2025-03-14T18:00'],
    ['01:00 Moscow (previous UTC date) counts from the Moscow date', '2025-03-12T01:00', 3, '2025-03-17T18:00'],
    ['fallback year landing on Russia Day 2030', '2030-06-09T10:00', 3, '2030-06-13T18:00'],
  ])('%s', (_label, start, n, due) => {
    expect(calendar.addCalendarDays(msk(start), n)).toEqual(msk(due));
  });
});

describe('workingHoursBetween', () => {
  it.each([
    ['Fri 16:00 → Mon 15:00', '2025-03-14T16:00', '2025-03-17T15:00', 8],
    ['inside one day', '2025-03-12T10:00', '2025-03-12T12:30', 2.5],
    ['whole shortened day', '2024-02-22T00:00', '2024-02-23T00:00', 8],
    ['working Saturday and transferred days off', '2024-04-26T00:00', '2024-05-03T00:00', 27],
    ['fallback week with Russia Day', '2030-06-10T00:00', '2030-06-17T00:00', 36],
    ['same instant', '2025-03-12T10:00', '2025-03-12T10:00', 0],
    ['reversed order is negative', '2025-03-12T12:30', '2025-03-12T10:00', -2.5],
  ])('%s → %s h', (_label, a, b, hours) => {
    expect(calendar.workingHoursBetween(msk(a), msk(b))).toBeCloseTo(hours, 9);
  });

  it('is consistent with addWorkingHours', () => {
    const start = msk('2024-12-27T11:20');
    expect(calendar.workingHoursBetween(start, calendar.addWorkingHours(start, 13.75))).toBeCloseTo(13.75, 9);
  });
});

describe('bounded work', () => {
  const calendar = createProductionCalendar();
  it('refuses instants past the supported range instead of looping for ever', () => {
    const far = new Date(8.64e15);
    expect(() => calendar.addWorkingDays(far, 5)).toThrow(RangeError);
    expect(() => calendar.addWorkingHours(far, 8)).toThrow(RangeError);
    expect(() => calendar.addCalendarDays(far, 30)).toThrow(RangeError);
    expect(() => calendar.workingHoursBetween(new Date('2026-01-01T00:00:00Z'), far)).toThrow(RangeError);
  });
  it('refuses terms longer than a hundred years', () => {
    const at = new Date('2026-03-02T10:00:00+03:00');
    expect(() => calendar.addWorkingDays(at, 1e9)).toThrow(RangeError);
    expect(() => calendar.addWorkingHours(at, 1e12)).toThrow(RangeError);
    expect(calendar.addWorkingDays(at, 30).getTime()).toBeGreaterThan(at.getTime());
  });
});
