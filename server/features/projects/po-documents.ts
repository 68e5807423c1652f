import { createHash } from 'node:crypto';
import { isBlockScoped, ROLE_LABELS, type Role } from '../../../shared/auth/roles';
import type { PoDocument } from '../../../shared/api/projects';
import {
  afterSubmit,
  APPROVAL_CHAINS,
  PO_ACTION_LABELS,
  PO_STATUS_LABELS,
  rolesAt,
  type PoAction,
  type PoDocumentType,
  type PoStatus,
} from '../../../shared/projects/approval-chains';
import type { Actor, Ctx } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { notify } from '../notifications/notify';
import { onDocumentApproved } from './on-document-approved';

// The decree's approval chain for any project-office document: the drafter edits and sends it on, the agreeing
// role agrees or returns it, the approving role approves or returns it. Every step is a row of po_document_steps
// with the actor, the comment and the step's deadline on the production calendar; the roles that act next are
// notified. Approval stores the content as a numbered version that never changes (a trigger refuses UPDATE/DELETE)
// and calls onDocumentApproved. Editing an approved document starts the next draft; the approved version stays.
export type StepAction = Exclude<PoAction, 'create' | 'edit'>;
type Allowed = PoDocument['allowed'][number];

export interface DocumentRow {
  id: number;
  type: PoDocumentType;
  project_id: number | null;
  block_code: string;
  title: string;
  content: unknown;
  status: PoStatus;
  step_due_at: Date | null;
  drafted_by_user_id: number | null;
  approved_version: number | null;
}

function actsFor(actor: Actor, roles: readonly Role[], blockCode: string): boolean {
  if (actor.kind !== 'user' || !roles.includes(actor.role)) return false;
  return !isBlockScoped(actor.role) || actor.blockCode === blockCode;
}

export function canDraft(actor: Actor, type: PoDocumentType, blockCode: string): boolean {
  return actsFor(actor, APPROVAL_CHAINS[type].drafters, blockCode);
}

const ACTIONS_AT: Record<PoStatus, Allowed[]> = {
  draft: ['edit', 'submit'],
  agreement: ['agree', 'return'],
  approval: ['approve', 'return'],
  approved: ['edit'],
};
const actingRoles = (doc: Pick<DocumentRow, 'type' | 'status'>): readonly Role[] =>
  doc.status === 'approved' ? APPROVAL_CHAINS[doc.type].drafters : rolesAt(doc.type, doc.status);

export function allowedActions(actor: Actor, doc: Pick<DocumentRow, 'type' | 'status' | 'block_code'>): Allowed[] {
  return actsFor(actor, actingRoles(doc), doc.block_code) ? ACTIONS_AT[doc.status] : [];
}

function require(actor: Actor, doc: DocumentRow, action: Allowed): void {
  if (!ACTIONS_AT[doc.status].includes(action)) {
    throw new AppError(
      'invalid_transition',
      `Документ в статусе «${PO_STATUS_LABELS[doc.status]}»: это действие недоступно`,
    );
  }
  if (!allowedActions(actor, doc).includes(action)) {
    const roles = actingRoles(doc)
      .map((r) => ROLE_LABELS[r])
      .join(', ');
    throw new AppError(
      'forbidden',
      `На шаге «${PO_STATUS_LABELS[doc.status]}» действует: ${roles} (блочные роли — только своего блока)`,
    );
  }
}

export async function loadDocument(ctx: Ctx, id: number, forUpdate = false): Promise<DocumentRow> {
  let q = ctx.db.selectFrom('po_documents').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('Документ');
  return row as DocumentRow;
}

const actorId = (actor: Actor): number | null => (actor.kind === 'user' ? actor.userId : null);

async function addStep(
  ctx: Ctx,
  doc: DocumentRow,
  action: PoAction,
  to: PoStatus,
  comment: string,
  dueAt: Date | null,
): Promise<void> {
  await ctx.db
    .insertInto('po_document_steps')
    .values({
      document_id: doc.id,
      action,
      from_status: doc.status,
      to_status: to,
      actor_user_id: actorId(ctx.actor),
      actor_label: ctx.actor.label,
      comment,
      due_at: dueAt,
      at: ctx.services.clock.now(),
    })
    .execute();
}

export async function createDocument(
  ctx: Ctx,
  input: { type: PoDocumentType; projectId: number | null; blockCode: string; title: string; content: unknown },
): Promise<number> {
  if (!canDraft(ctx.actor, input.type, input.blockCode))
    throw new AppError('forbidden', `${APPROVAL_CHAINS[input.type].label}: готовит другая роль или другой блок`);
  const now = ctx.services.clock.now();
  const row = await ctx.db
    .insertInto('po_documents')
    .values({
      type: input.type,
      project_id: input.projectId,
      block_code: input.blockCode,
      title: input.title,
      content: JSON.stringify(input.content),
      status: 'draft',
      drafted_by_user_id: actorId(ctx.actor),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addStep(ctx, { ...(await loadDocument(ctx, row.id)), status: 'draft' }, 'create', 'draft', '', null);
  return row.id;
}

/** Replaces the working copy; an approved document gets a new draft and keeps its approved version. */
export async function editDocument(
  ctx: Ctx,
  doc: DocumentRow,
  title: string,
  content: unknown,
  comment = '',
): Promise<void> {
  require(ctx.actor, doc, 'edit');
  await ctx.db
    .updateTable('po_documents')
    .set({
      title,
      content: JSON.stringify(content),
      status: 'draft',
      step_due_at: null,
      drafted_by_user_id: actorId(ctx.actor),
      updated_at: ctx.services.clock.now(),
    })
    .where('id', '=', doc.id)
    .execute();
  await addStep(ctx, doc, 'edit', 'draft', comment, null);
}

function nextOf(doc: DocumentRow, action: StepAction): { to: PoStatus; workingDays: number | null } {
  const chain = APPROVAL_CHAINS[doc.type];
  if (action === 'return') return { to: 'draft', workingDays: null };
  if (action === 'approve') return { to: 'approved', workingDays: null };
  if (action === 'agree') return { to: 'approval', workingDays: chain.approve.workingDays };
  const to = afterSubmit(doc.type);
  return { to, workingDays: to === 'agreement' ? (chain.agree?.workingDays ?? null) : chain.approve.workingDays };
}

export const canonicalSha256 = (content: unknown): string =>
  createHash('sha256').update(JSON.stringify(content)).digest('hex');

/** Stores the next immutable version of a document with its SHA-256 and registers it (onDocumentApproved). */
async function writeApprovedVersion(ctx: Ctx, doc: DocumentRow, title: string, content: unknown): Promise<number> {
  const now = ctx.services.clock.now();
  const version = (doc.approved_version ?? 0) + 1;
  const sha256 = canonicalSha256(content);
  await ctx.db
    .insertInto('po_document_versions')
    .values({
      document_id: doc.id,
      version,
      content: JSON.stringify(content),
      sha256,
      approved_at: now,
      approved_by: ctx.actor.label,
      approved_by_user_id: actorId(ctx.actor),
    })
    .execute();
  await onDocumentApproved(ctx, {
    documentId: doc.id,
    type: doc.type,
    title,
    version,
    sha256,
    content,
    approvedAt: now,
    approvedBy: ctx.actor.label,
  });
  return version;
}

/**
 * A new approved version of a document decided elsewhere (a change request approved by the curator makes the next
 * passport version): the version is stored and registered, the document becomes that content, approved, and its
 * history gets the step with the comment that says why. The caller checks the document has no draft in progress.
 */
export async function approveByDecision(
  ctx: Ctx,
  doc: DocumentRow,
  title: string,
  content: unknown,
  comment: string,
): Promise<number> {
  const version = await writeApprovedVersion(ctx, doc, title, content);
  await ctx.db
    .updateTable('po_documents')
    .set({
      title,
      content: JSON.stringify(content),
      status: 'approved',
      step_due_at: null,
      approved_version: version,
      updated_at: ctx.services.clock.now(),
    })
    .where('id', '=', doc.id)
    .execute();
  await addStep(ctx, doc, 'approve', 'approved', comment, null);
  return version;
}

export async function stepDocument(ctx: Ctx, doc: DocumentRow, action: StepAction, comment: string): Promise<void> {
  require(ctx.actor, doc, action);
  if (action === 'return' && !comment.trim()) throw new AppError('validation_failed', 'Укажите, что доработать');
  const now = ctx.services.clock.now();
  const { to, workingDays } = nextOf(doc, action);
  const dueAt = workingDays === null ? null : ctx.services.calendar.addWorkingDays(now, workingDays);
  const version =
    action === 'approve' ? await writeApprovedVersion(ctx, doc, doc.title, doc.content) : doc.approved_version;
  await ctx.db
    .updateTable('po_documents')
    .set({ status: to, step_due_at: dueAt, approved_version: version, updated_at: now })
    .where('id', '=', doc.id)
    .execute();
  await addStep(ctx, doc, action, to, comment, dueAt);
  await notifyStep(ctx, doc, action, to, comment);
}

async function notifyStep(
  ctx: Ctx,
  doc: DocumentRow,
  action: StepAction,
  to: PoStatus,
  comment: string,
): Promise<void> {
  const ids =
    to === 'draft' || to === 'approved'
      ? doc.drafted_by_user_id === null
        ? []
        : [doc.drafted_by_user_id]
      : await usersActingOn(ctx, rolesAt(doc.type, to), doc.block_code);
  const who = actorId(ctx.actor);
  const title = `${APPROVAL_CHAINS[doc.type].label} «${doc.title}»: ${PO_ACTION_LABELS[action].toLowerCase()}`;
  await notify(ctx, {
    userIds: ids.filter((id) => id !== who),
    kind: 'po_document',
    subject: `po:${doc.id}:${ctx.services.clock.now().getTime()}:${action}`,
    caseId: null,
    title,
    body: comment || `Статус: ${PO_STATUS_LABELS[to]}`,
  });
}

async function usersActingOn(ctx: Ctx, roles: readonly Role[], blockCode: string): Promise<number[]> {
  if (roles.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('users')
    .select(['id', 'role', 'block_code'])
    .where('role', 'in', [...roles])
    .where('active', '=', true)
    .execute();
  return rows.filter((r) => !isBlockScoped(r.role as Role) || r.block_code === blockCode).map((r) => r.id);
}

export async function presentDocument(ctx: Ctx, doc: DocumentRow): Promise<PoDocument> {
  const steps = await ctx.db
    .selectFrom('po_document_steps')
    .selectAll()
    .where('document_id', '=', doc.id)
    .orderBy('id')
    .execute();
  const versions = await ctx.db
    .selectFrom('po_document_versions')
    .select(['version', 'sha256', 'approved_at', 'approved_by'])
    .where('document_id', '=', doc.id)
    .orderBy('version')
    .execute();
  return {
    id: doc.id,
    type: doc.type,
    title: doc.title,
    blockCode: doc.block_code,
    status: doc.status,
    stepDueAt: doc.step_due_at?.toISOString() ?? null,
    allowed: allowedActions(ctx.actor, doc),
    steps: steps.map((s) => ({
      action: s.action as PoAction,
      fromStatus: s.from_status as PoStatus,
      toStatus: s.to_status as PoStatus,
      actor: s.actor_label,
      comment: s.comment,
      at: s.at.toISOString(),
      dueAt: s.due_at?.toISOString() ?? null,
    })),
    versions: versions.map((v) => ({
      version: v.version,
      sha256: v.sha256,
      approvedAt: v.approved_at.toISOString(),
      approvedBy: v.approved_by,
    })),
  };
}

export async function approvedContent(ctx: Ctx, doc: DocumentRow): Promise<unknown> {
  if (doc.approved_version === null) return null;
  const v = await ctx.db
    .selectFrom('po_document_versions')
    .select('content')
    .where('document_id', '=', doc.id)
    .where('version', '=', doc.approved_version)
    .executeTakeFirstOrThrow();
  return v.content;
}
