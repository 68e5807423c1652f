import { sql } from 'kysely';
import type { WorkloadBlock, WorkloadNormsInput, WorkloadResponse } from '../../../shared/api/analytics';
import { withTransaction, type Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { recordAdminChange } from '../admin/admin-journal';
import { resolvePeriod } from './period';
import { refreshRollups } from './rollup';

export const WORKLOAD_FORMULA =
  'Часы = (сообщения × минут на сообщение + ответы × минут на ответ) / 60; ' +
  'нужно сотрудников = часы / (часов на сотрудника в месяц × число месяцев периода), где месяц = 30,44 дня.';

/** Staff needed for the block's volume under its norms; null without norms. Pure. */
export function staffingEstimate(
  messages: number,
  answers: number,
  days: number,
  norms: Omit<WorkloadNormsInput, 'block'> | null,
) {
  if (!norms) return { hours: null, staffNeeded: null };
  const hours = (messages * norms.minutesPerMessage + answers * norms.minutesPerAnswer) / 60;
  const months = days / 30.44;
  return {
    hours: Math.round(hours * 10) / 10,
    staffNeeded: Math.round((100 * hours) / (norms.hoursPerStaffMonth * months)) / 100,
  };
}

/** Messages and answers per block, per organisation and per staff member in the period, with the staffing estimate. */
export async function workload(
  ctx: Ctx,
  q: { from?: string | undefined; to?: string | undefined },
): Promise<WorkloadResponse> {
  requirePermission(ctx.actor, 'analytics.read');
  if (!ctx.inTransaction) await refreshRollups(ctx.db);
  const p = resolvePeriod(q.from, q.to, ctx.services.clock.now());
  const [msgs, answers, norms, ref] = await Promise.all([
    sql<{ block: string; org: number; messages: unknown }>`
      select block_code as block, organisation_id as org, sum(messages) as messages from analytics_daily
      where day >= ${p.from}::date and day <= ${p.to}::date group by 1, 2`.execute(ctx.db),
    sql<{ block: string; org: number; user_id: number | null; staff: string | null; answers: unknown; cases: unknown }>`
      select coalesce(c.block_code, '') as block, coalesce(a.organisation_id, c.organisation_id, 0) as org, a.author_user_id as user_id,
             coalesce(nullif(u.full_name, ''), u.login) as staff, count(*) as answers, count(distinct a.case_id) as cases
      from answers a join cases c on c.id = a.case_id left join users u on u.id = a.author_user_id
      where a.created_at >= ${p.start} and a.created_at < ${p.end} group by 1, 2, 3, 4`.execute(ctx.db),
    ctx.db.selectFrom('workload_norms').selectAll().execute(),
    ctx.services.reference.get(ctx.db),
  ]);
  const orgName = (id: number) => ref.organisationById.get(id)?.name ?? 'Не назначена';
  const blocks: WorkloadBlock[] = [
    ...ref.blocks.map((b) => ({ code: b.code, name: b.name })),
    { code: '', name: 'Не классифицировано' },
  ]
    .map((b) => {
      const m = msgs.rows.filter((r) => r.block === b.code);
      const a = answers.rows.filter((r) => r.block === b.code);
      const orgs = new Map<number, { messages: number; answers: number }>();
      for (const r of m) {
        const o = orgs.get(r.org) ?? { messages: 0, answers: 0 };
        o.messages += Number(r.messages);
        orgs.set(r.org, o);
      }
      for (const r of a) {
        const o = orgs.get(r.org) ?? { messages: 0, answers: 0 };
        o.answers += Number(r.answers);
        orgs.set(r.org, o);
      }
      const staff = a
        .filter((r) => r.user_id !== null)
        .map((r) => ({
          key: String(r.user_id),
          name: r.staff ?? '',
          messages: Number(r.cases),
          answers: Number(r.answers),
        }));
      const messages = m.reduce((s, r) => s + Number(r.messages), 0);
      const answerCount = a.reduce((s, r) => s + Number(r.answers), 0);
      const n = norms.find((x) => x.block_code === b.code);
      const blockNorms = n
        ? {
            minutesPerMessage: Number(n.minutes_per_message),
            minutesPerAnswer: Number(n.minutes_per_answer),
            hoursPerStaffMonth: Number(n.hours_per_staff_month),
          }
        : null;
      return {
        key: b.code,
        name: b.name,
        messages,
        answers: answerCount,
        norms: blockNorms,
        ...staffingEstimate(messages, answerCount, p.days, blockNorms),
        organisations: [...orgs]
          .map(([id, v]) => ({ key: String(id), name: orgName(id), ...v }))
          .sort((x, y) => y.messages - x.messages),
        staff: mergeStaff(staff),
      };
    })
    .filter((b) => b.key !== '' || b.messages > 0 || b.answers > 0);
  return {
    from: p.from,
    to: p.to,
    months: Math.round((p.days / 30.44) * 100) / 100,
    formula: WORKLOAD_FORMULA,
    blocks,
  };
}

function mergeStaff(rows: { key: string; name: string; messages: number; answers: number }[]) {
  const by = new Map<string, { key: string; name: string; messages: number; answers: number }>();
  for (const r of rows) {
    const s = by.get(r.key);
    if (s) {
      s.messages += r.messages;
      s.answers += r.answers;
    } else by.set(r.key, { ...r });
  }
  return [...by.values()].sort((a, b) => b.answers - a.answers);
}

/** The admin sets the handling-time norms of a block. */
export async function saveWorkloadNorms(ctx: Ctx, input: WorkloadNormsInput): Promise<WorkloadNormsInput> {
  requirePermission(ctx.actor, 'reference.manage');
  const ref = await ctx.services.reference.get(ctx.db);
  if (!ref.blocks.some((b) => b.code === input.block))
    throw new AppError('validation_failed', `Неизвестный блок: ${input.block}`);
  const values = {
    block_code: input.block,
    minutes_per_message: input.minutesPerMessage,
    minutes_per_answer: input.minutesPerAnswer,
    hours_per_staff_month: input.hoursPerStaffMonth,
    updated_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    updated_at: ctx.services.clock.now(),
  };
  await withTransaction(ctx, async (tx) => {
    const before = await tx.db
      .selectFrom('workload_norms')
      .select(['minutes_per_message', 'minutes_per_answer', 'hours_per_staff_month'])
      .where('block_code', '=', input.block)
      .executeTakeFirst();
    await tx.db
      .insertInto('workload_norms')
      .values(values)
      .onConflict((oc) => oc.column('block_code').doUpdateSet(values))
      .execute();
    await recordAdminChange(tx, {
      entity: 'workload_norms',
      key: input.block,
      action: 'changed',
      details: {
        from: before
          ? {
              minutesPerMessage: Number(before.minutes_per_message),
              minutesPerAnswer: Number(before.minutes_per_answer),
              hoursPerStaffMonth: Number(before.hours_per_staff_month),
            }
          : null,
        to: {
          minutesPerMessage: input.minutesPerMessage,
          minutesPerAnswer: input.minutesPerAnswer,
          hoursPerStaffMonth: input.hoursPerStaffMonth,
        },
      },
    });
  });
  return input;
}
