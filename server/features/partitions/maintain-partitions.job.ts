import { defineDailyJob } from '../../jobs/daily-job';
import { maintainPartitions } from './partitions';

// Every night at 03:30 (Moscow) the partitioned tables get their months ahead, and rows waiting in a default partition
// move into months of their own (partitions.ts). A server also runs it when it starts, so the months ahead exist
// before the first night.
export const MAINTAIN_PARTITIONS_JOB = 'partitions.maintain';

export const partitionUpkeep = defineDailyJob({
  kind: MAINTAIN_PARTITIONS_JOB,
  minutesOfDay: 3 * 60 + 30,
  async run(ctx) {
    const created = await maintainPartitions(ctx.db, ctx.services.clock.now());
    if (created.length) ctx.services.log.info({ created }, 'partitions created');
  },
});
export const maintainPartitionsJob = partitionUpkeep.job;
