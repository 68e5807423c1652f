import { dayNumberOf, isoDateOf, moscowInstant, toMoscowIsoDate } from '../../shared/deadlines/moscow-time';

/**
 * The next run of a daily job at a Moscow time of day: today's when it has not passed yet, otherwise tomorrow's.
 * `date` (ГГГГ-ММ-ДД) goes into the job's idempotency key, so scheduling the same day twice makes one job.
 */
export function nextDailyRun(now: Date, minutesOfDay: number): { date: string; at: Date } {
  const today = toMoscowIsoDate(now);
  const at = moscowInstant(today, minutesOfDay);
  if (at.getTime() > now.getTime()) return { date: today, at };
  const tomorrow = isoDateOf(dayNumberOf(today) + 1);
  return { date: tomorrow, at: moscowInstant(tomorrow, minutesOfDay) };
}
