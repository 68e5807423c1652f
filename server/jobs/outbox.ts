import { sql } from 'kysely';
import type { z } from 'zod';
import type { Ctx, Services } from '../lib/context';

// Side effects as data: a job row is written in the same transaction as the state change that causes it
// (the transactional outbox), then a dispatcher in every app node claims due rows with FOR UPDATE SKIP LOCKED,
// runs the handler, and retries failures with exponential backoff. Idempotency keys make enqueue safe to repeat.
// Every job is listed in `registry.ts`; the dispatcher (`dispatcher.ts`) runs only the jobs listed there.
export interface JobDefinition<S extends z.ZodTypeAny> {
  kind: string;
  schema: S;
  /** A number: attempts with exponential backoff; 'delivery': the configured delivery schedule (pauses + 1 attempts). */
  maxAttempts: number | 'delivery';
  handler(ctx: Ctx, payload: z.infer<S>): Promise<void>;
  /** Called once when the job has failed for good (attempts exhausted), e.g. to make the failure visible on a case. */
  onDead?(ctx: Ctx, payload: z.infer<S>, error: string): Promise<void>;
}

/** Declares a job (no registration: list it in registry.ts so the dispatcher runs it). */
export function defineJob<S extends z.ZodTypeAny>(job: JobDefinition<S>): JobDefinition<S> {
  return job;
}

/** Writes a job row in the caller's transaction; the payload is checked against the job's schema first. */
export async function enqueue<S extends z.ZodTypeAny>(
  ctx: Ctx,
  job: JobDefinition<S>,
  payload: z.input<S>,
  idempotencyKey?: string,
  runAfter?: Date,
): Promise<void> {
  job.schema.parse(payload);
  const now = ctx.services.clock.now();
  const row = {
    // Due times follow the application's clock (the one runDueJobs compares with), not the database server's.
    kind: job.kind,
    payload: JSON.stringify(payload),
    idempotency_key: idempotencyKey ?? null,
    run_after: runAfter ?? now,
    created_at: now,
  };
  if (idempotencyKey === undefined) {
    await ctx.db.insertInto('outbox').values(row).execute();
    return;
  }
  // The outbox is partitioned by month (migration 0047): its idempotency keys live in outbox_keys, written first in
  // the same statement; a key already there writes no job.
  await ctx.db
    .with('fresh', (db) =>
      db
        .insertInto('outbox_keys')
        .values({ idempotency_key: idempotencyKey, created_at: now })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .returning('idempotency_key'),
    )
    .insertInto('outbox')
    .columns(['kind', 'payload', 'idempotency_key', 'run_after', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('fresh')
        .select([
          sql<string>`${row.kind}::text`.as('kind'),
          sql<string>`${row.payload}::jsonb`.as('payload'),
          'fresh.idempotency_key',
          sql<Date>`${row.run_after}::timestamptz`.as('run_after'),
          sql<Date>`${row.created_at}::timestamptz`.as('created_at'),
        ]),
    )
    .execute();
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
export function nextRetryDelayMs(
  job: Pick<JobDefinition<z.ZodTypeAny>, 'maxAttempts'>,
  attempt: number,
  services: Services,
): number | null {
  if (job.maxAttempts === 'delivery') return services.config.delivery.retryScheduleMs[attempt - 1] ?? null;
  return attempt >= job.maxAttempts ? null : backoffMs(attempt);
}
