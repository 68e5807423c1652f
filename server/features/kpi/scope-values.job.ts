import { z } from 'zod';
import { nextDailyRun } from '../../jobs/daily-schedule';
import { defineJob, enqueue } from '../../jobs/outbox';
import { rootContext, SYSTEM_ACTOR, withTransaction, type Ctx, type Services } from '../../lib/context';
import { computeScopeValues } from './kpi-targets-queries';

// Every night at 02:00 (Moscow) the computed indicators get a value for each block and category that has a target
// this year (kpi_scope_values, source 'computed'): the history the KPI screen shows next to hand-entered values.
// Each run queues the next night's (idempotency key: the date), so several server nodes still run one chain.
export const SCOPE_VALUES_JOB = 'kpi.scope_values';
const RUN_AT_MINUTES = 2 * 60;

async function scheduleNext(ctx: Ctx): Promise<void> {
  const { date, at } = nextDailyRun(ctx.services.clock.now(), RUN_AT_MINUTES);
  await enqueue(ctx, scopeValuesJob, {}, `${SCOPE_VALUES_JOB}:${date}`, at);
}

export const scopeValuesJob = defineJob({
  kind: SCOPE_VALUES_JOB,
  schema: z.object({}),
  maxAttempts: 5,
  async handler(ctx) {
    await withTransaction(ctx, (tx) => computeScopeValues(tx));
    await scheduleNext(ctx);
  },
  async onDead(ctx) {
    await scheduleNext(ctx);
  },
});

/** Called when a server starts. */
export async function scheduleScopeValues(services: Services): Promise<void> {
  await scheduleNext(rootContext(services, SYSTEM_ACTOR));
}
