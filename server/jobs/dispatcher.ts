// Runs due outbox rows: claims them, calls the job's handler, retries or gives up (see outbox.ts).
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Ctx, Services } from '../lib/context';
import { rootContext, SYSTEM_ACTOR } from '../lib/context';
import { safeErrorText } from '../lib/redact-secrets';
import { asBackgroundWork } from '../db/database';
import { JOB_LEASE_MS, nextRetryDelayMs, type JobDefinition } from './outbox';
import { JOBS, jobsByKind } from './registry';

type AnyJob = JobDefinition<z.ZodTypeAny>;
const REGISTERED = jobsByKind(JOBS);

/** Claims and runs up to `limit` due jobs. Returns how many ran. */
export async function runDueJobs(
  services: Services,
  limit = 20,
  jobs: ReadonlyMap<string, AnyJob> = REGISTERED,
): Promise<number> {
  const ctx = rootContext(services, SYSTEM_ACTOR);
  const now = services.clock.now();
  const claimed = await services.database.transaction(async (trx) => {
    const rows = await trx
      .selectFrom('outbox')
      .selectAll()
      .where('status', 'in', ['pending', 'running'])
      .where('run_after', '<=', now)
      .orderBy('run_after')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length) {
      await trx
        .updateTable('outbox')
        .set({ status: 'running', attempts: sql`attempts + 1`, run_after: new Date(now.getTime() + JOB_LEASE_MS) })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
    }
    return rows;
  });
  for (const row of claimed) await runOne(ctx, row, jobs);
  return claimed.length;
}

async function runOne(
  ctx: Ctx,
  row: { id: string; kind: string; payload: Record<string, unknown>; attempts: number },
  jobs: ReadonlyMap<string, AnyJob>,
): Promise<void> {
  const job = jobs.get(row.kind);
  const attempt = row.attempts + 1;
  try {
    if (!job) throw new Error(`Неизвестный тип задания ${row.kind}`);
    await job.handler(ctx, job.schema.parse(row.payload));
    await ctx.db
      .updateTable('outbox')
      .set({ status: 'done', done_at: ctx.services.clock.now(), last_error: null })
      .where('id', '=', row.id)
      .execute();
  } catch (error) {
    const message = safeErrorText(error, ctx.services.config);
    const delay = job ? nextRetryDelayMs(job, attempt, ctx.services) : null;
    const dead = delay === null;
    ctx.services.log.warn(
      { job: row.kind, id: row.id, attempt, error: message },
      dead ? 'job failed for good' : 'job failed, will retry',
    );
    await ctx.db
      .updateTable('outbox')
      .set({
        status: dead ? 'failed' : 'pending',
        last_error: message,
        run_after: new Date(ctx.services.clock.now().getTime() + (delay ?? 0)),
      })
      .where('id', '=', row.id)
      .execute();
    if (dead && job?.onDead) {
      try {
        await job.onDead(ctx, job.schema.parse(row.payload), message);
      } catch (hookError) {
        ctx.services.log.error(
          { job: row.kind, id: row.id, error: safeErrorText(hookError, ctx.services.config) },
          'job failure hook failed',
        );
      }
    }
  }
}

/** Starts polling in this process; returns a stop function. */
export function startDispatcher(
  services: Services,
  intervalMs = 1000,
  jobs: ReadonlyMap<string, AnyJob> = REGISTERED,
): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = (): void => {
    if (stopped) return;
    running = asBackgroundWork(() => runDueJobs(services, 20, jobs))
      .catch((e) => services.log.error({ err: String(e) }, 'dispatcher tick failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  let timer = setTimeout(tick, intervalMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
