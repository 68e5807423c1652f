import { z } from 'zod';
import { moscowInstant, toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import { defineJob, enqueue } from '../../jobs/outbox';
import { rootContext, SYSTEM_ACTOR, type Ctx, type Services } from '../../lib/context';
import { purgeAccessJournal } from './access-journal';
import { eraseMessages } from './erase';

// Retention (152-ФЗ, ч. 7 ст. 5): once a case has been finished (closed, rejected or answered) for
// OTKLIK_RETENTION_CITIZEN_DATA_DAYS, its citizens' personal data is erased like an erasure on request
// (basis «retention», journalled); access journal rows older than OTKLIK_RETENTION_ACCESS_JOURNAL_DAYS are deleted.
// The job runs daily at 03:00 Moscow time through the outbox; each run schedules the next day's.

export const RETENTION_JOB = 'personal_data.retention';
const BATCH = 200;
const DAY_MS = 86_400_000;
const key = (day: string): string => `${RETENTION_JOB}:${day}`;

export interface RetentionOutcome {
  messages: number;
  erasures: number;
  journalRows: number;
}

/** One pass: erases the personal data past its period (in batches of cases) and trims the access journal. */
export async function applyRetention(ctx: Ctx): Promise<RetentionOutcome> {
  const { citizenDataDays, accessJournalDays } = ctx.services.config.personalData;
  const now = ctx.services.clock.now();
  const cutoff = new Date(now.getTime() - citizenDataDays * DAY_MS);
  const outcome: RetentionOutcome = { messages: 0, erasures: 0, journalRows: 0 };
  for (;;) {
    const rows = await ctx.db
      .selectFrom('messages as m')
      .innerJoin('cases as c', 'c.id', 'm.case_id')
      .select(['m.id', 'm.case_id'])
      .where('m.personal_data_erased_at', 'is', null)
      .where((eb) => eb(eb.fn.coalesce('c.closed_at', 'c.final_answer_at'), '<', cutoff))
      .orderBy('m.case_id')
      .limit(BATCH)
      .execute();
    if (!rows.length) break;
    const erasure = await eraseMessages(
      ctx,
      rows.map((r) => String(r.id)),
      'retention',
      `Истёк срок хранения персональных данных (${citizenDataDays} дн. после завершения обращения)`,
    );
    outcome.messages += erasure.messageCount;
    outcome.erasures++;
    if (rows.length < BATCH) break;
  }
  outcome.journalRows = await purgeAccessJournal(ctx.db, new Date(now.getTime() - accessJournalDays * DAY_MS));
  return outcome;
}

async function scheduleRun(ctx: Ctx, day: string): Promise<void> {
  await enqueue(ctx, retentionJob, { day }, key(day), moscowInstant(day, 3 * 60));
}

const scheduleNextDay = (ctx: Ctx, day: string): Promise<void> =>
  scheduleRun(ctx, toMoscowIsoDate(new Date(moscowInstant(day).getTime() + DAY_MS + 3 * 3_600_000)));

export const retentionJob = defineJob({
  kind: RETENTION_JOB,
  schema: z.object({ day: z.string().regex(/^\d{4}-\d\d-\d\d$/) }),
  maxAttempts: 5,
  async handler(ctx, { day }) {
    const outcome = await applyRetention(ctx);
    if (outcome.messages || outcome.journalRows)
      ctx.services.log.info({ ...outcome }, 'personal data retention applied');
    await scheduleNextDay(ctx, day);
  },
  // a run that failed for good does not end the daily chain
  async onDead(ctx, { day }) {
    await scheduleNextDay(ctx, day);
  },
});

/** Called when a server starts: today's run (due now if 03:00 has passed) keeps the daily chain going. */
export async function scheduleRetention(services: Services): Promise<void> {
  await scheduleRun(rootContext(services, SYSTEM_ACTOR), toMoscowIsoDate(services.clock.now()));
}
