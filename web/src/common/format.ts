// Dates are shown as DD.MM.YYYY HH:mm in Moscow time whatever the browser's zone. Europe/Moscow is a fixed
// UTC+03:00 (since 2014), the same rule shared/deadlines/moscow-time.ts uses, so no time-zone database is needed.
import { MOSCOW_UTC_OFFSET_MINUTES } from '../../../shared/deadlines/moscow-time';
import { intlOnce } from '../../../shared/text/intl-once';

const OFFSET_MS = MOSCOW_UTC_OFFSET_MINUTES * 60_000;
const pad = (n: number): string => String(n).padStart(2, '0');

function moscowParts(iso: string | Date): { d: Date } | null {
  const t = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  if (Number.isNaN(t)) return null;
  return { d: new Date(t + OFFSET_MS) };
}

export function formatDateTime(iso: string | Date | null | undefined): string {
  if (!iso) return '—';
  const p = moscowParts(iso);
  if (!p) return '—';
  const { d } = p;
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function formatDate(iso: string | Date | null | undefined): string {
  return formatDateTime(iso).slice(0, 10);
}

export function formatTime(date: Date): string {
  const p = moscowParts(date);
  if (!p) return '';
  return `${pad(p.d.getUTCHours())}:${pad(p.d.getUTCMinutes())}:${pad(p.d.getUTCSeconds())}`;
}

/** YYYY-MM-DD of the Moscow day containing the instant, shifted by whole days. */
export function moscowIsoDate(date: Date, addDays = 0): string {
  return new Date(date.getTime() + OFFSET_MS + addDays * 86_400_000).toISOString().slice(0, 10);
}

/** "2025-03-01" → "01.03.2025" for filter chips. */
export function isoToRuDate(isoDate: string): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(isoDate);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : isoDate;
}

export { countOf, NOUNS, plural } from '../../../shared/text/plural';

// Built once, on first use (shared/text/intl-once.ts).
const INTEGER = intlOnce(() => new Intl.NumberFormat('ru-RU'));
const ONE_DECIMAL = intlOnce(() => new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 }));

export function formatNumber(n: number): string {
  return INTEGER().format(n);
}

/** 12,5 — at most one decimal. */
export function formatDecimal(n: number): string {
  return ONE_DECIMAL().format(n);
}

const TWO_DECIMALS = intlOnce(() => new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 }));

/** 4,33 — scores and averages, at most two decimals. */
export function formatScore(n: number): string {
  return TWO_DECIMALS().format(n);
}

/** 85,7 % — a share 0…1 as per cent with at most one decimal. */
export function formatPercent(share: number): string {
  return `${ONE_DECIMAL().format(share * 100)} %`;
}

/** "2 д 3 ч", "4 ч 15 мин", "12 мин" — for countdowns; `coarse`: the largest unit only ("2 д", "4 ч"). */
export function formatDuration(ms: number, coarse = false): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 && !coarse ? `${days} д ${hours} ч` : `${days} д`;
  if (hours > 0) return mins > 0 && !coarse ? `${hours} ч ${mins} мин` : `${hours} ч`;
  return `${Math.max(mins, 0)} мин`;
}

/** "осталось 2 д 3 ч" / "просрочено на 5 ч"; `short` (a list's one line): "осталось 2 д" / "просрочено 5 ч". */
export function countdown(dueIso: string, now: Date, short = false): { text: string; overdue: boolean } {
  const left = Date.parse(dueIso) - now.getTime();
  const duration = formatDuration(left, short);
  if (left < 0) return { text: short ? `просрочено ${duration}` : `просрочено на ${duration}`, overdue: true };
  return { text: `осталось ${duration}`, overdue: false };
}
