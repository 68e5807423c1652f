import type { KnowledgeEntry, KnowledgeInput, KnowledgeSources } from '../../../shared/api/knowledge';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { recordChange } from '../comms/comms-history';
import { listEntries } from './list-entries';

// An entry of the knowledge base, new or changed (comms.manage). Its category, block and source must exist — else 400
// in Russian and nothing is saved. Tags are kept as one comma-separated line, searched with the text.
export async function saveEntry(ctx: Ctx, id: number | null, input: KnowledgeInput): Promise<KnowledgeEntry> {
  requirePermission(ctx.actor, 'comms.manage');
  const tags = [...new Set(input.tags.map((t) => t.replace(/,/g, ' ').trim().toLowerCase()).filter(Boolean))];
  const saved = await withTransaction(ctx, async (tx) => {
    const blockCode = await checkReferences(tx, input);
    const columns = {
      title: input.title,
      category_code: input.categoryCode,
      block_code: blockCode,
      body: input.body,
      tags: tags.join(', '),
      source_practice_id: input.sourcePracticeId,
      source_material_id: input.sourceMaterialId,
      active: input.active,
    };
    const row =
      id === null
        ? await tx.db.insertInto('knowledge_entries').values(columns).returning('id').executeTakeFirstOrThrow()
        : await tx.db
            .updateTable('knowledge_entries')
            .set({ ...columns, updated_at: ctx.services.clock.now() })
            .where('id', '=', id)
            .returning('id')
            .executeTakeFirst();
    if (!row) throw notFound('Запись базы знаний', 'f');
    await recordChange(
      tx,
      'knowledge',
      row.id,
      id === null ? 'created' : 'changed',
      `${input.title}${input.active ? '' : ' · в архиве'}${tags.length ? ` · метки: ${tags.join(', ')}` : ''}`,
    );
    return row.id;
  });
  const [entry] = await listEntries(ctx, saved);
  if (!entry) throw notFound('Запись базы знаний', 'f');
  return entry;
}

/** Checks the references of an entry; the block of its category when only the category is given. */
async function checkReferences(ctx: Ctx, input: KnowledgeInput): Promise<string | null> {
  const [category, block, practice, material] = await Promise.all([
    input.categoryCode === null
      ? null
      : ctx.db.selectFrom('categories').select('block_code').where('code', '=', input.categoryCode).executeTakeFirst(),
    input.blockCode === null
      ? null
      : ctx.db.selectFrom('blocks').select('code').where('code', '=', input.blockCode).executeTakeFirst(),
    input.sourcePracticeId === null
      ? null
      : ctx.db.selectFrom('practices').select('id').where('id', '=', input.sourcePracticeId).executeTakeFirst(),
    input.sourceMaterialId === null
      ? null
      : ctx.db.selectFrom('seminar_materials').select('id').where('id', '=', input.sourceMaterialId).executeTakeFirst(),
  ]);
  if (input.categoryCode !== null && !category)
    throw new AppError('validation_failed', `Категории «${input.categoryCode}» нет в справочнике`);
  if (input.blockCode !== null && !block)
    throw new AppError('validation_failed', `Блока «${input.blockCode}» нет в справочнике`);
  if (category && input.blockCode !== null && category.block_code !== input.blockCode) {
    throw new AppError('validation_failed', 'Категория относится к другому блоку');
  }
  if (input.sourcePracticeId !== null && !practice)
    throw new AppError('validation_failed', `Практики № ${input.sourcePracticeId} нет в библиотеке`);
  if (input.sourceMaterialId !== null && !material)
    throw new AppError('validation_failed', `Материала семинара № ${input.sourceMaterialId} нет`);
  return category?.block_code ?? input.blockCode;
}

/** What an entry can come from: the practices of the library and the materials of the seminars. */
export async function knowledgeSources(ctx: Ctx): Promise<KnowledgeSources> {
  requirePermission(ctx.actor, 'comms.manage');
  const [practices, materials] = await Promise.all([
    ctx.db.selectFrom('practices').select(['id', 'title']).orderBy('title').limit(500).execute(),
    ctx.db
      .selectFrom('seminar_materials as m')
      .innerJoin('seminars as s', 's.id', 'm.seminar_id')
      .select(['m.id', 'm.title', 's.topic as seminar'])
      .orderBy('s.starts_at', 'desc')
      .orderBy('m.id')
      .limit(500)
      .execute(),
  ]);
  return { practices, materials };
}
