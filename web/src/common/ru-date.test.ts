import { describe, expect, it } from 'vitest';
import { parseRuDate, RU_DATE_ERROR, ruDateError } from './ru-date';

describe('parseRuDate', () => {
  it('reads ДД.ММ.ГГГГ (and the usual separators) into ГГГГ-ММ-ДД', () => {
    expect(parseRuDate('01.03.2025')).toBe('2025-03-01');
    expect(parseRuDate(' 1.3.2025 ')).toBe('2025-03-01');
    expect(parseRuDate('29/02/2024')).toBe('2024-02-29');
    expect(parseRuDate('31-12-2026')).toBe('2026-12-31');
  });

  it('refuses what is not a real day, and the month-first order', () => {
    for (const bad of ['31.02.2025', '29.02.2025', '12/31/2026', '2025-03-01', '1.3.25', '', '00.01.2025', 'завтра']) {
      expect(parseRuDate(bad), bad).toBeNull();
    }
  });
});

describe('ruDateError', () => {
  it('tells a day missing from the calendar from a date not written as ДД.ММ.ГГГГ', () => {
    expect(ruDateError('31.02.2026')).toBe('Такой даты нет в календаре: 31.02.2026');
    expect(ruDateError('2026-02-01')).toBe(RU_DATE_ERROR);
  });
});
