import type { z } from 'zod';
import {
  changeRequestContentSchema,
  changeRequestInputSchema,
  consolidatedPlanContentSchema,
  consolidatedPlanInputSchema,
  progressReportContentSchema,
  progressReportInputSchema,
  type ChangeRequestInput,
  type ConsolidatedPlanInput,
  type MeasureFactInput,
  type PlanDocumentDetail,
  type PlanDocumentSummary,
  type ProgressReportInput,
} from '../../../shared/api/po-plans';
import type { PoDocumentType } from '../../../shared/projects/approval-chains';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { applyChangeRequest, buildChangeRequest, changeRequestTitle, checkApplicable } from './change-requests';
import { assertTopicBlock, buildPlanContent, markMeasureDone, planParts } from './consolidated-plans';
import {
  allowedActions,
  approvedContent,
  canDraft,
  createDocument,
  editDocument,
  loadDocument,
  presentDocument,
  stepDocument,
  type DocumentRow,
  type StepAction,
} from './po-documents';
import { assertDeviationsExplained, assertPeriodFree, buildReportContent, reportTitle } from './progress-reports';
import { passportDocument } from './projects';

// Progress reports, change requests and consolidated plans through the one approval engine (po-documents.ts): created
// and edited from what the drafter enters (the server adds the figures and the list of changes), moved along the
// decree's chain, read with their history, approved versions and registration numbers.
export type PlanType = Extract<PoDocumentType, 'progress_report' | 'change_request' | 'consolidated_plan'>;
const PLAN_TYPES: readonly PoDocumentType[] = ['progress_report', 'change_request', 'consolidated_plan'];
const isPlanType = (t: PoDocumentType): t is PlanType => PLAN_TYPES.includes(t);

function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new AppError('validation_failed', `${issue?.path.join('.') || 'содержание'}: ${issue?.message ?? 'ошибка'}`);
}

async function loadPlanDocument(ctx: Ctx, id: number, forUpdate = false): Promise<DocumentRow & { type: PlanType }> {
  const doc = await loadDocument(ctx, id, forUpdate);
  if (!isPlanType(doc.type)) throw new AppError('not_found', 'Документ не найден');
  return { ...doc, type: doc.type };
}

async function projectBlock(ctx: Ctx, projectId: number): Promise<string> {
  return (await passportDocument(ctx, projectId)).block_code;
}

export async function createProgressReport(
  ctx: Ctx,
  projectId: number,
  input: ProgressReportInput,
): Promise<PlanDocumentDetail> {
  requirePermission(ctx.actor, 'projects.read');
  const blockCode = await projectBlock(ctx, projectId);
  if (!canDraft(ctx.actor, 'progress_report', blockCode))
    throw new AppError('forbidden', 'Отчёт о ходе реализации готовит ответственный за блок проекта');
  const id = await withTransaction(ctx, async (tx) => {
    const content = await buildReportContent(tx, projectId, input);
    await assertPeriodFree(tx, projectId, content.periodKey, null);
    return createDocument(tx, { type: 'progress_report', projectId, blockCode, title: reportTitle(content), content });
  });
  return getPlanDocument(ctx, id);
}

export async function createChangeRequest(
  ctx: Ctx,
  projectId: number,
  input: ChangeRequestInput,
): Promise<PlanDocumentDetail> {
  requirePermission(ctx.actor, 'projects.read');
  const blockCode = await projectBlock(ctx, projectId);
  if (!canDraft(ctx.actor, 'change_request', blockCode))
    throw new AppError('forbidden', 'Запрос на изменение паспорта готовит ответственный за блок проекта');
  const id = await withTransaction(ctx, async (tx) => {
    const content = await buildChangeRequest(tx, projectId, input);
    return createDocument(tx, {
      type: 'change_request',
      projectId,
      blockCode,
      title: changeRequestTitle(content),
      content,
    });
  });
  return getPlanDocument(ctx, id);
}

export async function createConsolidatedPlan(ctx: Ctx, input: ConsolidatedPlanInput): Promise<PlanDocumentDetail> {
  requirePermission(ctx.actor, 'projects.read');
  await assertTopicBlock(ctx, input.blockCode);
  if (!canDraft(ctx.actor, 'consolidated_plan', input.blockCode))
    throw new AppError('forbidden', 'Сводный план формирует руководитель ЦУР');
  const id = await withTransaction(ctx, async (tx) => {
    const content = await buildPlanContent(tx, input);
    return createDocument(tx, {
      type: 'consolidated_plan',
      projectId: null,
      blockCode: input.blockCode,
      title: `Сводный план «${content.topic}» на ${content.year} год`,
      content,
    });
  });
  return getPlanDocument(ctx, id);
}

/** The drafter's new working copy, from the same input as at creation (an approved document gets a new draft). */
export async function editPlanDocument(
  ctx: Ctx,
  id: number,
  input: unknown,
  comment: string,
): Promise<PlanDocumentDetail> {
  requirePermission(ctx.actor, 'projects.read');
  await withTransaction(ctx, async (tx) => {
    const doc = await loadPlanDocument(tx, id, true);
    if (!allowedActions(ctx.actor, doc).includes('edit')) {
      throw new AppError(
        doc.status === 'draft' || doc.status === 'approved' ? 'forbidden' : 'invalid_transition',
        'Изменить документ сейчас нельзя: он у другой роли или в другом блоке',
      );
    }
    if (doc.type === 'progress_report') {
      const content = await buildReportContent(tx, doc.project_id ?? 0, parsed(progressReportInputSchema, input));
      await assertPeriodFree(tx, doc.project_id ?? 0, content.periodKey, doc.id);
      await editDocument(tx, doc, reportTitle(content), content, comment);
    } else if (doc.type === 'change_request') {
      const content = await buildChangeRequest(tx, doc.project_id ?? 0, parsed(changeRequestInputSchema, input));
      await editDocument(tx, doc, changeRequestTitle(content), content, comment);
    } else {
      const plan = parsed(consolidatedPlanInputSchema, input);
      if (plan.blockCode !== doc.block_code)
        throw new AppError('validation_failed', 'Тема (блок) сводного плана не меняется');
      const content = await buildPlanContent(tx, plan);
      await editDocument(tx, doc, `Сводный план «${content.topic}» на ${content.year} год`, content, comment);
    }
  });
  return getPlanDocument(ctx, id);
}

export async function stepPlanDocument(
  ctx: Ctx,
  id: number,
  action: StepAction,
  comment: string,
): Promise<PlanDocumentDetail> {
  requirePermission(ctx.actor, 'projects.read');
  await withTransaction(ctx, async (tx) => {
    const doc = await loadPlanDocument(tx, id, true);
    if (action === 'submit' && doc.type === 'progress_report' && allowedActions(ctx.actor, doc).includes('submit')) {
      assertDeviationsExplained(progressReportContentSchema.parse(doc.content));
    }
    const passportDoc =
      action === 'approve' && doc.type === 'change_request' && allowedActions(ctx.actor, doc).includes('approve')
        ? await checkApplicable(tx, doc)
        : null;
    await stepDocument(tx, doc, action, comment);
    if (passportDoc) await applyChangeRequest(tx, doc, passportDoc);
  });
  return getPlanDocument(ctx, id);
}

export async function recordMeasureDone(ctx: Ctx, id: number, input: MeasureFactInput): Promise<PlanDocumentDetail> {
  requirePermission(ctx.actor, 'projects.read');
  const doc = await loadPlanDocument(ctx, id);
  if (doc.type !== 'consolidated_plan')
    throw new AppError('conflict', 'Исполнение мероприятий отмечается в сводном плане');
  await markMeasureDone(ctx, doc, input, canDraft(ctx.actor, 'consolidated_plan', doc.block_code));
  return getPlanDocument(ctx, id);
}

export async function getPlanDocument(ctx: Ctx, id: number): Promise<PlanDocumentDetail> {
  requirePermission(ctx.actor, 'projects.read');
  const doc = await loadPlanDocument(ctx, id);
  const approved = await approvedContent(ctx, doc);
  const registered = await ctx.db
    .selectFrom('official_documents')
    .select(['id', 'number', 'entity_id'])
    .where('kind', '=', doc.type)
    .where('entity_id', 'like', `${doc.id}/%`)
    .orderBy('id')
    .execute();
  const base = {
    document: await presentDocument(ctx, doc),
    projectId: doc.project_id,
    report: null,
    changeRequest: null,
    plan: null,
    registered: registered.map((r) => ({
      version: Number(r.entity_id.split('/')[1]),
      number: r.number,
      documentId: String(r.id),
    })),
  };
  if (doc.type === 'progress_report') {
    return {
      ...base,
      report: {
        content: progressReportContentSchema.parse(doc.content),
        approved: approved === null ? null : progressReportContentSchema.parse(approved),
      },
    };
  }
  if (doc.type === 'change_request') {
    return {
      ...base,
      changeRequest: {
        content: changeRequestContentSchema.parse(doc.content),
        approved: approved === null ? null : changeRequestContentSchema.parse(approved),
      },
    };
  }
  return {
    ...base,
    plan: {
      content: consolidatedPlanContentSchema.parse(doc.content),
      approved: approved === null ? null : consolidatedPlanContentSchema.parse(approved),
      blockCode: doc.block_code,
      parts: await planParts(ctx, doc),
      canMarkMeasures: canDraft(ctx.actor, 'consolidated_plan', doc.block_code),
    },
  };
}

type SummaryRow = DocumentRow & { updated_at: Date };
const summary = (ctx: Ctx, d: SummaryRow): PlanDocumentSummary => ({
  id: d.id,
  type: d.type,
  title: d.title,
  blockCode: d.block_code,
  status: d.status,
  stepDueAt: d.step_due_at?.toISOString() ?? null,
  allowed: allowedActions(ctx.actor, d),
  approvedVersion: d.approved_version,
  updatedAt: d.updated_at.toISOString(),
});

async function rowsOf(ctx: Ctx, type: PlanType, projectId: number | null): Promise<SummaryRow[]> {
  let q = ctx.db.selectFrom('po_documents').selectAll().where('type', '=', type).orderBy('id', 'desc');
  if (projectId !== null) q = q.where('project_id', '=', projectId);
  return (await q.execute()).map((r) => ({ ...r, type, status: r.status as DocumentRow['status'] }));
}

export async function projectPlanDocuments(ctx: Ctx, projectId: number) {
  requirePermission(ctx.actor, 'projects.read');
  const passport = await passportDocument(ctx, projectId);
  return {
    reports: (await rowsOf(ctx, 'progress_report', projectId)).map((d) => summary(ctx, d)),
    changeRequests: (await rowsOf(ctx, 'change_request', projectId)).map((d) => summary(ctx, d)),
    canDraft: canDraft(ctx.actor, 'progress_report', passport.block_code),
    passportApproved: passport.approved_version !== null,
  };
}

export async function listConsolidatedPlans(ctx: Ctx): Promise<{ items: PlanDocumentSummary[]; canCreate: boolean }> {
  requirePermission(ctx.actor, 'projects.read');
  return {
    items: (await rowsOf(ctx, 'consolidated_plan', null)).map((d) => summary(ctx, d)),
    canCreate: canDraft(ctx.actor, 'consolidated_plan', ''),
  };
}
