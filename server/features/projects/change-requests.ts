import {
  changeRequestContentSchema,
  type ChangeRequestContent,
  type ChangeRequestInput,
  type PassportVersions,
} from '../../../shared/api/po-plans';
import { passportSchema } from '../../../shared/api/projects';
import { PO_STATUS_LABELS, type PoStatus } from '../../../shared/projects/approval-chains';
import { passportChanges } from '../../../shared/projects/plan-rules';
import type { Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { approveByDecision, approvedContent, type DocumentRow } from './po-documents';
import { passportDocument } from './projects';

// A change request to an approved passport: what changes (the proposed passport; the list of changes against the
// approved version is computed) and why. It goes through the passport's chain; the curator's approval makes the
// proposed passport the next approved version of the passport — stored, registered as an official document with
// PDF and DOCX — and the project page lists the versions with what changed in each.

export async function buildChangeRequest(
  ctx: Ctx,
  projectId: number,
  input: ChangeRequestInput,
): Promise<ChangeRequestContent> {
  const passportDoc = await passportDocument(ctx, projectId);
  const approved = await approvedContent(ctx, passportDoc);
  if (approved === null || passportDoc.approved_version === null) {
    throw new AppError(
      'conflict',
      'Запрос на изменение подаётся к утверждённому паспорту; до утверждения паспорт правится на странице проекта',
    );
  }
  const changes = passportChanges(passportSchema.parse(approved), input.passport);
  if (changes.length === 0) throw new AppError('validation_failed', 'Запрос ничего не меняет в утверждённом паспорте');
  return {
    projectId,
    reason: input.reason,
    baseVersion: passportDoc.approved_version,
    passport: input.passport,
    changes,
  };
}

export const changeRequestTitle = (c: ChangeRequestContent): string => `Изменение паспорта «${c.passport.name}»`;

/** The curator approves a request: only against the passport version it was made for, with no other draft under way. */
export async function checkApplicable(ctx: Ctx, request: DocumentRow): Promise<DocumentRow> {
  const content = changeRequestContentSchema.parse(request.content);
  const passportDoc = await passportDocument(ctx, content.projectId, true);
  if (passportDoc.status !== 'approved') {
    throw new AppError(
      'conflict',
      `Паспорт сейчас меняется новой редакцией (${PO_STATUS_LABELS[passportDoc.status as PoStatus].toLowerCase()}); запрос утверждается после неё`,
    );
  }
  if (passportDoc.approved_version !== content.baseVersion) {
    throw new AppError(
      'conflict',
      `Запрос подан к редакции ${content.baseVersion}, а действует редакция ${passportDoc.approved_version ?? '—'}: обновите запрос`,
    );
  }
  return passportDoc;
}

export async function applyChangeRequest(ctx: Ctx, request: DocumentRow, passportDoc: DocumentRow): Promise<void> {
  const content = changeRequestContentSchema.parse(request.content);
  await approveByDecision(
    ctx,
    passportDoc,
    content.passport.name,
    content.passport,
    `По запросу на изменение № ${request.id}: ${content.reason}`,
  );
  await ctx.db
    .updateTable('projects')
    .set({ title: content.passport.name })
    .where('id', '=', content.projectId)
    .execute();
}

/** The passport's approved versions, newest first, each with its registration number and what changed from the one before. */
export async function passportVersions(ctx: Ctx, projectId: number): Promise<PassportVersions> {
  requirePermission(ctx.actor, 'projects.read');
  const doc = await passportDocument(ctx, projectId);
  const versions = await ctx.db
    .selectFrom('po_document_versions')
    .select(['version', 'content', 'sha256', 'approved_at', 'approved_by'])
    .where('document_id', '=', doc.id)
    .orderBy('version')
    .execute();
  const approvals = await ctx.db
    .selectFrom('po_document_steps')
    .select('comment')
    .where('document_id', '=', doc.id)
    .where('action', '=', 'approve')
    .orderBy('id')
    .execute();
  const registered = await ctx.db
    .selectFrom('official_documents')
    .select(['id', 'number', 'entity_id'])
    .where('kind', '=', 'project_passport')
    .where('entity_id', 'like', `${doc.id}/%`)
    .execute();
  const items: PassportVersions['items'] = [];
  let previous = null;
  for (const v of versions) {
    const passport = passportSchema.parse(v.content);
    const official = registered.find((r) => r.entity_id === `${doc.id}/${v.version}`);
    items.push({
      version: v.version,
      approvedAt: v.approved_at.toISOString(),
      approvedBy: v.approved_by,
      sha256: v.sha256,
      number: official?.number ?? null,
      officialId: official ? String(official.id) : null,
      comment: approvals[v.version - 1]?.comment ?? '',
      changes: passportChanges(previous, passport),
    });
    previous = passport;
  }
  return { items: items.reverse() };
}
