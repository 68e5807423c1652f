import type { z } from 'zod';
import {
  groupContentSchema,
  indicatorContentSchema,
  type PoDocumentDetail,
  type PoDocumentInput,
} from '../../../shared/api/po-documents';
import type { PoDocument } from '../../../shared/api/projects';
import { isBlockScoped } from '../../../shared/auth/roles';
import { APPROVAL_CHAINS, type PoDocumentType } from '../../../shared/projects/approval-chains';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { createKpi } from '../kpi/save-kpi';
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

// Group compositions and additional indicators: created, edited and moved through their chains here (passports go
// through their project). The curator's approval of an additional indicator adds it to the indicators.
type OfficeType = Extract<PoDocumentType, 'group' | 'indicator'>;
const isOffice = (type: PoDocumentType): type is OfficeType => type === 'group' || type === 'indicator';
const SCHEMAS: Record<OfficeType, z.ZodType<{ name?: string; title?: string }>> = {
  group: groupContentSchema,
  indicator: indicatorContentSchema,
};

function parse(type: OfficeType, content: unknown): { name?: string; title?: string } {
  const parsed = SCHEMAS[type].safeParse(content);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('validation_failed', `${issue?.path.join('.') || 'содержание'}: ${issue?.message ?? 'ошибка'}`);
  }
  return parsed.data;
}
const titleOf = (c: { name?: string; title?: string }): string => c.name ?? c.title ?? '';

async function loadOffice(ctx: Ctx, id: number, forUpdate = false): Promise<DocumentRow & { type: OfficeType }> {
  const doc = await loadDocument(ctx, id, forUpdate);
  if (!isOffice(doc.type))
    throw new AppError(
      'conflict',
      'Этот документ меняется на своей странице (проект, сводный план, группа, дорожная карта)',
    );
  return { ...doc, type: doc.type };
}

export async function createOfficeDocument(ctx: Ctx, input: PoDocumentInput): Promise<PoDocumentDetail> {
  requirePermission(ctx.actor, 'projects.read');
  if (!(await ctx.db.selectFrom('blocks').select('code').where('code', '=', input.blockCode).executeTakeFirst())) {
    throw new AppError('validation_failed', `Блок ${input.blockCode} не найден`);
  }
  const id = await withTransaction(ctx, (tx) =>
    createDocument(tx, {
      type: input.type,
      projectId: null,
      blockCode: input.blockCode,
      title: titleOf(input.content),
      content: input.content,
    }),
  );
  return getOfficeDocument(ctx, id);
}

export async function editOfficeDocument(
  ctx: Ctx,
  id: number,
  content: unknown,
  comment: string,
): Promise<PoDocumentDetail> {
  requirePermission(ctx.actor, 'projects.read');
  await withTransaction(ctx, async (tx) => {
    const doc = await loadOffice(tx, id, true);
    const parsed = parse(doc.type, content);
    await editDocument(tx, doc, titleOf(parsed), parsed, comment);
  });
  return getOfficeDocument(ctx, id);
}

export async function stepOfficeDocument(
  ctx: Ctx,
  id: number,
  action: StepAction,
  comment: string,
): Promise<PoDocumentDetail> {
  requirePermission(ctx.actor, 'projects.read');
  await withTransaction(ctx, async (tx) => {
    const doc = await loadOffice(tx, id, true);
    await stepDocument(tx, doc, action, comment);
    if (action === 'approve' && doc.type === 'indicator') {
      const { projectId: _p, projectResult: _r, ...kpi } = indicatorContentSchema.parse(doc.content);
      await createKpi(tx, { ...kpi, kind: 'additional' });
    }
  });
  return getOfficeDocument(ctx, id);
}

export async function getOfficeDocument(ctx: Ctx, id: number): Promise<PoDocumentDetail> {
  requirePermission(ctx.actor, 'projects.read');
  const doc = await loadOffice(ctx, id);
  return {
    document: await presentDocument(ctx, doc),
    content: doc.content,
    approvedContent: await approvedContent(ctx, doc),
  };
}

export async function listOfficeDocuments(
  ctx: Ctx,
  type?: OfficeType,
): Promise<{
  items: Omit<PoDocument, 'steps' | 'versions'>[];
  canPropose: { groupBlock: string | null; indicator: boolean };
}> {
  requirePermission(ctx.actor, 'projects.read');
  let q = ctx.db.selectFrom('po_documents').selectAll().where('type', 'in', ['group', 'indicator']).orderBy('id');
  if (type) q = q.where('type', '=', type);
  const rows = (await q.execute()) as DocumentRow[];
  const block = ctx.actor.kind === 'user' ? ctx.actor.blockCode : null;
  const indicatorDrafter =
    ctx.actor.kind === 'user' &&
    APPROVAL_CHAINS.indicator.drafters.includes(ctx.actor.role) &&
    (!isBlockScoped(ctx.actor.role) || block !== null);
  return {
    canPropose: {
      groupBlock: block !== null && canDraft(ctx.actor, 'group', block) ? block : null,
      indicator: indicatorDrafter,
    },
    items: rows.map((d) => ({
      id: d.id,
      type: d.type,
      title: d.title,
      blockCode: d.block_code,
      status: d.status,
      stepDueAt: d.step_due_at?.toISOString() ?? null,
      allowed: allowedActions(ctx.actor, d),
    })),
  };
}
