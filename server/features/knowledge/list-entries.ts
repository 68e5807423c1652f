import { sql } from 'kysely';
import type { KnowledgeEntry } from '../../../shared/api/knowledge';
import type { Ctx } from '../../lib/context';
import { requirePermission } from '../auth/authorize';

export const splitTags = (tags: string): string[] =>
  tags
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

/** The entries of the knowledge base as the centre maintains them (archived ones too), newest change first. */
export async function listEntries(ctx: Ctx, id?: number): Promise<KnowledgeEntry[]> {
  requirePermission(ctx.actor, 'analytics.read');
  let q = ctx.db
    .selectFrom('knowledge_entries as k')
    .leftJoin('categories as c', 'c.code', 'k.category_code')
    .leftJoin('blocks as b', 'b.code', 'k.block_code')
    .leftJoin('practices as p', 'p.id', 'k.source_practice_id')
    .leftJoin('seminar_materials as m', 'm.id', 'k.source_material_id')
    .leftJoin('seminars as s', 's.id', 'm.seminar_id')
    .select([
      'k.id',
      'k.title',
      'k.category_code',
      'k.block_code',
      'k.body',
      'k.tags',
      'k.source_practice_id',
      'k.source_material_id',
      'k.active',
      'c.name as category',
      'b.name as block',
      'p.title as practice',
      'm.title as material',
      's.topic as seminar',
    ])
    .select(sql<string>`to_char(k.updated_at at time zone 'Europe/Moscow', 'YYYY-MM-DD')`.as('updated_at'))
    .orderBy('k.updated_at', 'desc')
    .orderBy('k.id', 'desc')
    .limit(500);
  if (id !== undefined) q = q.where('k.id', '=', id);
  return (await q.execute()).map((r) => ({
    id: r.id,
    title: r.title,
    categoryCode: r.category_code,
    blockCode: r.block_code,
    body: r.body,
    tags: splitTags(r.tags),
    sourcePracticeId: r.source_practice_id,
    sourceMaterialId: r.source_material_id,
    active: r.active,
    category: r.category,
    block: r.block,
    updatedAt: r.updated_at,
    source: r.practice
      ? `Практика «${r.practice}»`
      : r.material
        ? `Материал «${r.material}» семинара «${r.seminar ?? ''}»`
        : null,
  }));
}
