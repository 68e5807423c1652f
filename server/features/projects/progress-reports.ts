import { sql } from 'kysely';
import type { ProgressReportContent, ProgressReportInput } from '../../../shared/api/po-plans';
import { passportSchema, type Passport } from '../../../shared/api/projects';
import { toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import { periodBounds, periodKey, periodLabel, periodMonths, pointStatus } from '../../../shared/projects/plan-rules';
import type { Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { projectProgress } from './project-progress';
import { approvedContent } from './po-documents';
import { passportDocument } from './projects';

// A project's progress report for a month, quarter or year (decree п. 10–11): the block owner enters what was done —
// control points completed (ДД.ММ.ГГГГ), facts of the year's results, explanations and measures for deviations — and
// the server adds the plan and the facts of the indicators from the approved passport and the platform's figures.
// The content is a snapshot taken when the draft is saved; the approved version never changes.

const round = (v: number): number => Math.round(v * 10) / 10;
const oneOf = <T extends { title: string }>(items: readonly T[], title: string, what: string): T => {
  const found = items.find((x) => x.title === title);
  if (!found) throw new AppError('validation_failed', `${what} «${title}» нет в утверждённом паспорте`);
  return found;
};

async function indicatorsOf(
  ctx: Ctx,
  projectId: number,
  passport: Passport,
  input: ProgressReportInput,
): Promise<ProgressReportContent['indicators']> {
  const progress = await projectProgress(ctx, projectId, input.period.year);
  const months = new Set(periodMonths(input.period));
  return progress.indicators.map((ind) => {
    const direction = passport.indicators.find((i) => i.code === ind.code)?.direction ?? 'up';
    const inPeriod = ind.months.filter((m) => months.has(m.month));
    const withFact = inPeriod.filter((m) => m.fact !== null);
    const lastFact = withFact[withFact.length - 1];
    // compared: the last month of the period with both plan and fact; a year report compares the year's plan if set
    const both = withFact.filter((m) => m.plan !== null);
    const ref = both[both.length - 1] ?? lastFact;
    const yearly = input.period.kind === 'year' && ind.yearPlan !== null;
    const plan = yearly ? ind.yearPlan : (ref?.plan ?? null);
    const at = yearly ? lastFact : ref;
    const fact = at?.fact ?? null;
    const deviation = plan === null || fact === null ? null : round(direction === 'down' ? plan - fact : fact - plan);
    return {
      code: ind.code,
      title: ind.title,
      unit: ind.unit,
      computed: ind.computed,
      plan,
      fact,
      deviation,
      factMonth: at?.month ?? null,
      months: inPeriod.map((m) => ({ month: m.month, plan: m.plan, fact: m.fact })),
    };
  });
}

/** The report's content from what the block owner entered and the project's approved passport and figures. */
export async function buildReportContent(
  ctx: Ctx,
  projectId: number,
  input: ProgressReportInput,
): Promise<ProgressReportContent & { periodKey: string }> {
  const doc = await passportDocument(ctx, projectId);
  const approved = await approvedContent(ctx, doc);
  if (approved === null)
    throw new AppError('conflict', 'Отчёт о ходе реализации готовится по утверждённому паспорту проекта');
  const passport = passportSchema.parse(approved);
  const today = toMoscowIsoDate(ctx.services.clock.now());
  const { from, to } = periodBounds(input.period);
  if (from > today) throw new AppError('validation_failed', 'Период отчёта ещё не начался');
  const asOf = to < today ? to : today;
  for (const cp of input.controlPoints) {
    oneOf(passport.controlPoints, cp.title, 'Контрольной точки');
    if (cp.doneDate && cp.doneDate > today)
      throw new AppError('validation_failed', `Контрольная точка «${cp.title}»: дата выполнения ещё не наступила`);
  }
  const controlPoints = passport.controlPoints.map((p) => {
    const entered = input.controlPoints.find((c) => c.title === p.title);
    const doneDate = entered?.doneDate ?? null;
    return {
      title: p.title,
      date: p.date,
      doneDate,
      atRisk: entered?.atRisk ?? false,
      comment: entered?.comment ?? '',
      status: pointStatus(p.date, doneDate, asOf, entered?.atRisk ?? false),
    };
  });
  const yearResults = passport.results.filter((r) => r.year === input.period.year);
  for (const r of input.results) oneOf(yearResults, r.title, `Результата ${input.period.year} года`);
  const results = yearResults.map((r) => {
    const entered = input.results.find((x) => x.title === r.title);
    return {
      title: r.title,
      year: r.year,
      unit: r.unit,
      plan: r.value,
      fact: entered?.fact ?? null,
      comment: entered?.comment ?? '',
    };
  });
  const indicators = await indicatorsOf(ctx, projectId, passport, input);
  const subjects = [
    ...indicators.filter((i) => i.deviation !== null && i.deviation < 0).map((i) => `Показатель «${i.title}»`),
    ...results
      .filter((r) => r.plan !== null && r.fact !== null && r.fact < r.plan)
      .map((r) => `Результат «${r.title}»`),
    ...controlPoints
      .filter((c) => c.status === 'late' || c.status === 'at_risk')
      .map((c) => `Контрольная точка «${c.title}»`),
  ];
  const explained = new Map(input.deviations.map((d) => [d.subject, d]));
  const deviations = [
    ...subjects.map((subject) => ({
      subject,
      explanation: explained.get(subject)?.explanation ?? '',
      measures: explained.get(subject)?.measures ?? '',
    })),
    ...input.deviations.filter((d) => !subjects.includes(d.subject)),
  ];
  return {
    projectId,
    projectTitle: passport.name,
    passportVersion: doc.approved_version,
    period: input.period,
    periodKey: periodKey(input.period),
    periodLabel: periodLabel(input.period),
    from,
    to,
    summary: input.summary,
    indicators,
    results,
    controlPoints,
    deviations,
  };
}

export const reportTitle = (c: Pick<ProgressReportContent, 'projectTitle' | 'periodLabel'>): string =>
  `Отчёт о ходе реализации «${c.projectTitle}» за ${c.periodLabel}`;

/** One report per project and period. */
export async function assertPeriodFree(
  ctx: Ctx,
  projectId: number,
  key: string,
  exceptId: number | null,
): Promise<void> {
  let q = ctx.db
    .selectFrom('po_documents')
    .select('id')
    .where('project_id', '=', projectId)
    .where('type', '=', 'progress_report')
    .where(sql<string>`content->>'periodKey'`, '=', key);
  if (exceptId !== null) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst())
    throw new AppError('conflict', 'Отчёт за этот период уже есть: откройте его в списке отчётов проекта');
}

/** Before a report goes to the head: every deviation has an explanation and measures. */
export function assertDeviationsExplained(content: ProgressReportContent): void {
  const missing = content.deviations.find((d) => !d.explanation.trim() || !d.measures.trim());
  if (missing) throw new AppError('validation_failed', `Объясните отклонение и укажите меры: ${missing.subject}`);
}
