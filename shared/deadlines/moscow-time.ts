// Calendar-date arithmetic in Moscow time, without any time-zone database.
//
// Europe/Moscow has been a fixed UTC+03:00 since 26 October 2014 (Federal Law No. 248-FZ of
// 21.07.2014 abolished seasonal clock changes), so every conversion here is a constant shift.
// Instants before 2014-10-26 are therefore interpreted as UTC+03:00 as well, which is what the
// deadline domain wants: deadlines are computed for current cases only.
//
// Dates are handled as "day numbers" (whole days since 1970-01-01) so that stepping a day is `+ 1`.

export const MOSCOW_UTC_OFFSET_MINUTES = 180;

const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
const OFFSET_MS = MOSCOW_UTC_OFFSET_MINUTES * MS_PER_MINUTE;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number (days since 1970-01-01) of a `YYYY-MM-DD` string; throws RangeError when invalid. */
export function dayNumberOf(isoDate: string): number {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`Invalid ISO date: "${isoDate}" (expected YYYY-MM-DD)`);
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`Invalid ISO date: "${isoDate}" (no such calendar day)`);
  }
  return Math.round(ms / MS_PER_DAY);
}

/** `YYYY-MM-DD` of a day number. */
export function isoDateOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Calendar year of a day number. */
export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** Day of week of a day number: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCDay();
}

/** Instants the calendar works with: 1900-01-01 … 2199-12-31 UTC. Anything else is refused, never looped over. */
export const SUPPORTED_INSTANT_MS = { min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) - 1 } as const;

function assertValidInstant(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  if (ms < SUPPORTED_INSTANT_MS.min || ms > SUPPORTED_INSTANT_MS.max) {
    throw new RangeError(`Date ${instant.toISOString()} is outside the supported range 1900–2199`);
  }
  return ms;
}

/** Moscow calendar day (day number) that contains the instant. */
export function moscowDayOf(instant: Date): number {
  return Math.floor((assertValidInstant(instant) + OFFSET_MS) / MS_PER_DAY);
}

/** Moscow calendar date (`YYYY-MM-DD`) that contains the instant. */
export function toMoscowIsoDate(instant: Date): string {
  return isoDateOf(moscowDayOf(instant));
}

/** Epoch milliseconds of `minutes` after Moscow midnight of the given day number. */
/** The Moscow calendar date of an instant as ДД.ММ.ГГГГ (what citizens and staff read). */
export function toMoscowRuDate(instant: Date): string {
  const [y, m, d] = toMoscowIsoDate(instant).split('-');
  return `${d}.${m}.${y}`;
}

export function moscowMs(day: number, minutes: number): number {
  return day * MS_PER_DAY + minutes * MS_PER_MINUTE - OFFSET_MS;
}

/** The instant `minutes` after Moscow midnight of a `YYYY-MM-DD` date. */
export function moscowInstant(isoDate: string, minutes = 0): Date {
  return new Date(moscowMs(dayNumberOf(isoDate), minutes));
}

/** Epoch milliseconds of a valid Date; throws RangeError on an Invalid Date. */
export function instantMs(instant: Date): number {
  return assertValidInstant(instant);
}
