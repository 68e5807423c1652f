import { z } from 'zod';
import { dayNumberOf, isoDateOf, moscowInstant, toMoscowIsoDate } from '../../shared/deadlines/moscow-time';
import { rootContext, SYSTEM_ACTOR, type Ctx, type Services } from '../lib/context';
import { defineJob, enqueue, type JobDefinition } from './outbox';

const NO_PAYLOAD = z.object({});

/**
 * The next run of a daily job at a Moscow time of day: today's when it has not passed yet, otherwise tomorrow's.
 * `date` (ГГГГ-ММ-ДД) goes into the job's idempotency key, so scheduling the same day twice makes one job.
 */
function nextDailyRun(now: Date, minutesOfDay: number): { date: string; at: Date } {
  const today = toMoscowIsoDate(now);
  const at = moscowInstant(today, minutesOfDay);
  if (at.getTime() > now.getTime()) return { date: today, at };
  const tomorrow = isoDateOf(dayNumberOf(today) + 1);
  return { date: tomorrow, at: moscowInstant(tomorrow, minutesOfDay) };
}

export interface DailyJob {
  /** The job to list in registry.ts. */
  readonly job: JobDefinition<typeof NO_PAYLOAD>;
  /**
   * Called when a server starts: queues the next run at the job's time of day, and with `runNow` one run now too
   * (one per hour whatever the number of nodes started).
   */
  schedule(services: Services, options?: { runNow?: boolean }): Promise<void>;
}

/**
 * A job that runs once a day at a Moscow time of day. Each run, whether it succeeded or failed for good, queues the
 * next day's with the date in its idempotency key (`kind:ГГГГ-ММ-ДД`), so several server nodes still run one chain
 * and a failure one night does not stop the next.
 */
export function defineDailyJob(options: {
  kind: string;
  /** Minutes after Moscow midnight. */
  minutesOfDay: number;
  run(ctx: Ctx): Promise<void>;
  maxAttempts?: number;
}): DailyJob {
  const scheduleNext = async (ctx: Ctx): Promise<void> => {
    const { date, at } = nextDailyRun(ctx.services.clock.now(), options.minutesOfDay);
    await enqueue(ctx, job, {}, `${options.kind}:${date}`, at);
  };
  const job = defineJob({
    kind: options.kind,
    schema: NO_PAYLOAD,
    maxAttempts: options.maxAttempts ?? 5,
    async handler(ctx) {
      await options.run(ctx);
      await scheduleNext(ctx);
    },
    async onDead(ctx) {
      await scheduleNext(ctx);
    },
  });
  return {
    job,
    async schedule(services, { runNow = false } = {}) {
      const ctx = rootContext(services, SYSTEM_ACTOR);
      if (runNow) {
        const now = services.clock.now();
        await enqueue(ctx, job, {}, `${options.kind}:start:${now.toISOString().slice(0, 13)}`, now);
      }
      await scheduleNext(ctx);
    },
  };
}
