import { z } from 'zod';
import { monthSchema } from '../../../shared/api/reports';
import type { ProductionCalendar } from '../../../shared/deadlines/production-calendar';
import { moscowInstant, toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import { enqueue, defineJob } from '../../jobs/outbox';
import { rootContext, SYSTEM_ACTOR, type Ctx, type Services } from '../../lib/context';
import { generateReport } from './report-workflow';
import { findReport } from './reports.repository';
import { shiftMonth } from './report-period';

// The draft of a month's report is generated at 09:00 (Moscow) on the first working day of the next month
// (production calendar). Each run schedules the following month; idempotency keys make scheduling repeatable.
export const MONTHLY_REPORT_JOB = 'reports.monthly_draft';
const key = (month: string): string => `${MONTHLY_REPORT_JOB}:${month}`;

/** First working day of a month, 'YYYY-MM-DD'. */
export function firstWorkingDay(calendar: ProductionCalendar, month: string): string {
  for (let day = 1; day <= 31; day++) {
    const iso = `${month}-${String(day).padStart(2, '0')}`;
    if (calendar.isWorkingDay(iso)) return iso;
  }
  return `${month}-01`;
}

/** When the draft for `month` is due: 09:00 on the first working day of the month after it. */
export function draftDueAt(calendar: ProductionCalendar, month: string): Date {
  return moscowInstant(firstWorkingDay(calendar, shiftMonth(month, 1)), 9 * 60);
}

async function scheduleDraft(ctx: Ctx, month: string): Promise<void> {
  await enqueue(ctx, monthlyReportJob, { month }, key(month), draftDueAt(ctx.services.calendar, month));
}

export const monthlyReportJob = defineJob({
  kind: MONTHLY_REPORT_JOB,
  schema: z.object({ month: monthSchema }),
  maxAttempts: 5,
  async handler(ctx, { month }) {
    if (!(await findReport(ctx.db, month))) await generateReport(ctx, month);
    await scheduleDraft(ctx, shiftMonth(month, 1));
  },
});

/** Called when a server starts: the previous month's draft (due now or already done) and the current month's. */
export async function scheduleMonthlyReports(services: Services): Promise<void> {
  const ctx = rootContext(services, SYSTEM_ACTOR);
  const current = toMoscowIsoDate(services.clock.now()).slice(0, 7);
  await scheduleDraft(ctx, shiftMonth(current, -1));
  await scheduleDraft(ctx, current);
}
