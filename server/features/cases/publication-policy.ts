import { z } from 'zod';
import type { PublicationPolicy, PublicationPolicyInput } from '../../../shared/api/publication';
import { addDuration } from '../../../shared/deadlines/deadlines';
import { defineJob, enqueue } from '../../jobs/outbox';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import type { CaseRow } from './cases.repository';
import { pendingFinalAnswer } from './publish-answer';
import { reviewAnswer } from './review-answer';

// Publication policies (table publication_policies, admin API /api/publication-policies). Without a matching policy
// every final answer waits for ЦУР's review. An `auto` policy schedules, when the final answer is given, a job due
// after N working hours (production calendar); the job accepts the answer as ЦУР would — only if the answer still
// waits for a decision and the policy in force at that moment still says `auto` — so the answer is published then.

const AUTO_ACCEPT_JOB = 'cases.auto_accept';
const AUTO_ACCEPT_ACTOR = { kind: 'system', label: 'Автоматическое принятие ответа (политика публикации)' } as const;

interface Scope {
  channel: string;
  organisationId: number | null;
}

/** The policy for a case: channel and organisation, then organisation, then channel, then the general one. */
export async function resolvePublicationPolicy(
  ctx: Ctx,
  scope: Scope,
): Promise<{ mode: 'control' | 'auto'; autoAcceptHours: number | null }> {
  const rows = await ctx.db
    .selectFrom('publication_policies')
    .selectAll()
    .where((eb) => eb.or([eb('channel', 'is', null), eb('channel', '=', scope.channel)]))
    .where((eb) =>
      eb.or([
        eb('organisation_id', 'is', null),
        ...(scope.organisationId !== null ? [eb('organisation_id', '=', scope.organisationId)] : []),
      ]),
    )
    .execute();
  const rank = (r: (typeof rows)[number]) => (r.organisation_id !== null ? 2 : 0) + (r.channel !== null ? 1 : 0);
  const best = rows.sort((a, b) => rank(b) - rank(a))[0];
  return best?.mode === 'auto'
    ? { mode: 'auto', autoAcceptHours: best.auto_accept_hours }
    : { mode: 'control', autoAcceptHours: null };
}

/** Called when a final answer is given: under an `auto` policy, queues its acceptance after the policy's working hours. */
export async function scheduleAutoAccept(ctx: Ctx, row: CaseRow, answerId: string): Promise<void> {
  const policy = await resolvePublicationPolicy(ctx, { channel: row.channel, organisationId: row.organisation_id });
  if (policy.mode !== 'auto' || policy.autoAcceptHours === null) return;
  const now = ctx.services.clock.now();
  const due =
    policy.autoAcceptHours === 0
      ? now
      : addDuration(now, { amount: policy.autoAcceptHours, unit: 'working_hours' }, ctx.services.calendar);
  await enqueue(ctx, autoAcceptJob, { caseId: row.id, answerId }, `${AUTO_ACCEPT_JOB}:${answerId}`, due);
}

export const autoAcceptJob = defineJob({
  kind: AUTO_ACCEPT_JOB,
  schema: z.object({ caseId: z.string(), answerId: z.string() }),
  maxAttempts: 8,
  async handler(ctx, payload) {
    const auto = { ...ctx, actor: AUTO_ACCEPT_ACTOR };
    await withTransaction(auto, async (tx) => {
      const row = await tx.db
        .selectFrom('cases')
        .select(['id', 'status', 'channel', 'organisation_id'])
        .where('id', '=', payload.caseId)
        .forUpdate()
        .executeTakeFirst();
      if (!row || row.status !== 'answered') return;
      const pending = await pendingFinalAnswer(tx, row.id);
      if (String(pending?.id) !== payload.answerId) return;
      const policy = await resolvePublicationPolicy(tx, { channel: row.channel, organisationId: row.organisation_id });
      if (policy.mode !== 'auto') return;
      await reviewAnswer(tx, row.id, { decision: 'accept', comment: 'Принят автоматически по политике публикации' });
    });
  },
});

function present(r: {
  id: string;
  channel: string | null;
  organisation_id: number | null;
  mode: string;
  auto_accept_hours: number | null;
  updated_at: Date;
}): PublicationPolicy {
  return {
    id: String(r.id),
    channel: r.channel,
    organisationId: r.organisation_id,
    mode: r.mode === 'auto' ? 'auto' : 'control',
    autoAcceptHours: r.auto_accept_hours,
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function listPublicationPolicies(ctx: Ctx): Promise<PublicationPolicy[]> {
  requirePermission(ctx.actor, 'reference.manage');
  const rows = await ctx.db.selectFrom('publication_policies').selectAll().orderBy('id').execute();
  return rows.map(present);
}

/** Creates or replaces the policy of a scope (channel × organisation). */
export async function setPublicationPolicy(ctx: Ctx, input: PublicationPolicyInput): Promise<PublicationPolicy> {
  requirePermission(ctx.actor, 'reference.manage');
  return withTransaction(ctx, async (tx) => {
    if (input.organisationId !== null) {
      const org = await tx.db
        .selectFrom('organisations')
        .select('id')
        .where('id', '=', input.organisationId)
        .executeTakeFirst();
      if (!org) throw new AppError('validation_failed', `Нет организации с id ${input.organisationId}`);
    }
    const values = {
      channel: input.channel,
      organisation_id: input.organisationId,
      mode: input.mode,
      auto_accept_hours: input.autoAcceptHours,
      updated_at: tx.services.clock.now(),
    };
    const existing = await tx.db
      .selectFrom('publication_policies')
      .select('id')
      .where((eb) => (input.channel === null ? eb('channel', 'is', null) : eb('channel', '=', input.channel)))
      .where((eb) =>
        input.organisationId === null
          ? eb('organisation_id', 'is', null)
          : eb('organisation_id', '=', input.organisationId),
      )
      .forUpdate()
      .executeTakeFirst();
    const row = existing
      ? await tx.db
          .updateTable('publication_policies')
          .set(values)
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await tx.db.insertInto('publication_policies').values(values).returningAll().executeTakeFirstOrThrow();
    return present(row);
  });
}

export async function deletePublicationPolicy(ctx: Ctx, id: string): Promise<void> {
  requirePermission(ctx.actor, 'reference.manage');
  if (!/^\d{1,18}$/.test(id)) throw new AppError('not_found', 'Политика не найдена');
  const deleted = await ctx.db
    .deleteFrom('publication_policies')
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  if (!deleted) throw new AppError('not_found', 'Политика не найдена');
}
