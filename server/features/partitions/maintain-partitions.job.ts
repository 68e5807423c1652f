import { z } from 'zod';
import { nextDailyRun } from '../../jobs/daily-schedule';
import { defineJob, enqueue } from '../../jobs/outbox';
import { rootContext, SYSTEM_ACTOR, type Ctx, type Services } from '../../lib/context';
import { maintainPartitions } from './partitions';

// Every night at 03:30 (Moscow) the partitioned tables get their months ahead, and rows waiting in a default partition
// move into months of their own (partitions.ts). Each run queues the next night's (idempotency key: the date), so
// several server nodes still run one chain.
export const MAINTAIN_PARTITIONS_JOB = 'partitions.maintain';
const RUN_AT_MINUTES = 3 * 60 + 30;

async function scheduleNext(ctx: Ctx): Promise<void> {
  const { date, at } = nextDailyRun(ctx.services.clock.now(), RUN_AT_MINUTES);
  await enqueue(ctx, maintainPartitionsJob, {}, `${MAINTAIN_PARTITIONS_JOB}:${date}`, at);
}

export const maintainPartitionsJob = defineJob({
  kind: MAINTAIN_PARTITIONS_JOB,
  schema: z.object({}),
  maxAttempts: 5,
  async handler(ctx) {
    const created = await maintainPartitions(ctx.db, ctx.services.clock.now());
    if (created.length) ctx.services.log.info({ created }, 'partitions created');
    await scheduleNext(ctx);
  },
  async onDead(ctx) {
    await scheduleNext(ctx);
  },
});

/** Called when a server starts: a run now (months ahead exist before the first night), then nightly. */
export async function schedulePartitionUpkeep(services: Services): Promise<void> {
  const ctx = rootContext(services, SYSTEM_ACTOR);
  const now = services.clock.now();
  await enqueue(
    ctx,
    maintainPartitionsJob,
    {},
    `${MAINTAIN_PARTITIONS_JOB}:start:${now.toISOString().slice(0, 13)}`,
    now,
  );
}
