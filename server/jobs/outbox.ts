import { sql } from 'kysely';
import { z } from 'zod';
import type { Ctx, Services } from '../lib/context';
import { rootContext, SYSTEM_ACTOR } from '../lib/context';
import { safeErrorText } from '../lib/redact-secrets';
import { asBackgroundWork } from '../db/database';

// Side effects as data: a job row is written in the same transaction as the state change that causes it
// (the transactional outbox), then a dispatcher in every app node claims due rows with FOR UPDATE SKIP LOCKED,
// runs the handler, and retries failures with exponential backoff. Idempotency keys make enqueue safe to repeat.
export interface JobDefinition<S extends z.ZodTypeAny> {
  kind: string;
  schema: S;
  /** A number: attempts with exponential backoff; 'delivery': the configured delivery schedule (pauses + 1 attempts). */
  maxAttempts: number | 'delivery';
  handler(ctx: Ctx, payload: z.infer<S>): Promise<void>;
  /** Called once when the job has failed for good (attempts exhausted), e.g. to make the failure visible on a case. */
  onDead?(ctx: Ctx, payload: z.infer<S>, error: string): Promise<void>;
}

const registry = new Map<string, JobDefinition<z.ZodTypeAny>>();

export function defineJob<S extends z.ZodTypeAny>(job: JobDefinition<S>): JobDefinition<S> {
  registry.set(job.kind, job as unknown as JobDefinition<z.ZodTypeAny>);
  return job;
}

export async function enqueue(ctx: Ctx, kind: string, payload: Record<string, unknown>, idempotencyKey?: string, runAfter?: Date): Promise<void> {
  const job = registry.get(kind);
  if (job) job.schema.parse(payload);
  await ctx.db.insertInto('outbox').values({
    // Due times follow the application's clock (the one runDueJobs compares with), not the database server's.
    kind, payload: JSON.stringify(payload), idempotency_key: idempotencyKey ?? null, run_after: runAfter ?? ctx.services.clock.now(),
    created_at: ctx.services.clock.now(),
  }).onConflict((oc) => oc.column('idempotency_key').doNothing()).execute();
}

/**
 * How long a claimed job may run before another dispatcher takes it over: a process that died while running a job
 * (crash, deploy) leaves the row 'running'; once the lease is over the row is claimed again like a due one.
 * Handlers must therefore be idempotent (they are: deliveries are recorded per answer × message).
 */
export const JOB_LEASE_MS = 10 * 60_000;

export function backoffMs(attempt: number): number {
  return Math.min(60 * 60_000, 5_000 * 2 ** Math.max(0, attempt - 1));
}

/** After failed attempt number `attempt`: the pause before the next one, or null when the job has run out of attempts. */
export function nextRetryDelayMs(job: Pick<JobDefinition<z.ZodTypeAny>, 'maxAttempts'>, attempt: number, services: Services): number | null {
  if (job.maxAttempts === 'delivery') return services.config.delivery.retryScheduleMs[attempt - 1] ?? null;
  return attempt >= job.maxAttempts ? null : backoffMs(attempt);
}

/** Claims and runs up to `limit` due jobs. Returns how many ran. */
export async function runDueJobs(services: Services, limit = 20): Promise<number> {
  const ctx = rootContext(services, SYSTEM_ACTOR);
  const now = services.clock.now();
  const claimed = await services.database.transaction(async (trx) => {
    const rows = await trx.selectFrom('outbox').selectAll().where('status', 'in', ['pending', 'running']).where('run_after', '<=', now)
      .orderBy('run_after').limit(limit).forUpdate().skipLocked().execute();
    if (rows.length) {
      await trx.updateTable('outbox').set({ status: 'running', attempts: sql`attempts + 1`, run_after: new Date(now.getTime() + JOB_LEASE_MS) })
        .where('id', 'in', rows.map((r) => r.id)).execute();
    }
    return rows;
  });
  for (const row of claimed) await runOne(ctx, row);
  return claimed.length;
}

async function runOne(ctx: Ctx, row: { id: string; kind: string; payload: Record<string, unknown>; attempts: number }): Promise<void> {
  const job = registry.get(row.kind);
  const attempt = row.attempts + 1;
  try {
    if (!job) throw new Error(`Неизвестный тип задания ${row.kind}`);
    await job.handler(ctx, job.schema.parse(row.payload));
    await ctx.db.updateTable('outbox').set({ status: 'done', done_at: ctx.services.clock.now(), last_error: null }).where('id', '=', row.id).execute();
  } catch (error) {
    const message = safeErrorText(error, ctx.services.config);
    const delay = job ? nextRetryDelayMs(job, attempt, ctx.services) : null;
    const dead = delay === null;
    ctx.services.log.warn({ job: row.kind, id: row.id, attempt, error: message }, dead ? 'job failed for good' : 'job failed, will retry');
    await ctx.db.updateTable('outbox').set({
      status: dead ? 'failed' : 'pending', last_error: message,
      run_after: new Date(ctx.services.clock.now().getTime() + (delay ?? 0)),
    }).where('id', '=', row.id).execute();
    if (dead && job?.onDead) {
      try {
        await job.onDead(ctx, job.schema.parse(row.payload), message);
      } catch (hookError) {
        ctx.services.log.error({ job: row.kind, id: row.id, error: safeErrorText(hookError, ctx.services.config) }, 'job failure hook failed');
      }
    }
  }
}

/** Starts polling in this process; returns a stop function. */
export function startDispatcher(services: Services, intervalMs = 1000): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = (): void => {
    if (stopped) return;
    running = asBackgroundWork(() => runDueJobs(services)).catch((e) => services.log.error({ err: String(e) }, 'dispatcher tick failed'))
      .finally(() => { if (!stopped) timer = setTimeout(tick, intervalMs); });
  };
  let timer = setTimeout(tick, intervalMs);
  return async () => { stopped = true; clearTimeout(timer); await running; };
}
