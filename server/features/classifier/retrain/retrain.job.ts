import { z } from 'zod';
import { moscowInstant, toMoscowIsoDate } from '../../../../shared/deadlines/moscow-time';
import { defineJob, enqueue } from '../../../jobs/outbox';
import { rootContext, SYSTEM_ACTOR, type Ctx, type Services } from '../../../lib/context';
import { listModels } from './models.repository';
import { loadTrainingExamples, retrainFromDatabase, type RetrainResult } from './retrain';

// Scheduled retraining from operators' corrections: every OTKLIK_RETRAIN_EVERY_DAYS days at 02:00 Moscow time, when
// at least OTKLIK_RETRAIN_MIN_CORRECTIONS corrections were made since the latest stored version. The safety rule is
// the one of a manual retraining: the new version is switched on only if it is not worse on the newest corrections
// and on the check set; otherwise it stays a candidate an administrator may switch on (or roll back from).

export const RETRAIN_JOB = 'classifier.retrain';
const DAY_MS = 86_400_000;
const key = (day: string): string => `${RETRAIN_JOB}:${day}`;

export type ScheduledRetrain = { readonly retrained: RetrainResult } | { readonly skipped: string };

/** Retrains when enough corrections are new since the latest stored version; says why not otherwise. */
export async function retrainIfDue(ctx: Ctx): Promise<ScheduledRetrain> {
  const { minCorrections } = ctx.services.config.retraining;
  const corrections = (await loadTrainingExamples(ctx)).length;
  const latest = (await listModels(ctx))[0];
  const fresh = corrections - (latest?.corrections ?? 0);
  if (fresh < minCorrections) {
    return {
      skipped: `новых исправлений ${Math.max(0, fresh)} с ${latest ? `версии ${latest.version}` : 'начала работы'}, нужно не меньше ${minCorrections}`,
    };
  }
  return { retrained: await retrainFromDatabase(ctx) };
}

async function scheduleRun(ctx: Ctx, day: string): Promise<void> {
  await enqueue(ctx, retrainJob, { day }, key(day), moscowInstant(day, 2 * 60));
}

export const retrainJob = defineJob({
  kind: RETRAIN_JOB,
  schema: z.object({ day: z.string().regex(/^\d{4}-\d\d-\d\d$/) }),
  maxAttempts: 2,
  async handler(ctx, { day }) {
    const outcome = await retrainIfDue(ctx);
    if ('retrained' in outcome) {
      const r = outcome.retrained;
      ctx.services.log.info(
        { version: r.version, status: r.status, worse: r.worse, corrections: r.corrections },
        'classifier retrained on schedule',
      );
    } else {
      ctx.services.log.info({ reason: outcome.skipped }, 'scheduled classifier retraining skipped');
    }
    const every = ctx.services.config.retraining.everyDays;
    if (every > 0)
      await scheduleRun(ctx, toMoscowIsoDate(new Date(moscowInstant(day).getTime() + every * DAY_MS + 3 * 3_600_000)));
  },
});

/** Called when a server starts: today's run (due now if 02:00 has passed) keeps the chain going; off at 0 days. */
export async function scheduleRetraining(services: Services): Promise<void> {
  if (services.config.retraining.everyDays <= 0) return;
  await scheduleRun(rootContext(services, SYSTEM_ACTOR), toMoscowIsoDate(services.clock.now()));
}
