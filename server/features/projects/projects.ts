import { passportSchema, type Passport, type ProjectCreate, type ProjectDetail } from '../../../shared/api/projects';
import type { PoStatus } from '../../../shared/projects/approval-chains';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import {
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

// Projects (programmes) per block, each with one passport that goes through the decree's chain: block owner
// drafts → head agrees → curator approves.
async function assertBlock(ctx: Ctx, code: string): Promise<string> {
  const block = await ctx.db.selectFrom('blocks').select('name').where('code', '=', code).executeTakeFirst();
  if (!block) throw new AppError('validation_failed', `Блок ${code} не найден`);
  return block.name;
}

export async function createProject(ctx: Ctx, input: ProjectCreate): Promise<ProjectDetail> {
  requirePermission(ctx.actor, 'projects.read');
  await assertBlock(ctx, input.blockCode);
  if (!canDraft(ctx.actor, 'passport', input.blockCode))
    throw new AppError('forbidden', 'Паспорт проекта готовит ответственный за этот блок');
  const id = await withTransaction(ctx, async (tx) => {
    const project = await tx.db
      .insertInto('projects')
      .values({
        block_code: input.blockCode,
        kind: input.kind,
        title: input.passport.name,
        created_by: ctx.actor.label,
        created_at: ctx.services.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await createDocument(tx, {
      type: 'passport',
      projectId: project.id,
      blockCode: input.blockCode,
      title: input.passport.name,
      content: input.passport,
    });
    return project.id;
  });
  return getProject(ctx, id);
}

export async function passportDocument(ctx: Ctx, projectId: number, forUpdate = false): Promise<DocumentRow> {
  const row = await ctx.db
    .selectFrom('po_documents')
    .select('id')
    .where('project_id', '=', projectId)
    .where('type', '=', 'passport')
    .executeTakeFirst();
  if (!row) throw notFound('Проект');
  return loadDocument(ctx, row.id, forUpdate);
}

export async function editPassport(
  ctx: Ctx,
  projectId: number,
  passport: Passport,
  comment = '',
): Promise<ProjectDetail> {
  requirePermission(ctx.actor, 'projects.read');
  await withTransaction(ctx, async (tx) => {
    await editDocument(tx, await passportDocument(tx, projectId, true), passport.name, passport, comment);
    await tx.db.updateTable('projects').set({ title: passport.name }).where('id', '=', projectId).execute();
  });
  return getProject(ctx, projectId);
}

export async function stepPassport(
  ctx: Ctx,
  projectId: number,
  action: StepAction,
  comment: string,
): Promise<ProjectDetail> {
  requirePermission(ctx.actor, 'projects.read');
  await withTransaction(ctx, async (tx) =>
    stepDocument(tx, await passportDocument(tx, projectId, true), action, comment),
  );
  return getProject(ctx, projectId);
}

/** The passport plans and progress are measured against: the approved one, or the working copy before approval. */
export async function baselinePassport(
  ctx: Ctx,
  projectId: number,
): Promise<{ passport: Passport; blockCode: string }> {
  const doc = await passportDocument(ctx, projectId);
  const approved = await approvedContent(ctx, doc);
  return { passport: passportSchema.parse(approved ?? doc.content), blockCode: doc.block_code };
}

function summaryQuery(ctx: Ctx) {
  return ctx.db
    .selectFrom('projects')
    .innerJoin('po_documents', (j) =>
      j.onRef('po_documents.project_id', '=', 'projects.id').on('po_documents.type', '=', 'passport'),
    )
    .innerJoin('blocks', 'blocks.code', 'projects.block_code')
    .select([
      'projects.id',
      'projects.block_code',
      'projects.kind',
      'projects.title',
      'blocks.name as block_name',
      'po_documents.status',
      'po_documents.approved_version',
    ])
    .select((eb) =>
      eb
        .selectFrom('project_risks')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('project_risks.project_id', '=', 'projects.id')
        .where('project_risks.status', 'not in', ['closed', 'rejected'])
        .as('open_risks'),
    );
}
type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

const presentSummary = (r: SummaryRow): ProjectDetail['project'] => ({
  id: r.id,
  blockCode: r.block_code,
  blockName: r.block_name,
  kind: r.kind === 'programme' ? 'programme' : 'project',
  title: r.title,
  status: r.status as PoStatus,
  approvedVersion: r.approved_version,
  openRisks: Number(r.open_risks ?? 0),
});

export async function listProjects(
  ctx: Ctx,
  blockCode?: string,
): Promise<{ items: ProjectDetail['project'][]; createInBlock: string | null }> {
  requirePermission(ctx.actor, 'projects.read');
  let q = summaryQuery(ctx).orderBy('blocks.sort').orderBy('projects.id');
  if (blockCode) q = q.where('projects.block_code', '=', blockCode);
  const rows = await q.execute();
  const block = ctx.actor.kind === 'user' ? ctx.actor.blockCode : null;
  return {
    items: rows.map(presentSummary),
    createInBlock: block !== null && canDraft(ctx.actor, 'passport', block) ? block : null,
  };
}

export async function getProject(ctx: Ctx, id: number): Promise<ProjectDetail> {
  requirePermission(ctx.actor, 'projects.read');
  const row = await summaryQuery(ctx).where('projects.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Проект');
  const doc = await passportDocument(ctx, id);
  const approved = await approvedContent(ctx, doc);
  return {
    project: presentSummary(row),
    passport: passportSchema.parse(doc.content),
    approvedPassport: approved === null ? null : passportSchema.parse(approved),
    document: await presentDocument(ctx, doc),
  };
}
