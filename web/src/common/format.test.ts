import { describe, expect, it } from 'vitest';
import { countdown, formatDateTime, moscowIsoDate, plural } from './format';

describe('formatting', () => {
  it('shows Moscow time as DD.MM.YYYY HH:mm', () => {
    expect(formatDateTime('2025-03-01T21:05:00Z')).toBe('02.03.2025 00:05');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
    expect(moscowIsoDate(new Date('2025-03-01T21:05:00Z'))).toBe('2025-03-02');
  });
  it('pluralises in Russian', () => {
    expect([1, 2, 5, 11, 21, 22, 112].map((n) => plural(n, ['обращение', 'обращения', 'обращений']))).toEqual([
      'обращение',
      'обращения',
      'обращений',
      'обращений',
      'обращение',
      'обращения',
      'обращений',
    ]);
  });
  it('counts down and up', () => {
    const now = new Date('2025-03-01T10:00:00Z');
    expect(countdown('2025-03-03T13:00:00Z', now)).toEqual({ text: 'осталось 2 д 3 ч', overdue: false });
    expect(countdown('2025-03-01T09:45:00Z', now)).toEqual({ text: 'просрочено на 15 мин', overdue: true });
    // a list's one line: the largest unit only
    expect(countdown('2025-03-03T13:00:00Z', now, true)).toEqual({ text: 'осталось 2 д', overdue: false });
    expect(countdown('2025-02-20T07:00:00Z', now, true).text).toBe('просрочено 9 д');
    expect(countdown('2025-03-01T09:45:00Z', now, true).text).toBe('просрочено 15 мин');
  });
});
