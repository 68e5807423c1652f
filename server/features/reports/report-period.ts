import { moscowInstant } from '../../../shared/deadlines/moscow-time';

/** Neighbouring month of 'YYYY-MM' (delta −1 = previous). */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month as a half-open interval of instants in Moscow time. */
export function monthPeriod(month: string): { from: Date; to: Date } {
  return { from: moscowInstant(`${month}-01`), to: moscowInstant(`${shiftMonth(month, 1)}-01`) };
}

/** Last calendar day of the month, 'YYYY-MM-DD'. */
export function monthEnd(month: string): string {
  return new Date(monthPeriod(month).to.getTime() - 1 + 3 * 3_600_000).toISOString().slice(0, 10);
}
