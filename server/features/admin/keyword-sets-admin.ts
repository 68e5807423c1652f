// Monitoring keyword sets as the administrator keeps them: per block, the phrases that make a public post a message
// of that block (monitoring/post-filter.ts). A set is edited or switched off; the shipped defaults are copied in for
// blocks that have none, as the monitoring itself does. Each change is journalled with the words added and removed.
import type { AdminKeywordSet, KeywordSetInput } from '../../../shared/api/admin-settings';
import { withTransaction, type Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { forgetKeywordSets, loadKeywordSets } from '../monitoring/ingest-posts';
import { recordAdminChange } from './admin-journal';

export async function listKeywordSets(ctx: Ctx): Promise<AdminKeywordSet[]> {
  requirePermission(ctx.actor, 'reference.manage');
  await loadKeywordSets(ctx.db);
  const rows = await ctx.db
    .selectFrom('monitoring_keyword_sets')
    .select(['block_code', 'keywords', 'active', 'updated_at'])
    .orderBy('block_code')
    .execute();
  return rows.map((r) => ({
    block: r.block_code,
    keywords: r.keywords,
    active: r.active,
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

export async function saveKeywordSet(ctx: Ctx, block: string, input: KeywordSetInput): Promise<AdminKeywordSet> {
  requirePermission(ctx.actor, 'reference.manage');
  const keywords = [...new Set(input.keywords.map((k) => k.trim().toLowerCase()).filter(Boolean))];
  if (input.active && keywords.length === 0)
    throw new AppError('validation_failed', 'В действующем наборе нужно хотя бы одно ключевое слово');
  const now = ctx.services.clock.now();
  await withTransaction(ctx, async (tx) => {
    if (!(await tx.db.selectFrom('blocks').select('code').where('code', '=', block).executeTakeFirst()))
      throw new AppError('validation_failed', `Неизвестный блок «${block}»`);
    const before = await tx.db
      .selectFrom('monitoring_keyword_sets')
      .select(['keywords', 'active'])
      .where('block_code', '=', block)
      .executeTakeFirst();
    const values = { keywords: JSON.stringify(keywords), active: input.active, updated_at: now };
    await tx.db
      .insertInto('monitoring_keyword_sets')
      .values({ block_code: block, ...values })
      .onConflict((oc) => oc.column('block_code').doUpdateSet(values))
      .execute();
    const old = before?.keywords ?? [];
    await recordAdminChange(tx, {
      entity: 'keyword_set',
      key: block,
      action: 'changed',
      details: {
        added: keywords.filter((k) => !old.includes(k)),
        removed: old.filter((k) => !keywords.includes(k)),
        active: input.active,
      },
    });
  });
  forgetKeywordSets(ctx.services.database);
  return { block, keywords, active: input.active, updatedAt: now.toISOString() };
}
