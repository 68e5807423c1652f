import { dayNumberOf, isoDateOf, moscowDayOf, moscowInstant } from '../../../shared/deadlines/moscow-time';
import { AppError } from '../../lib/errors';

/** An inclusive range of Moscow calendar dates and the instants that bound it: [start, end). */
export interface Period {
  from: string;
  to: string;
  start: Date;
  end: Date;
  days: number;
}

/** From `YYYY-MM-DD` to `YYYY-MM-DD` inclusive (Moscow). Missing ends: the current month up to today. */
export function resolvePeriod(from: string | undefined, to: string | undefined, now: Date): Period {
  const today = isoDateOf(moscowDayOf(now));
  const f = from ?? `${(to ?? today).slice(0, 7)}-01`;
  const t = to ?? today;
  let a: number;
  let b: number;
  try {
    a = dayNumberOf(f);
    b = dayNumberOf(t);
  } catch {
    throw new AppError('validation_failed', `Некорректная дата периода (ожидается ГГГГ-ММ-ДД): ${f} — ${t}`);
  }
  if (a > b) throw new AppError('validation_failed', `Начало периода ${formatRu(f)} позже его конца ${formatRu(t)}`);
  return periodOfDays(a, b);
}

export function periodOfDays(a: number, b: number): Period {
  const from = isoDateOf(a);
  const to = isoDateOf(b);
  return { from, to, start: moscowInstant(from), end: moscowInstant(isoDateOf(b + 1)), days: b - a + 1 };
}

/** The period of the same length just before. */
export function previousPeriod(p: Period): Period {
  const a = dayNumberOf(p.from);
  return periodOfDays(a - p.days, a - 1);
}

/** The same dates a year earlier (29 February falls back to 28). */
export function yearAgoPeriod(p: Period): Period {
  const shift = (d: string) => {
    const y = Number(d.slice(0, 4)) - 1;
    const md = d.slice(5);
    return md === '02-29' ? `${y}-02-28` : `${y}-${md}`;
  };
  return periodOfDays(dayNumberOf(shift(p.from)), dayNumberOf(shift(p.to)));
}

/** `DD.MM.YYYY` for messages and files. */
export function formatRu(iso: string): string {
  return /^\d{4}-\d\d-\d\d/.test(iso) ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : iso;
}
