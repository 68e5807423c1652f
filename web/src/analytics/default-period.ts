// The period the analytics pages open on: the last full calendar month (Moscow), so a ranking never opens on the
// first two days of a month.
import type { DateRange } from './analytics-api';

/** today "2026-12-02" → { from: "2026-11-01", to: "2026-11-30" }; January gives the previous December. */
export function lastFullMonth(today: string): DateRange {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(lastDay).padStart(2, '0')}` };
}
