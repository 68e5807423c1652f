// Russian production calendar (производственный календарь) in Moscow time.
//
// Time zone: Europe/Moscow is a fixed UTC+03:00 (no DST since 2014, see moscow-time.ts), so the
// calendar needs no time-zone database and works the same in Node and in the browser. The clock is
// never read here: every operation takes the instant it starts from.
//
// A date of a covered year is a working day iff (Mon–Fri and not in nonWorkingWeekdays) or it is in
// workingWeekends; days listed in `shortened` end one hour earlier (ТК РФ ст. 95). For years absent
// from the data the calendar falls back to Mon–Fri minus the fixed federal holidays (ТК РФ ст. 112:
// 1–8 Jan, 23 Feb, 8 Mar, 1 May, 9 May, 12 Jun, 4 Nov) with no transfers and no shortened days.
import bundledCalendar from '../reference/production-calendar.json' with { type: 'json' };
import {
  MS_PER_HOUR,
  dayNumberOf,
  instantMs,
  isoDateOf,
  moscowDayOf,
  moscowMs,
  weekdayOf,
  yearOf,
} from './moscow-time';

export interface ProductionCalendarYear {
  readonly nonWorkingWeekdays: readonly string[];
  readonly workingWeekends: readonly string[];
  readonly shortened: readonly string[];
}

export interface ProductionCalendarData {
  readonly years: Readonly<Record<string, ProductionCalendarYear>>;
}

/** Daily working hours in Moscow time, `HH:MM`. */
export interface WorkingHours {
  readonly start: string;
  readonly end: string;
}

export interface ProductionCalendarOptions {
  /** Default 09:00–18:00. */
  readonly workingHours?: WorkingHours;
  /** How much earlier a shortened (pre-holiday) day ends; default 60 minutes. */
  readonly shortenedByMinutes?: number;
}

/** A working window as minutes after Moscow midnight, `[startMinutes, endMinutes)`. */
export interface WorkingWindow {
  readonly startMinutes: number;
  readonly endMinutes: number;
}

export interface ProductionCalendar {
  /** Whether the year is described by the calendar data (otherwise the fixed-holiday fallback applies). */
  covers(year: number): boolean;
  isWorkingDay(isoDate: string): boolean;
  isShortened(isoDate: string): boolean;
  /** Working window of the date, or null on a non-working day. */
  workingWindow(isoDate: string): WorkingWindow | null;
  /** End of the working window of the n-th working day after the Moscow date of the instant. */
  addWorkingDays(instant: Date, n: number): Date;
  /** The instant after `hours` of working time (only time inside working windows counts). */
  addWorkingHours(instant: Date, hours: number): Date;
  /** End of the working window of (Moscow date of the instant + n), moved to the next working day if needed. */
  addCalendarDays(instant: Date, n: number): Date;
  /** Working hours inside [a, b); negative when b is before a. */
  workingHoursBetween(a: Date, b: Date): number;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { start: '09:00', end: '18:00' };
export const DEFAULT_SHORTENED_BY_MINUTES = 60;

/** Fixed federal non-working holidays (ТК РФ ст. 112), `MM-DD`; used for years outside the data. */
export const FIXED_FEDERAL_HOLIDAYS: readonly string[] = [
  '01-01',
  '01-02',
  '01-03',
  '01-04',
  '01-05',
  '01-06',
  '01-07',
  '01-08',
  '02-23',
  '03-08',
  '05-01',
  '05-09',
  '06-12',
  '11-04',
];

const FIXED_HOLIDAY_SET = new Set(FIXED_FEDERAL_HOLIDAYS);

function parseClock(value: string, label: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  const h = Number(match?.[1]);
  const m = Number(match?.[2]);
  if (!match || h > 24 || m > 59 || h * 60 + m > 1440) {
    throw new RangeError(`Invalid ${label} time "${value}" (expected HH:MM)`);
  }
  return h * 60 + m;
}

function resolveWindows(options: ProductionCalendarOptions): { regular: WorkingWindow; shortened: WorkingWindow } {
  const hours = options.workingHours ?? DEFAULT_WORKING_HOURS;
  const startMinutes = parseClock(hours.start, 'start');
  const endMinutes = parseClock(hours.end, 'end');
  if (endMinutes <= startMinutes) throw new RangeError('Working hours must end after they start');
  const cut = options.shortenedByMinutes ?? DEFAULT_SHORTENED_BY_MINUTES;
  if (!Number.isFinite(cut) || cut < 0 || cut >= endMinutes - startMinutes) {
    throw new RangeError('shortenedByMinutes must be non-negative and shorter than the working day');
  }
  return { regular: { startMinutes, endMinutes }, shortened: { startMinutes, endMinutes: endMinutes - cut } };
}

interface DaySets {
  readonly years: ReadonlySet<number>;
  readonly nonWorking: ReadonlySet<number>;
  readonly workingWeekends: ReadonlySet<number>;
  readonly shortened: ReadonlySet<number>;
}

function indexData(data: ProductionCalendarData): DaySets {
  const years = new Set<number>();
  const nonWorking = new Set<number>();
  const workingWeekends = new Set<number>();
  const shortened = new Set<number>();
  for (const [key, year] of Object.entries(data.years)) {
    if (!/^\d{4}$/.test(key)) throw new RangeError(`Invalid calendar year key "${key}"`);
    years.add(Number(key));
    for (const d of year.nonWorkingWeekdays) nonWorking.add(dayNumberOf(d));
    for (const d of year.workingWeekends) workingWeekends.add(dayNumberOf(d));
    for (const d of year.shortened) shortened.add(dayNumberOf(d));
  }
  return { years, nonWorking, workingWeekends, shortened };
}

/** The longest term the calendar counts (in days or hours): far beyond any legal deadline, so every loop ends. */
const MAX_TERM = 36_500;

function assertCount(n: number, label: string): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_TERM) {
    throw new RangeError(`${label} must be an integer from 0 to ${MAX_TERM}, got ${n}`);
  }
}

interface DayModel {
  isWorking(day: number): boolean;
  isShortened(day: number): boolean;
  windowOf(day: number): WorkingWindow | null;
}

function createDayModel(sets: DaySets, windows: { regular: WorkingWindow; shortened: WorkingWindow }): DayModel {
  const isWorking = (day: number): boolean => {
    const weekday = weekdayOf(day);
    const monToFri = weekday >= 1 && weekday <= 5;
    if (!sets.years.has(yearOf(day))) return monToFri && !FIXED_HOLIDAY_SET.has(isoDateOf(day).slice(5));
    return (monToFri && !sets.nonWorking.has(day)) || sets.workingWeekends.has(day);
  };
  const isShortened = (day: number): boolean => isWorking(day) && sets.shortened.has(day);
  const windowOf = (day: number): WorkingWindow | null => {
    if (!isWorking(day)) return null;
    return isShortened(day) ? windows.shortened : windows.regular;
  };
  return { isWorking, isShortened, windowOf };
}

/** End of the first working window on or after `day` that does not end before `notBeforeMs`. */
function endOfWorkingDayFrom(model: DayModel, day: number, notBeforeMs: number): Date {
  for (let d = day; ; d += 1) {
    const w = model.windowOf(d);
    if (w && moscowMs(d, w.endMinutes) >= notBeforeMs) return new Date(moscowMs(d, w.endMinutes));
  }
}

function addWorkingDays(model: DayModel, instant: Date, n: number): Date {
  assertCount(n, 'Working days');
  let day = moscowDayOf(instant);
  // The day of the instant never counts; n = 0 means "by the end of the current (or next) working day".
  for (let counted = 0; counted < n;) {
    day += 1;
    if (model.isWorking(day)) counted += 1;
  }
  return endOfWorkingDayFrom(model, day, instantMs(instant));
}

function addWorkingHours(model: DayModel, instant: Date, hours: number): Date {
  if (!Number.isFinite(hours) || hours < 0 || hours > MAX_TERM) {
    throw new RangeError(`Working hours must be from 0 to ${MAX_TERM}, got ${hours}`);
  }
  let remaining = Math.round(hours * MS_PER_HOUR);
  let cursor = instantMs(instant);
  if (remaining === 0) return new Date(cursor);
  for (let day = moscowDayOf(instant); ; day += 1) {
    const w = model.windowOf(day);
    if (!w) continue;
    const start = Math.max(cursor, moscowMs(day, w.startMinutes));
    const available = moscowMs(day, w.endMinutes) - start;
    if (available <= 0) continue;
    if (remaining <= available) return new Date(start + remaining);
    remaining -= available;
    cursor = start + available;
  }
}

function addCalendarDays(model: DayModel, instant: Date, n: number): Date {
  assertCount(n, 'Calendar days');
  // ГК РФ ст. 193: a term whose last day is a non-working day ends on the next working day.
  return endOfWorkingDayFrom(model, moscowDayOf(instant) + n, instantMs(instant));
}

function workingHoursBetween(model: DayModel, a: Date, b: Date): number {
  const from = instantMs(a);
  const to = instantMs(b);
  if (to < from) return -workingHoursBetween(model, b, a);
  let total = 0;
  for (let day = moscowDayOf(a), last = moscowDayOf(b); day <= last; day += 1) {
    const w = model.windowOf(day);
    if (!w) continue;
    const start = Math.max(from, moscowMs(day, w.startMinutes));
    const end = Math.min(to, moscowMs(day, w.endMinutes));
    total += Math.max(0, end - start);
  }
  return total / MS_PER_HOUR;
}

/**
 * Builds a calendar from production-calendar data (default: the bundled
 * `shared/reference/production-calendar.json`) and daily working hours (default 09:00–18:00).
 */
export function createProductionCalendar(
  data: ProductionCalendarData = bundledCalendar,
  options: ProductionCalendarOptions = {},
): ProductionCalendar {
  const sets = indexData(data);
  const model = createDayModel(sets, resolveWindows(options));
  return {
    covers: (year) => sets.years.has(year),
    isWorkingDay: (isoDate) => model.isWorking(dayNumberOf(isoDate)),
    isShortened: (isoDate) => model.isShortened(dayNumberOf(isoDate)),
    workingWindow: (isoDate) => {
      const w = model.windowOf(dayNumberOf(isoDate));
      return w ? { ...w } : null;
    },
    addWorkingDays: (instant, n) => addWorkingDays(model, instant, n),
    addWorkingHours: (instant, hours) => addWorkingHours(model, instant, hours),
    addCalendarDays: (instant, n) => addCalendarDays(model, instant, n),
    workingHoursBetween: (a, b) => workingHoursBetween(model, a, b),
  };
}
