import type { FactInput, IndicatorProgress, PassportIndicator, Progress } from '../../../shared/api/projects';
import { toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { can, requirePermission } from '../auth/authorize';
import { canDraft } from './po-documents';
import { computeFigure, monthPeriod } from './platform-figures';
import { baselinePassport } from './projects';

// Plan vs fact of a project's indicators by month for a year, against the baseline passport. A computed indicator's
// fact is its platform figure for the month (months not yet started have none); a hand-entered indicator's fact is
// the latest value entered for the month, with who entered it and when (earlier entries are kept).
type FactRow = { indicator_code: string; month: number; value: number; author_label: string; entered_at: Date };

async function latestFacts(ctx: Ctx, projectId: number, year: number): Promise<Map<string, FactRow>> {
  const rows = await ctx.db
    .selectFrom('project_indicator_facts')
    .select(['indicator_code', 'month', 'value', 'author_label', 'entered_at'])
    .where('project_id', '=', projectId)
    .where('year', '=', year)
    .orderBy('id')
    .execute();
  return new Map(rows.map((r) => [`${r.indicator_code}:${r.month}`, r]));
}

export async function projectProgress(ctx: Ctx, projectId: number, year?: number): Promise<Progress> {
  requirePermission(ctx.actor, 'projects.read');
  const today = toMoscowIsoDate(ctx.services.clock.now());
  const y = year ?? Number(today.slice(0, 4));
  const { passport } = await baselinePassport(ctx, projectId);
  const facts = await latestFacts(ctx, projectId, y);
  const indicators: IndicatorProgress[] = [];
  for (const ind of passport.indicators) indicators.push(await indicatorProgress(ctx, ind, y, today, facts));
  return { year: y, indicators };
}

async function indicatorProgress(
  ctx: Ctx,
  ind: PassportIndicator,
  year: number,
  today: string,
  facts: Map<string, FactRow>,
): Promise<IndicatorProgress> {
  const months: IndicatorProgress['months'] = [];
  for (let month = 1; month <= 12; month++) {
    const plan = ind.plan.find((p) => p.year === year && p.month === month)?.value ?? null;
    const started = `${year}-${String(month).padStart(2, '0')}-01` <= today;
    let fact: number | null = null;
    let source: 'computed' | 'manual' | 'none' = 'none';
    let enteredBy: string | null = null;
    let enteredAt: string | null = null;
    if (ind.source.kind === 'platform') {
      if (started) {
        fact = await computeFigure(ctx.db, ind.source, monthPeriod(year, month));
        source = 'computed';
      }
    } else {
      const f = facts.get(`${ind.code}:${month}`);
      if (f) {
        fact = f.value;
        source = 'manual';
        enteredBy = f.author_label;
        enteredAt = f.entered_at.toISOString();
      }
    }
    if (fact !== null) fact = Math.round(fact * 10) / 10;
    const deviation =
      plan === null || fact === null
        ? null
        : Math.round((ind.direction === 'down' ? plan - fact : fact - plan) * 10) / 10;
    months.push({ month, plan, fact, deviation, source, enteredBy, enteredAt });
  }
  return {
    code: ind.code,
    title: ind.title,
    unit: ind.unit,
    method: ind.method,
    computed: ind.source.kind === 'platform',
    yearPlan: ind.plan.find((p) => p.year === year && p.month === null)?.value ?? null,
    months,
  };
}

/** A hand-entered fact: by the block's drafters of the passport or by those who manage indicators. */
export async function recordFact(ctx: Ctx, projectId: number, input: FactInput): Promise<Progress> {
  requirePermission(ctx.actor, 'projects.read');
  const { passport, blockCode } = await baselinePassport(ctx, projectId);
  if (!canDraft(ctx.actor, 'passport', blockCode) && !can(ctx.actor, 'kpi.manage'))
    throw new AppError('forbidden', 'Факт вносит ответственный за блок или руководитель ЦУР');
  const ind = passport.indicators.find((i) => i.code === input.indicatorCode);
  if (!ind) throw new AppError('validation_failed', `В паспорте нет показателя ${input.indicatorCode}`);
  if (ind.source.kind === 'platform')
    throw new AppError('conflict', 'Показатель рассчитывается по данным платформы, факт не вносится вручную');
  if (`${input.year}-${String(input.month).padStart(2, '0')}-01` > toMoscowIsoDate(ctx.services.clock.now())) {
    throw new AppError('validation_failed', 'Месяц ещё не начался');
  }
  await withTransaction(ctx, (tx) =>
    tx.db
      .insertInto('project_indicator_facts')
      .values({
        project_id: projectId,
        indicator_code: ind.code,
        year: input.year,
        month: input.month,
        value: input.value,
        comment: input.comment,
        author_user_id: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        author_label: ctx.actor.label,
        entered_at: ctx.services.clock.now(),
      })
      .execute(),
  );
  return projectProgress(ctx, projectId, input.year);
}
