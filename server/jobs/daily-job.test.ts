import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestServices, type TestServices } from '../test/test-services';
import { defineDailyJob } from './daily-job';
import { jobsByKind } from './registry';
import { runDueJobs } from './dispatcher';

describe('daily jobs', () => {
  let services: TestServices;
  const runs: string[] = [];
  let failing = false;
  const daily = defineDailyJob({
    kind: 'test.daily',
    minutesOfDay: 9 * 60,
    maxAttempts: 1,
    async run(ctx) {
      if (failing) throw new Error('сбой для проверки');
      runs.push(ctx.services.clock.now().toISOString());
    },
  });
  const jobs = jobsByKind([daily.job]);
  const pending = async () =>
    (
      await sql<{ key: string; run_after: Date }>`select idempotency_key as key, run_after from outbox
        where kind = 'test.daily' and status = 'pending' order by run_after`.execute(services.database.db)
    ).rows.map((r) => `${r.key} ${r.run_after.toISOString()}`);

  beforeAll(async () => {
    services = await createTestServices();
    services.clock.set('2026-11-24T10:00:00+03:00');
  });
  afterAll(() => services.close());

  it('queues the next run at its Moscow time once, however many nodes start', async () => {
    await daily.schedule(services);
    await daily.schedule(services);
    expect(await pending()).toEqual(['test.daily:2026-11-25 2026-11-25T06:00:00.000Z']);
  });

  it('runs now as well when asked, and each run queues the next day', async () => {
    await daily.schedule(services, { runNow: true });
    await runDueJobs(services, 20, jobs);
    expect(runs).toEqual(['2026-11-24T07:00:00.000Z']);
    services.clock.set('2026-11-25T09:00:01+03:00');
    await runDueJobs(services, 20, jobs);
    expect(runs).toHaveLength(2);
    expect(await pending()).toEqual(['test.daily:2026-11-26 2026-11-26T06:00:00.000Z']);
  });

  it('a run that fails for good does not end the chain', async () => {
    failing = true;
    services.clock.set('2026-11-26T09:00:01+03:00');
    await runDueJobs(services, 20, jobs);
    const failed = await sql<{ n: number }>`select count(*)::int as n from outbox
      where kind = 'test.daily' and status = 'failed'`.execute(services.database.db);
    expect(failed.rows[0]?.n).toBe(1);
    expect(await pending()).toEqual(['test.daily:2026-11-27 2026-11-27T06:00:00.000Z']);
    failing = false;
    services.clock.set('2026-11-27T09:00:01+03:00');
    await runDueJobs(services, 20, jobs);
    expect(runs).toHaveLength(3);
  });
});
