import { sql } from 'kysely';
import { enqueue } from '../../jobs/outbox';
import { deliverAnswerJob } from '../deliveries';
import type { Ctx } from '../../lib/context';
import { appendEvents } from './case-events';

// Publication: the moment an answer may reach the citizen. Every channel reads it from here — the delivery job is
// queued only for a published answer, Open311 and the widget's status page show only published answers. An interim
// answer is published when it is given; a final answer when ЦУР accepts it (review, closing an answered case, or the
// publication policy's automatic acceptance). A returned answer is never published. The first published answer
// stops the first-response clock.

/** Publishes the answer (once) in the caller's transaction: marks it, stops the first-response clock, queues delivery. */
export async function publishAnswer(ctx: Ctx, caseId: string, answerId: string): Promise<boolean> {
  const now = ctx.services.clock.now();
  const published = await ctx.db
    .updateTable('answers')
    .set({ published_at: now })
    .where('id', '=', answerId)
    .where('case_id', '=', caseId)
    .where('published_at', 'is', null)
    .where('review_status', '!=', 'returned')
    .returning(['id', 'kind'])
    .executeTakeFirst();
  if (!published) return false;
  await ctx.db
    .updateTable('cases')
    .set({ first_response_at: sql`coalesce(first_response_at, ${now})`, updated_at: sql`now()` })
    .where('id', '=', caseId)
    .execute();
  await appendEvents(ctx, [{ caseId, type: 'published', data: { answerId, kind: published.kind } }]);
  await enqueue(ctx, deliverAnswerJob, { caseId, answerId }, `answer:${answerId}`);
  return true;
}

/** The latest final answer that waits for ЦУР's decision (given, neither published nor returned), if any. */
export async function pendingFinalAnswer(
  ctx: Ctx,
  caseId: string,
): Promise<{ id: string; created_at: Date } | undefined> {
  return ctx.db
    .selectFrom('answers')
    .select(['id', 'created_at'])
    .where('case_id', '=', caseId)
    .where('kind', '=', 'final')
    .where('published_at', 'is', null)
    .where('review_status', '=', 'pending')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
