// Deadline computation for a case: first response and final answer, the one-time extension of the
// final answer (59-ФЗ ст. 12 ч. 2), the restarted clock after reopening, and the traffic-light state.
import type { DeadlineDuration, DeadlinePolicy } from './deadline-policy';
import { MS_PER_DAY, instantMs, toMoscowIsoDate } from './moscow-time';
import type { ProductionCalendar } from './production-calendar';

export interface CaseDeadlines {
  firstResponseDueAt: Date;
  finalAnswerDueAt: Date;
}

/** Adds a policy duration to an instant; see ProductionCalendar for the exact semantics of each unit. */
export function addDuration(instant: Date, duration: DeadlineDuration, calendar: ProductionCalendar): Date {
  switch (duration.unit) {
    case 'working_hours':
      return calendar.addWorkingHours(instant, duration.amount);
    case 'working_days':
      return calendar.addWorkingDays(instant, duration.amount);
    case 'calendar_days':
      return calendar.addCalendarDays(instant, duration.amount);
    default:
      throw new RangeError(`Unknown duration unit: ${String((duration as { unit: unknown }).unit)}`);
  }
}

/** Both clocks start at the moment the message was received (registered). */
export function computeDeadlines(createdAt: Date, policy: DeadlinePolicy, calendar: ProductionCalendar): CaseDeadlines {
  return {
    firstResponseDueAt: addDuration(createdAt, policy.firstResponse, calendar),
    finalAnswerDueAt: addDuration(createdAt, policy.finalAnswer, calendar),
  };
}

export interface FinalClock {
  startedAt: Date;
  finalAnswerDueAt: Date;
}

/**
 * A case reopened after a negative rating gets a new final-answer clock that starts at the
 * reopening, with the full final-answer term of its policy (previous extensions do not carry over).
 */
export function restartFinalClock(reopenedAt: Date, policy: DeadlinePolicy, calendar: ProductionCalendar): FinalClock {
  return {
    startedAt: new Date(instantMs(reopenedAt)),
    finalAnswerDueAt: addDuration(reopenedAt, policy.finalAnswer, calendar),
  };
}

/** 59-ФЗ ст. 12 ч. 2: the term may be extended once, by no more than 30 days. */
export const MAX_EXTENSION_DAYS = 30;
export const MAX_EXTENSIONS = 1;

export interface ExtendFinalDeadlineInput {
  dueAt: Date;
  extensionsUsed: number;
  /** Whole calendar days, 1..30. */
  days: number;
  reason: string;
  /**
   * When given, a new due date falling on a non-working day moves to the end of the next working
   * day's window (ГК РФ ст. 193); otherwise the time of day of the current due date is kept.
   */
  calendar?: ProductionCalendar;
}

export type ExtensionErrorCode = 'already_extended' | 'too_long' | 'reason_required' | 'invalid_days';

export type ExtendFinalDeadlineResult =
  { ok: true; dueAt: Date } | { ok: false; code: ExtensionErrorCode; message: string };

const fail = (code: ExtensionErrorCode, message: string): ExtendFinalDeadlineResult => ({ ok: false, code, message });

/**
 * Extends the final-answer deadline by `days` calendar days counted from the current due date.
 * Checks, in this order: already extended, reason present, days a whole number ≥ 1, days ≤ 30.
 */
export function extendFinalDeadline(input: ExtendFinalDeadlineInput): ExtendFinalDeadlineResult {
  const { dueAt, extensionsUsed, days, reason, calendar } = input;
  if (extensionsUsed >= MAX_EXTENSIONS) {
    return fail(
      'already_extended',
      'Срок рассмотрения уже продлевался; повторное продление не допускается (59-ФЗ, ст. 12 ч. 2).',
    );
  }
  if (reason.trim() === '') {
    return fail('reason_required', 'Укажите причину продления срока рассмотрения.');
  }
  if (!Number.isInteger(days) || days < 1) {
    return fail('invalid_days', 'Срок продления должен быть целым числом дней не меньше 1.');
  }
  if (days > MAX_EXTENSION_DAYS) {
    return fail(
      'too_long',
      `Срок рассмотрения можно продлить не более чем на ${MAX_EXTENSION_DAYS} дней (59-ФЗ, ст. 12 ч. 2).`,
    );
  }
  const shifted = new Date(instantMs(dueAt) + days * MS_PER_DAY);
  if (!calendar || calendar.isWorkingDay(toMoscowIsoDate(shifted))) return { ok: true, dueAt: shifted };
  return { ok: true, dueAt: calendar.addCalendarDays(shifted, 0) };
}

export type DeadlineState = 'on_time' | 'at_risk' | 'overdue' | 'met' | 'missed';

/** Share of the total span below which a running clock is `at_risk`. */
export const AT_RISK_REMAINING_SHARE = 0.25;

/**
 * - stopped clock (answer given): `met` if stoppedAt ≤ dueAt, else `missed` (`now` is ignored);
 * - running clock: `overdue` if now > dueAt; `at_risk` if the remaining time is strictly less than
 *   25% of the span startedAt→dueAt (so exactly at dueAt it is `at_risk`); otherwise `on_time`.
 *   A zero or negative span is never `at_risk`.
 */
export function deadlineState(now: Date, startedAt: Date, dueAt: Date, stoppedAt?: Date | null): DeadlineState {
  const due = instantMs(dueAt);
  if (stoppedAt) return instantMs(stoppedAt) <= due ? 'met' : 'missed';
  const nowMs = instantMs(now);
  if (nowMs > due) return 'overdue';
  const total = due - instantMs(startedAt);
  const remaining = due - nowMs;
  return total > 0 && remaining < total * AT_RISK_REMAINING_SHARE ? 'at_risk' : 'on_time';
}
