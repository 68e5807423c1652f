import { sql } from 'kysely';
import type { ConfirmedList, ProblemCategoriesConfirm, ProblemCategoriesResponse } from '../../../shared/api/analytics';
import { dayNumberOf, moscowDayOf } from '../../../shared/deadlines/moscow-time';
import { withTransaction, type Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { periodOfDays, previousPeriod, resolvePeriod, type Period } from './period';
import { PROBLEM_FORMULA, scoreCategories, type CategoryFacts } from './problem-score';
import { refreshRollups } from './rollup';

const PROPOSED = 3;
const DEFAULT_DAYS = 90;

/** Per block: candidate categories scored from the data, the proposal, the «прочие» bucket, the confirmed list and its history. */
export async function problemCategories(
  ctx: Ctx,
  q: { from?: string | undefined; to?: string | undefined },
): Promise<ProblemCategoriesResponse> {
  requirePermission(ctx.actor, 'analytics.read');
  if (!ctx.inTransaction) await refreshRollups(ctx.db);
  const period = q.from || q.to ? resolvePeriod(q.from, q.to, ctx.services.clock.now()) : lastDays(ctx, DEFAULT_DAYS);
  const prev = previousPeriod(period);
  const rows = await sql<{
    block_code: string;
    category_code: string;
    cur: unknown;
    prev: unknown;
    late: unknown;
    fin: unknown;
    rep: unknown;
  }>`
    select block_code, category_code,
      coalesce(sum(messages) filter (where day >= ${period.from}::date), 0) as cur,
      coalesce(sum(messages) filter (where day < ${period.from}::date), 0) as prev,
      coalesce(sum(answered_late) filter (where day >= ${period.from}::date), 0) as late,
      coalesce(sum(final_answered) filter (where day >= ${period.from}::date), 0) as fin,
      coalesce(sum(repeats) filter (where day >= ${period.from}::date), 0) as rep
    from analytics_daily where day >= ${prev.from}::date and day <= ${period.to}::date and block_code <> ''
    group by 1, 2`.execute(ctx.db);
  const ref = await ctx.services.reference.get(ctx.db);
  const lists = await ctx.db
    .selectFrom('problem_category_lists')
    .leftJoin('users', 'users.id', 'problem_category_lists.confirmed_by')
    .select([
      'problem_category_lists.id',
      'problem_category_lists.block_code',
      'items',
      'confirmed_at',
      'comment',
      'users.full_name',
      'users.login',
    ])
    .select(sql<string>`period_from::text`.as('pf'))
    .select(sql<string>`period_to::text`.as('pt'))
    .orderBy('confirmed_at', 'desc')
    .orderBy('problem_category_lists.id', 'desc')
    .execute();
  const blocks = ref.blocks.map((b) => {
    const inBlock = rows.rows.filter((r) => r.block_code === b.code);
    const isOther = (code: string) =>
      ref.categories.find((c) => c.blockCode === b.code && c.code === code)?.isOther ?? code === 'other';
    const facts: CategoryFacts[] = inBlock
      .filter((r) => !isOther(r.category_code))
      .map((r) => ({
        category: r.category_code,
        name: ref.categories.find((c) => c.blockCode === b.code && c.code === r.category_code)?.name ?? r.category_code,
        messages: Number(r.cur),
        previous: Number(r.prev),
        late: Number(r.late),
        finalAnswered: Number(r.fin),
        repeats: Number(r.rep),
      }));
    const candidates = scoreCategories(facts);
    const total = inBlock.reduce((s, r) => s + Number(r.cur), 0);
    const other = inBlock.filter((r) => isOther(r.category_code)).reduce((s, r) => s + Number(r.cur), 0);
    const history: ConfirmedList[] = lists
      .filter((l) => l.block_code === b.code)
      .map((l) => ({
        id: String(l.id),
        categories: l.items.map((i) => i.category),
        from: l.pf,
        to: l.pt,
        confirmedBy: l.full_name || l.login || null,
        confirmedAt: l.confirmed_at.toISOString(),
        comment: l.comment,
      }));
    return {
      block: b.code,
      blockName: b.name,
      messages: total,
      candidates,
      proposed: candidates.slice(0, PROPOSED).map((c) => c.category),
      other: { messages: other, share: total > 0 ? Math.round((1000 * other) / total) / 1000 : null },
      confirmed: history[0] ?? null,
      history,
    };
  });
  return { from: period.from, to: period.to, formula: PROBLEM_FORMULA, blocks };
}

function lastDays(ctx: Ctx, days: number): Period {
  const today = moscowDayOf(ctx.services.clock.now());
  return periodOfDays(today - days + 1, today);
}

/** A curator confirms the list of a block (at least three categories of that block); every version is kept. */
export async function confirmProblemCategories(ctx: Ctx, input: ProblemCategoriesConfirm): Promise<ConfirmedList> {
  requirePermission(ctx.actor, 'reports.approve');
  if (dayNumberOf(input.from) > dayNumberOf(input.to))
    throw new AppError('validation_failed', 'Начало периода позже его конца');
  const ref = await ctx.services.reference.get(ctx.db);
  if (!ref.blocks.some((b) => b.code === input.block))
    throw new AppError('validation_failed', `Неизвестный блок: ${input.block}`);
  const unknown = input.categories.filter(
    (c) => !ref.categories.some((k) => k.blockCode === input.block && k.code === c),
  );
  if (unknown.length)
    throw new AppError('validation_failed', `Категории не из блока «${input.block}»: ${unknown.join(', ')}`);
  const unique = [...new Set(input.categories)];
  if (unique.length < 3)
    throw new AppError('validation_failed', 'В списке должно быть не меньше трёх разных категорий');
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const row = await withTransaction(ctx, (tx) =>
    tx.db
      .insertInto('problem_category_lists')
      .values({
        block_code: input.block,
        items: JSON.stringify(unique.map((category) => ({ category }))),
        period_from: input.from,
        period_to: input.to,
        confirmed_by: userId,
        comment: input.comment ?? null,
      })
      .returning(['id', 'confirmed_at'])
      .executeTakeFirstOrThrow(),
  );
  return {
    id: String(row.id),
    categories: unique,
    from: input.from,
    to: input.to,
    confirmedBy: ctx.actor.label,
    confirmedAt: row.confirmed_at.toISOString(),
    comment: input.comment ?? null,
  };
}
