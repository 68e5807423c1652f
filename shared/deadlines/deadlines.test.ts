import { describe, expect, it } from 'vitest';
import type { DeadlineDuration, DeadlinePolicy } from './deadline-policy';
import { addDuration, computeDeadlines, deadlineState, extendFinalDeadline, restartFinalClock } from './deadlines';
import type { DeadlineState } from './deadlines';
import { createProductionCalendar } from './production-calendar';

// Expected values are worked out by hand from shared/reference/production-calendar.json (Moscow time).
const msk = (local: string): Date => new Date(`${local}:00+03:00`);
const calendar = createProductionCalendar();

const SOCIAL: DeadlinePolicy = {
  firstResponse: { amount: 8, unit: 'working_hours' },
  finalAnswer: { amount: 1, unit: 'working_days' },
};
const PORTAL: DeadlinePolicy = {
  firstResponse: { amount: 1, unit: 'working_days' },
  finalAnswer: { amount: 8, unit: 'working_days' },
};
const LETTER: DeadlinePolicy = {
  firstResponse: { amount: 3, unit: 'calendar_days' },
  finalAnswer: { amount: 30, unit: 'calendar_days' },
};
const POS: DeadlinePolicy = {
  firstResponse: { amount: 1, unit: 'working_days' },
  finalAnswer: { amount: 30, unit: 'calendar_days' },
};

describe('addDuration', () => {
  it.each<[string, DeadlineDuration, string]>([
    ['working hours', { amount: 8, unit: 'working_hours' }, '2025-03-17T15:00'],
    ['working days', { amount: 1, unit: 'working_days' }, '2025-03-17T18:00'],
    ['calendar days', { amount: 2, unit: 'calendar_days' }, '2025-03-17T18:00'],
  ])('%s from Fri 2025-03-14 16:00', (_label, duration, due) => {
    expect(addDuration(msk('2025-03-14T16:00'), duration, calendar)).toEqual(msk(due));
  });
});

describe('computeDeadlines', () => {
  it.each<[string, DeadlinePolicy, string, string, string]>([
    [
      'social: Friday evening into the working Saturday',
      SOCIAL,
      '2024-12-27T17:00',
      '2024-12-28T16:00',
      '2024-12-28T18:00',
    ],
    [
      'portal: shortened 30 Apr then May holidays 2025',
      PORTAL,
      '2025-04-29T10:00',
      '2025-04-30T17:00',
      '2025-05-15T18:00',
    ],
    ['portal: received Friday night', PORTAL, '2025-03-14T21:00', '2025-03-17T18:00', '2025-03-26T18:00'],
    [
      'letter: 3 and 30 calendar days landing on days off',
      LETTER,
      '2024-04-26T10:00',
      '2024-05-02T18:00',
      '2024-05-27T18:00',
    ],
    ['ПОС: New Year 2026', POS, '2025-12-30T10:00', '2026-01-12T18:00', '2026-01-29T18:00'],
  ])('%s', (_label, policy, createdAt, first, final) => {
    expect(computeDeadlines(msk(createdAt), policy, calendar)).toEqual({
      firstResponseDueAt: msk(first),
      finalAnswerDueAt: msk(final),
    });
  });
});

describe('restartFinalClock', () => {
  it.each<[DeadlinePolicy, string, string]>([
    [PORTAL, '2025-04-29T10:00', '2025-05-15T18:00'],
    [LETTER, '2025-03-12T10:00', '2025-04-11T18:00'],
  ])('starts a full final-answer term at the reopening (%#)', (policy, reopenedAt, due) => {
    expect(restartFinalClock(msk(reopenedAt), policy, calendar)).toEqual({
      startedAt: msk(reopenedAt),
      finalAnswerDueAt: msk(due),
    });
  });
});

describe('extendFinalDeadline (59-ФЗ ст. 12 ч. 2)', () => {
  const dueAt = msk('2025-05-15T18:00');

  it.each([
    [30, '2025-06-14T18:00'],
    [1, '2025-05-16T18:00'],
  ])('adds %i calendar days to the current due date', (days, expected) => {
    expect(
      extendFinalDeadline({ dueAt, extensionsUsed: 0, days, reason: 'Запрос в ресурсоснабжающую организацию' }),
    ).toEqual({ ok: true, dueAt: msk(expected) });
  });

  it.each([
    ['Saturday → Monday', '2025-05-15T18:00', 30, '2025-06-16T18:00'],
    ['May holidays → Monday 12 May', '2025-05-07T18:00', 1, '2025-05-12T18:00'],
    ['working day keeps the time', '2025-05-15T18:00', 1, '2025-05-16T18:00'],
  ])('with a calendar, a non-working new date moves forward: %s', (_label, due, days, expected) => {
    expect(
      extendFinalDeadline({ dueAt: msk(due), extensionsUsed: 0, days, reason: 'Выезд на место', calendar }),
    ).toEqual({ ok: true, dueAt: msk(expected) });
  });

  it.each([
    ['second extension', 1, 10, 'причина', 'already_extended'],
    ['already extended wins over other errors', 2, 31, ' ', 'already_extended'],
    ['31 days', 0, 31, 'причина', 'too_long'],
    ['blank reason', 0, 10, '   ', 'reason_required'],
    ['empty reason', 0, 10, '', 'reason_required'],
    ['zero days', 0, 0, 'причина', 'invalid_days'],
    ['fractional days', 0, 2.5, 'причина', 'invalid_days'],
  ])('refuses: %s', (_label, extensionsUsed, days, reason, code) => {
    const result = extendFinalDeadline({ dueAt, extensionsUsed, days, reason });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    expect(result.message).toMatch(/[а-яё]/i);
  });
});

describe('deadlineState', () => {
  // Span of exactly 100 hours: at_risk when less than 25 hours remain.
  const start = new Date('2025-03-10T00:00:00Z');
  const due = new Date('2025-03-14T04:00:00Z');
  const at = (iso: string): Date => new Date(iso);

  it.each<[string, Date, DeadlineState]>([
    ['before the clock started', at('2025-03-09T00:00:00Z'), 'on_time'],
    ['at the start', start, 'on_time'],
    ['exactly 25% remaining', at('2025-03-13T03:00:00Z'), 'on_time'],
    ['1 ms under 25% remaining', at('2025-03-13T03:00:00.001Z'), 'at_risk'],
    ['exactly at due', due, 'at_risk'],
    ['1 ms after due', at('2025-03-14T04:00:00.001Z'), 'overdue'],
  ])('running clock: %s → %s', (_label, now, expected) => {
    expect(deadlineState(now, start, due)).toBe(expected);
    expect(deadlineState(now, start, due, null)).toBe(expected);
  });

  it.each<[string, Date, DeadlineState]>([
    ['answered early, looked at after due', at('2025-03-12T00:00:00Z'), 'met'],
    ['answered exactly at due', due, 'met'],
    ['answered 1 ms late', at('2025-03-14T04:00:00.001Z'), 'missed'],
  ])('stopped clock: %s → %s', (_label, stoppedAt, expected) => {
    expect(deadlineState(at('2025-03-20T00:00:00Z'), start, due, stoppedAt)).toBe(expected);
  });

  it('a zero-length span is on time until due and overdue after', () => {
    expect(deadlineState(due, due, due)).toBe('on_time');
    expect(deadlineState(at('2025-03-14T04:00:01Z'), due, due)).toBe('overdue');
  });
});
