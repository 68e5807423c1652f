import { z } from 'zod';
import {
  roadmapContentSchema,
  roadmapChangeSchema,
  type RoadmapContent,
  type RoadmapDetail,
  type RoadmapEdit,
} from '../../../shared/api/roadmap';
import { keyItems, roadmapDiff } from '../../../shared/projects/roadmap-diff';
import { toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import {
  canDraft,
  createDocument,
  editDocument,
  loadDocument,
  presentDocument,
  stepDocument,
  type DocumentRow,
  type StepAction,
} from '../projects/po-documents';

// The yearly roadmap of the centre (decree п. 9–10): one project-office document of type 'roadmap' per year, moved
// through its chain (executive secretary drafts and records the agreement with АНО «Диалог Регионы», the head
// agrees, the curator approves). Every edit stores, with the content, the diff against the previous approved version
// (or, for a new year's first version, the last approved roadmap of an earlier year), so each approved version and
// its registered document carry their own «added / removed / changed» list.
const BLOCK = '';
const titleOf = (year: number): string => `Дорожная карта ЦУР на ${year} год`;
const storedSchema = roadmapContentSchema.extend({
  basedOn: z.object({ title: z.string(), version: z.number() }).nullable().default(null),
  changes: roadmapChangeSchema.array().default([]),
});
type Stored = z.infer<typeof storedSchema>;
const stored = (content: unknown): Stored => storedSchema.parse(content);

async function loadRoadmap(ctx: Ctx, id: number, forUpdate = false): Promise<DocumentRow> {
  const doc = await loadDocument(ctx, id, forUpdate).catch(() => {
    throw notFound('Дорожная карта', 'f');
  });
  if (doc.type !== 'roadmap') throw notFound('Дорожная карта', 'f');
  return doc;
}

async function versionContent(ctx: Ctx, docId: number, version: number): Promise<Stored> {
  const v = await ctx.db
    .selectFrom('po_document_versions')
    .select('content')
    .where('document_id', '=', docId)
    .where('version', '=', version)
    .executeTakeFirstOrThrow();
  return stored(v.content);
}

/** What a version of `year` is compared with: this roadmap's approved version, or the latest approved roadmap of an earlier year. */
async function baseOf(
  ctx: Ctx,
  year: number,
  doc: DocumentRow | null,
): Promise<{ title: string; version: number; content: Stored } | null> {
  if (doc?.approved_version)
    return {
      title: doc.title,
      version: doc.approved_version,
      content: await versionContent(ctx, doc.id, doc.approved_version),
    };
  const earlier = (
    await ctx.db
      .selectFrom('po_documents')
      .select(['id', 'title', 'approved_version', 'content'])
      .where('type', '=', 'roadmap')
      .where('approved_version', 'is not', null)
      .execute()
  )
    .map((d) => ({ ...d, year: stored(d.content).year }))
    .filter((d) => d.year < year)
    .sort((a, b) => b.year - a.year)[0];
  if (!earlier?.approved_version) return null;
  return {
    title: earlier.title,
    version: earlier.approved_version,
    content: await versionContent(ctx, earlier.id, earlier.approved_version),
  };
}

async function withDiff(ctx: Ctx, content: RoadmapContent, doc: DocumentRow | null): Promise<Stored> {
  const base = await baseOf(ctx, content.year, doc);
  const items = keyItems(content.items, base?.content.items.map((i) => i.key) ?? []);
  return {
    ...content,
    items,
    basedOn: base ? { title: base.title, version: base.version } : null,
    changes: roadmapDiff(base?.content.items ?? [], items),
  };
}

export async function listRoadmaps(ctx: Ctx): Promise<{
  items: { id: number; year: number; title: string; status: string; approvedVersion: number | null }[];
  canCreate: boolean;
}> {
  requirePermission(ctx.actor, 'projects.read');
  const rows = (await ctx.db
    .selectFrom('po_documents')
    .selectAll()
    .where('type', '=', 'roadmap')
    .execute()) as DocumentRow[];
  return {
    items: rows
      .map((d) => ({
        id: d.id,
        year: stored(d.content).year,
        title: d.title,
        status: d.status,
        approvedVersion: d.approved_version,
      }))
      .sort((a, b) => b.year - a.year),
    canCreate: canDraft(ctx.actor, 'roadmap', BLOCK),
  };
}

/** A new year's roadmap starts from the items of the last approved one (their statuses included). */
export async function createRoadmap(ctx: Ctx, year: number): Promise<number> {
  requirePermission(ctx.actor, 'projects.read');
  const current = Number(toMoscowIsoDate(ctx.services.clock.now()).slice(0, 4));
  if (year < current - 1 || year > current + 1)
    throw new AppError(
      'validation_failed',
      `Дорожная карта составляется на прошлый, текущий или следующий год (${current - 1}–${current + 1})`,
    );
  return withTransaction(ctx, async (tx) => {
    const existing = await listRoadmaps(tx);
    if (existing.items.some((r) => r.year === year))
      throw new AppError('conflict', `Дорожная карта на ${year} год уже есть: измените её`);
    const base = await baseOf(tx, year, null);
    const content = await withDiff(
      tx,
      { year, dialogAgreement: { date: null, reference: '' }, items: base?.content.items ?? [] },
      null,
    );
    return createDocument(tx, { type: 'roadmap', projectId: null, blockCode: BLOCK, title: titleOf(year), content });
  });
}

export async function editRoadmap(ctx: Ctx, id: number, edit: RoadmapEdit): Promise<void> {
  requirePermission(ctx.actor, 'projects.read');
  await withTransaction(ctx, async (tx) => {
    const doc = await loadRoadmap(tx, id, true);
    const blocks = new Set((await tx.db.selectFrom('blocks').select('code').execute()).map((b) => b.code));
    const unknown = edit.items.find((i) => i.block && !blocks.has(i.block));
    if (unknown)
      throw new AppError('validation_failed', `Мероприятие «${unknown.measure}»: блок ${unknown.block} не найден`);
    const year = stored(doc.content).year;
    const outside = edit.items.find((i) => Number(i.dueDate.slice(0, 4)) !== year);
    if (outside) throw new AppError('validation_failed', `Мероприятие «${outside.measure}»: срок вне ${year} года`);
    const content = await withDiff(tx, { year, dialogAgreement: edit.dialogAgreement, items: edit.items }, doc);
    await editDocument(tx, doc, doc.title, content, edit.comment);
  });
}

export async function stepRoadmap(ctx: Ctx, id: number, action: StepAction, comment: string): Promise<void> {
  requirePermission(ctx.actor, 'projects.read');
  await withTransaction(ctx, async (tx) => {
    const doc = await loadRoadmap(tx, id, true);
    const content = stored(doc.content);
    if (action === 'submit' && content.items.length === 0)
      throw new AppError('validation_failed', 'В дорожной карте нет ни одного мероприятия');
    if (
      action === 'approve' &&
      doc.status === 'approval' &&
      (!content.dialogAgreement.date || !content.dialogAgreement.reference)
    ) {
      throw new AppError(
        'validation_failed',
        'Не отмечено согласование с АНО «Диалог Регионы» (дата и реквизиты): верните дорожную карту ответственному секретарю',
      );
    }
    await stepDocument(tx, doc, action, comment);
  });
}

export async function getRoadmap(ctx: Ctx, id: number): Promise<RoadmapDetail> {
  requirePermission(ctx.actor, 'projects.read');
  const doc = await loadRoadmap(ctx, id);
  const content = stored(doc.content);
  const versions = await ctx.db
    .selectFrom('po_document_versions')
    .select(['version', 'content', 'approved_at', 'approved_by'])
    .where('document_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
  const numbers = await ctx.db
    .selectFrom('official_documents')
    .select(['entity_id', 'number'])
    .where('kind', '=', 'roadmap')
    .where('entity_id', 'like', `${id}/%`)
    .execute();
  return {
    document: await presentDocument(ctx, doc),
    content: { year: content.year, dialogAgreement: content.dialogAgreement, items: content.items },
    base: content.basedOn,
    changes: content.changes,
    versions: versions.map((v) => {
      const s = stored(v.content);
      return {
        version: v.version,
        approvedAt: v.approved_at.toISOString(),
        approvedBy: v.approved_by,
        changes: s.changes,
        items: s.items.length,
        documentNumber: numbers.find((n) => n.entity_id === `${id}/${v.version}`)?.number ?? null,
      };
    }),
  };
}
