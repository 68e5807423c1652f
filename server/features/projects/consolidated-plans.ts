import { sql } from 'kysely';
import {
  consolidatedPlanContentSchema,
  progressReportContentSchema,
  type ConsolidatedPlanContent,
  type ConsolidatedPlanInput,
  type MeasureFactInput,
  type PlanPart,
} from '../../../shared/api/po-plans';
import { passportSchema } from '../../../shared/api/projects';
import { toMoscowIsoDate, toMoscowRuDate } from '../../../shared/deadlines/moscow-time';
import { pointStatus } from '../../../shared/projects/plan-rules';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { approvedContent, type DocumentRow } from './po-documents';
import { passportDocument } from './projects';

// A consolidated plan per topic (сводный план, decree п. 10): the head gathers control points of several projects
// (taken with their dates from the approved passports) and the plan's own measures; the curator approves it. Its plan
// vs fact: a control point is done when the project's latest approved progress report gives it a date of
// completion; a measure is done when the plan's owner marks it (appended with who and when, the latest counts).

export async function assertTopicBlock(ctx: Ctx, blockCode: string): Promise<void> {
  if (!(await ctx.db.selectFrom('blocks').select('code').where('code', '=', blockCode).executeTakeFirst())) {
    throw new AppError('validation_failed', `Блок ${blockCode} не найден`);
  }
}

export async function buildPlanContent(ctx: Ctx, input: ConsolidatedPlanInput): Promise<ConsolidatedPlanContent> {
  const passports = new Map<number, { title: string; controlPoints: { title: string; date: string }[] }>();
  const items: ConsolidatedPlanContent['items'] = [];
  for (const item of input.items) {
    let project = item.projectId === null ? null : (passports.get(item.projectId) ?? null);
    if (item.projectId !== null && project === null) {
      const doc = await passportDocument(ctx, item.projectId);
      const approved = await approvedContent(ctx, doc);
      if (approved === null)
        throw new AppError('validation_failed', `Паспорт проекта № ${item.projectId} ещё не утверждён`);
      const p = passportSchema.parse(approved);
      project = { title: p.name, controlPoints: p.controlPoints };
      passports.set(item.projectId, project);
    }
    if (item.kind === 'control_point') {
      const point = project?.controlPoints.find((c) => c.title === item.title);
      if (!point || !project)
        throw new AppError(
          'validation_failed',
          `В утверждённом паспорте проекта нет контрольной точки «${item.title}»`,
        );
      items.push({
        kind: 'control_point',
        projectId: item.projectId,
        projectTitle: project.title,
        title: item.title,
        date: point.date,
        responsible: '',
      });
    } else {
      items.push({
        kind: 'measure',
        projectId: item.projectId,
        projectTitle: project?.title ?? '',
        title: item.title,
        date: item.date,
        responsible: item.responsible,
      });
    }
  }
  const keys = items.map((i) => `${i.kind}:${i.projectId ?? ''}:${i.title}`);
  const dup = keys.findIndex((k, i) => keys.indexOf(k) !== i);
  if (dup >= 0) throw new AppError('validation_failed', `«${items[dup]?.title ?? ''}» указано в плане дважды`);
  return { topic: input.topic, year: input.year, items: items.sort((a, b) => a.date.localeCompare(b.date)) };
}

/** Dates of completion of control points from each project's latest approved progress report. */
async function reportedDone(
  ctx: Ctx,
  projectIds: number[],
): Promise<Map<string, { doneDate: string; source: string }>> {
  const done = new Map<string, { doneDate: string; source: string }>();
  if (projectIds.length === 0) return done;
  const rows = await ctx.db
    .selectFrom('po_document_versions')
    .innerJoin('po_documents', 'po_documents.id', 'po_document_versions.document_id')
    .select(['po_documents.project_id', 'po_document_versions.content', 'po_document_versions.approved_at'])
    .where('po_documents.type', '=', 'progress_report')
    .where('po_documents.project_id', 'in', projectIds)
    .orderBy(sql`po_document_versions.content->>'to'`)
    .orderBy('po_document_versions.approved_at')
    .execute();
  for (const row of rows) {
    const report = progressReportContentSchema.parse(row.content);
    for (const cp of report.controlPoints) {
      if (cp.doneDate)
        done.set(`${report.projectId}:${cp.title}`, {
          doneDate: cp.doneDate,
          source: `отчёт за ${report.periodLabel}`,
        });
    }
  }
  return done;
}

export async function planParts(ctx: Ctx, doc: DocumentRow): Promise<PlanPart[]> {
  const content = consolidatedPlanContentSchema.parse((await approvedContent(ctx, doc)) ?? doc.content);
  const today = toMoscowIsoDate(ctx.services.clock.now());
  const projectIds = [
    ...new Set(content.items.flatMap((i) => (i.kind === 'control_point' && i.projectId !== null ? [i.projectId] : []))),
  ];
  const reported = await reportedDone(ctx, projectIds);
  const marks = await ctx.db
    .selectFrom('consolidated_plan_facts')
    .select(['item_title', sql<string>`done_date::text`.as('done_date'), 'author_label', 'entered_at'])
    .where('document_id', '=', doc.id)
    .orderBy('id')
    .execute();
  const marked = new Map(marks.map((m) => [m.item_title, m]));
  return content.items.map((item) => {
    let doneDate: string | null = null;
    let factSource: string | null = null;
    if (item.kind === 'control_point') {
      const r = reported.get(`${item.projectId ?? ''}:${item.title}`);
      if (r) {
        doneDate = r.doneDate;
        factSource = r.source;
      }
    } else {
      const m = marked.get(item.title);
      if (m) {
        doneDate = m.done_date;
        factSource = `отметил ${m.author_label} ${toMoscowRuDate(m.entered_at)}`;
      }
    }
    return { ...item, doneDate, factSource, status: pointStatus(item.date, doneDate, today) };
  });
}

/** The plan's owner (its drafters) marks one of the plan's own measures done on a date. */
export async function markMeasureDone(
  ctx: Ctx,
  doc: DocumentRow,
  input: MeasureFactInput,
  mayMark: boolean,
): Promise<void> {
  if (!mayMark) throw new AppError('forbidden', 'Исполнение мероприятий сводного плана отмечает руководитель ЦУР');
  const content = consolidatedPlanContentSchema.parse((await approvedContent(ctx, doc)) ?? doc.content);
  if (!content.items.some((i) => i.kind === 'measure' && i.title === input.title)) {
    throw new AppError('validation_failed', `В плане нет мероприятия «${input.title}»`);
  }
  if (input.doneDate > toMoscowIsoDate(ctx.services.clock.now()))
    throw new AppError('validation_failed', 'Дата выполнения ещё не наступила');
  await withTransaction(ctx, (tx) =>
    tx.db
      .insertInto('consolidated_plan_facts')
      .values({
        document_id: doc.id,
        item_title: input.title,
        done_date: input.doneDate,
        comment: input.comment,
        author_user_id: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        author_label: ctx.actor.label,
        entered_at: ctx.services.clock.now(),
      })
      .execute(),
  );
}
