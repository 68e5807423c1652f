import { sql } from 'kysely';
import type { KnowledgeSearch } from '../../../shared/api/knowledge';
import type { Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { splitTags } from './list-entries';

const LIMIT = 30;

/**
 * Searches the knowledge base and the practices library together, for the answer form of a case. Free text: Russian
 * full-text search (`websearch_to_tsquery('russian', …)`: every word, in any form — «дворы» finds «двор»; "phrase" and
 * -word work). Category: entries of that category, of its block (without a category) and general ones; practices of
 * that category or of none; the closest first, then by rank. Archived entries are never found.
 */
export async function searchKnowledge(
  ctx: Ctx,
  query: { q?: string | undefined; category?: string | undefined; practices: 'true' | 'false' },
): Promise<KnowledgeSearch> {
  requirePermission(ctx.actor, 'cases.read');
  const words = query.q?.trim() ?? '';
  let block: string | null = null;
  if (query.category) {
    const row = await ctx.db
      .selectFrom('categories')
      .select('block_code')
      .where('code', '=', query.category)
      .executeTakeFirst();
    if (!row) throw new AppError('validation_failed', `Категории «${query.category}» нет в справочнике`);
    block = row.block_code;
  }
  const category = query.category ?? null;
  const tsq = sql`websearch_to_tsquery('russian', ${words})`;
  const practiceVector = sql`to_tsvector('russian', p.title || ' ' || p.problem || ' ' || p.solution || ' ' || p.effect)`;
  const entries = sql`
    select 'entry' as kind, k.id, k.title, c.name as category, k.body as text, k.tags,
      ${category === null ? sql`0` : sql`case when k.category_code = ${category} then 0 when k.category_code is null and k.block_code = ${block} then 1 else 2 end`} as closeness,
      ${words ? sql`ts_rank(k.search, ${tsq})` : sql`0::real`} as rank, k.updated_at as at
    from knowledge_entries k left join categories c on c.code = k.category_code
    where k.active
      ${words ? sql`and k.search @@ ${tsq}` : sql``}
      ${category === null ? sql`` : sql`and (k.category_code = ${category} or (k.category_code is null and (k.block_code = ${block} or k.block_code is null)))`}`;
  const practices = sql`
    select 'practice' as kind, p.id, p.title, c.name as category, p.solution as text, '' as tags,
      ${category === null ? sql`0` : sql`case when p.category_code = ${category} then 0 else 2 end`} as closeness,
      ${words ? sql`ts_rank(${practiceVector}, ${tsq})` : sql`0::real`} as rank, p.updated_at as at
    from practices p left join categories c on c.code = p.category_code
    where true
      ${words ? sql`and ${practiceVector} @@ ${tsq}` : sql``}
      ${category === null ? sql`` : sql`and (p.category_code = ${category} or p.category_code is null)`}`;
  const union = query.practices === 'true' ? sql`${entries} union all ${practices}` : entries;
  const result = await sql<{
    kind: 'entry' | 'practice';
    id: number;
    title: string;
    category: string | null;
    text: string;
    tags: string;
  }>`
    select kind, id, title, category, text, tags from (${union}) hits order by closeness, rank desc, at desc, kind, id desc limit ${LIMIT}`.execute(
    ctx.db,
  );
  return {
    items: result.rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      title: r.title,
      category: r.category,
      text: r.text,
      tags: splitTags(r.tags),
    })),
  };
}
