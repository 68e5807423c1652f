import { sql } from 'kysely';
import { z } from 'zod';
import { defineJob, enqueue } from '../../jobs/outbox';
import { rootContext, SYSTEM_ACTOR, withTransaction, type Ctx, type Services } from '../../lib/context';
import { queueDigests } from './digest';
import { notifyDeadlines, notifyFromEvents, notifySpikes } from './producers';

// The notification producers run as one outbox job every minute (each run queues the next, keyed by its minute, so
// several server nodes still run one chain). Case events, deadlines and the digest are looked at every run, spikes
// every 15 minutes. A run that fails is retried by the outbox; notify() makes the repeat harmless.
export const NOTIFICATIONS_TICK_JOB = 'notifications.tick';
const TICK_MS = 60_000;
const SPIKE_EVERY_MS = 15 * 60_000;

export async function runNotificationProducers(ctx: Ctx): Promise<void> {
  while ((await withTransaction(ctx, (tx) => notifyFromEvents(tx))) >= 500) {
    /* next batch */
  }
  await withTransaction(ctx, (tx) => notifyDeadlines(tx));
  const now = ctx.services.clock.now();
  const last = await ctx.db
    .selectFrom('notification_state')
    .select('value')
    .where('key', '=', 'notifications.spikes')
    .executeTakeFirst();
  if (!last || now.getTime() - Number(last.value.at ?? 0) >= SPIKE_EVERY_MS) {
    await notifySpikes(ctx);
    await ctx.db
      .insertInto('notification_state')
      .values({ key: 'notifications.spikes', value: JSON.stringify({ at: now.getTime() }), updated_at: now })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value: JSON.stringify({ at: now.getTime() }), updated_at: now }),
      )
      .execute();
  }
  await withTransaction(ctx, (tx) => queueDigests(tx));
}

function tickKey(at: Date): string {
  return `${NOTIFICATIONS_TICK_JOB}:${new Date(Math.floor(at.getTime() / TICK_MS) * TICK_MS).toISOString()}`;
}

export const notificationsTickJob = defineJob({
  kind: NOTIFICATIONS_TICK_JOB,
  schema: z.object({}),
  maxAttempts: 3,
  async handler(ctx) {
    await runNotificationProducers(ctx);
    // the chain's finished runs are of no further use: keep a day of them
    await ctx.db
      .deleteFrom('outbox')
      .where('kind', '=', NOTIFICATIONS_TICK_JOB)
      .where('status', '=', 'done')
      .where('done_at', '<', new Date(ctx.services.clock.now().getTime() - 86_400_000))
      .execute();
    const next = new Date(ctx.services.clock.now().getTime() + TICK_MS);
    await enqueue(ctx, notificationsTickJob, {}, tickKey(next), next);
  },
  async onDead(ctx) {
    // keep the chain alive after a run that failed for good
    const next = new Date(ctx.services.clock.now().getTime() + TICK_MS);
    await enqueue(ctx, notificationsTickJob, {}, tickKey(next), next);
  },
});

const SCHEDULE_LOCK = 7_411_019; // an arbitrary advisory-lock key: nodes starting together look and enqueue one at a time

/**
 * Starts the chain (otklik serve at start) unless one is queued: a run now, keyed by the minute. Under an advisory
 * lock, so two nodes starting in different minutes do not each start a chain of their own.
 */
export async function scheduleNotifications(services: Services): Promise<void> {
  await withTransaction(rootContext(services, SYSTEM_ACTOR), async (ctx) => {
    await sql`select pg_advisory_xact_lock(${SCHEDULE_LOCK})`.execute(ctx.db);
    const pending = await ctx.db
      .selectFrom('outbox')
      .select('id')
      .where('kind', '=', NOTIFICATIONS_TICK_JOB)
      .where('status', 'in', ['pending', 'running'])
      .executeTakeFirst();
    if (!pending) await enqueue(ctx, notificationsTickJob, {}, tickKey(services.clock.now()));
  });
}
