// Moscow-time helpers for the demo generator (UTC+3 all year). Organisations act in working hours on weekdays;
// citizens write at any hour, mostly in the daytime and evening.
import type { Rng } from './prng';
import type { Season } from './demo-template-types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MSK_OFFSET = 3 * HOUR;

export interface MoscowParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  weekday: number;
}

export function moscowParts(d: Date): MoscowParts {
  const m = new Date(d.getTime() + MSK_OFFSET);
  return {
    year: m.getUTCFullYear(),
    month: m.getUTCMonth() + 1,
    day: m.getUTCDate(),
    hour: m.getUTCHours(),
    weekday: m.getUTCDay(),
  };
}

export function addHours(d: Date, hours: number): Date {
  return new Date(d.getTime() + hours * HOUR);
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY);
}

/** Midnight (Moscow) of the day d falls on, plus the given hour and minute. */
function moscowDayAt(d: Date, hour: number, minute: number): Date {
  const p = moscowParts(d);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, hour, minute) - MSK_OFFSET);
}

/** The same moment if it falls in working hours (Mon–Fri 9:00–18:00 Moscow), else the next working morning. */
export function toWorkingTime(d: Date, rng: Rng): Date {
  let t = d;
  for (let i = 0; i < 10; i += 1) {
    const p = moscowParts(t);
    const weekend = p.weekday === 0 || p.weekday === 6;
    if (!weekend && p.hour >= 9 && p.hour < 18) return t;
    const nextDay = p.hour >= 9 || weekend ? addDays(t, 1) : t;
    t = moscowDayAt(nextDay, 9, rng.int(0, 150));
  }
  return t;
}

const CITIZEN_HOURS: readonly (readonly [number, number])[] = [
  [0, 1],
  [1, 0.5],
  [6, 1],
  [7, 3],
  [8, 5],
  [9, 7],
  [10, 8],
  [11, 8],
  [12, 7],
  [13, 7],
  [14, 7],
  [15, 7],
  [16, 7],
  [17, 7],
  [18, 7],
  [19, 8],
  [20, 8],
  [21, 7],
  [22, 5],
  [23, 3],
];

/** A moment a citizen might write on the day `daysAgo` days before `now`. */
export function citizenTime(now: Date, daysAgo: number, rng: Rng): Date {
  const day = addDays(now, -daysAgo);
  return moscowDayAt(day, rng.weighted(CITIZEN_HOURS), rng.int(0, 59));
}

/** A moment a citizen answers back (ratings): not at night. */
export function citizenReplyTime(d: Date, rng: Rng): Date {
  const p = moscowParts(d);
  if (p.hour >= 8 && p.hour < 22) return d;
  return moscowDayAt(p.hour >= 22 ? addDays(d, 1) : d, rng.int(8, 11), rng.int(0, 59));
}

export function formatDateRu(d: Date): string {
  const p = moscowParts(d);
  return `${String(p.day).padStart(2, '0')}.${String(p.month).padStart(2, '0')}.${p.year}`;
}

export function inSeason(season: Season | undefined, d: Date): boolean {
  if (!season) return true;
  const { month, day } = moscowParts(d);
  if (season === 'summer') return month >= 5 && month <= 9;
  if (season === 'winter') return month === 12 || month <= 3 || (month === 11 && day >= 15);
  return month >= 10 || month <= 4 || (month === 9 && day >= 20);
}
