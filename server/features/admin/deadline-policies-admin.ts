// Deadline policies as the administrator keeps them: the first-response and final-answer terms by channel, block and
// category (the most specific matching rule wins, shared/deadlines/deadline-policy.ts). New cases get the terms in
// force when they arrive; cases already open keep theirs. Each change is journalled with the terms before and after.
import type { AdminDeadlinePolicy, DeadlinePolicyInput } from '../../../shared/api/admin-settings';
import { isChannel } from '../../../shared/deadlines/channels';
import { DURATION_UNITS, type DurationUnit } from '../../../shared/deadlines/deadline-policy';
import { withTransaction, type Ctx } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { recordAdminChange } from './admin-journal';

const unit = (u: string): DurationUnit => DURATION_UNITS.find((d) => d === u) ?? 'working_days';

export async function listDeadlinePolicies(ctx: Ctx): Promise<AdminDeadlinePolicy[]> {
  requirePermission(ctx.actor, 'reference.manage');
  const rows = await ctx.db
    .selectFrom('deadline_policies')
    .selectAll()
    .orderBy('channel')
    .orderBy('block_code')
    .orderBy('category_code')
    .orderBy('id')
    .execute();
  return rows.map((p) => ({
    id: p.id,
    channel: p.channel,
    block: p.block_code,
    category: p.category_code,
    firstResponse: { amount: Number(p.first_amount), unit: unit(p.first_unit) },
    finalAnswer: { amount: Number(p.final_amount), unit: unit(p.final_unit) },
    source: p.source,
  }));
}

const keyOf = (p: { channel: string | null; block: string | null; category: string | null }): string =>
  [p.channel ?? 'любой канал', p.block ?? 'любой блок', p.category ?? 'любая категория'].join(' / ');

async function validate(ctx: Ctx, input: DeadlinePolicyInput): Promise<void> {
  if (input.channel !== null && !isChannel(input.channel))
    throw new AppError('validation_failed', `Неизвестный канал «${input.channel}»`);
  const ref = await ctx.services.reference.get(ctx.db);
  if (input.block !== null && !ref.blocks.some((b) => b.code === input.block))
    throw new AppError('validation_failed', `Неизвестный блок «${input.block}»`);
  if (
    input.category !== null &&
    !ref.categories.some((c) => c.code === input.category && (input.block === null || c.blockCode === input.block))
  ) {
    throw new AppError('validation_failed', `Неизвестная категория «${input.category}»`);
  }
}

/** Creates a policy (id null) or changes one; two policies for the same channel, block and category are a conflict. */
export async function saveDeadlinePolicy(
  ctx: Ctx,
  id: number | null,
  input: DeadlinePolicyInput,
): Promise<AdminDeadlinePolicy> {
  requirePermission(ctx.actor, 'reference.manage');
  await validate(ctx, input);
  const savedId = await withTransaction(ctx, async (tx) => {
    const before =
      id === null
        ? undefined
        : await tx.db.selectFrom('deadline_policies').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (id !== null && !before) throw notFound('Правило сроков', 'n');
    let same = tx.db
      .selectFrom('deadline_policies')
      .select('id')
      .where((eb) => (input.channel === null ? eb('channel', 'is', null) : eb('channel', '=', input.channel)))
      .where((eb) => (input.block === null ? eb('block_code', 'is', null) : eb('block_code', '=', input.block)))
      .where((eb) =>
        input.category === null ? eb('category_code', 'is', null) : eb('category_code', '=', input.category),
      );
    if (id !== null) same = same.where('id', '<>', id);
    if (await same.executeTakeFirst())
      throw new AppError('conflict', `Для «${keyOf(input)}» правило сроков уже есть: измените его`);
    const values = {
      channel: input.channel,
      block_code: input.block,
      category_code: input.category,
      first_amount: input.firstResponse.amount,
      first_unit: input.firstResponse.unit,
      final_amount: input.finalAnswer.amount,
      final_unit: input.finalAnswer.unit,
      source: input.source ?? before?.source ?? null,
    };
    const row =
      id === null
        ? await tx.db.insertInto('deadline_policies').values(values).returning('id').executeTakeFirstOrThrow()
        : await tx.db
            .updateTable('deadline_policies')
            .set(values)
            .where('id', '=', id)
            .returning('id')
            .executeTakeFirstOrThrow();
    await recordAdminChange(tx, {
      entity: 'deadline_policy',
      key: keyOf(input),
      action: id === null ? 'created' : 'changed',
      details: {
        from: before
          ? {
              firstResponse: `${Number(before.first_amount)} ${before.first_unit}`,
              finalAnswer: `${Number(before.final_amount)} ${before.final_unit}`,
            }
          : null,
        to: {
          firstResponse: `${input.firstResponse.amount} ${input.firstResponse.unit}`,
          finalAnswer: `${input.finalAnswer.amount} ${input.finalAnswer.unit}`,
        },
      },
    });
    return row.id;
  });
  ctx.services.reference.invalidate();
  return (
    (await listDeadlinePolicies(ctx)).find((p) => p.id === savedId) ?? Promise.reject(notFound('Правило сроков', 'n'))
  );
}

export async function removeDeadlinePolicy(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'reference.manage');
  await withTransaction(ctx, async (tx) => {
    const removed = await tx.db
      .deleteFrom('deadline_policies')
      .where('id', '=', id)
      .returning(['channel', 'block_code', 'category_code'])
      .executeTakeFirst();
    if (!removed) throw notFound('Правило сроков', 'n');
    await recordAdminChange(tx, {
      entity: 'deadline_policy',
      key: keyOf({ channel: removed.channel, block: removed.block_code, category: removed.category_code }),
      action: 'removed',
    });
  });
  ctx.services.reference.invalidate();
}
