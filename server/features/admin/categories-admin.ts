// Categories as the administrator keeps them: rename, retire (no longer offered, old cases keep it), move to another
// block. Names are versioned (category_versions): a rename or a move closes the version in force and opens a new one,
// so a case's history reads the label the category had at the time. A move takes the category's training examples
// along (the classifier learns it under its new block); old cases keep their block and category as they were.
import type { AdminCategory, ChangeCategoryInput } from '../../../shared/api/admin';
import { withTransaction, type Ctx } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { recordAdminChange } from './admin-journal';

/** The start of a category's first version (as in migration 0021): before any message. */
const SINCE_EVER = new Date(0);
const since = (d: Date): string | null => (d.getTime() <= SINCE_EVER.getTime() ? null : d.toISOString());

export async function listCategories(ctx: Ctx): Promise<AdminCategory[]> {
  requirePermission(ctx.actor, 'reference.manage');
  const [rows, versions] = await Promise.all([
    ctx.db
      .selectFrom('categories')
      .select(['id', 'block_code', 'code', 'name', 'active', 'is_other'])
      .orderBy('block_code')
      .orderBy('name')
      .execute(),
    ctx.db
      .selectFrom('category_versions')
      .select(['category_id', 'block_code', 'name', 'valid_from', 'valid_to'])
      .where('valid_to', 'is not', null)
      .orderBy('valid_to', 'desc')
      .execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    block: r.block_code,
    code: r.code,
    name: r.name,
    active: r.active,
    isOther: r.is_other,
    versions: versions
      .filter((v) => v.category_id === r.id)
      .map((v) => ({
        block: v.block_code,
        name: v.name,
        validFrom: since(v.valid_from),
        validTo: (v.valid_to as Date).toISOString(),
      })),
  }));
}

/** Earlier labels of categories: for case histories written before a rename or a move. */
export interface CategoryLabel {
  blockCode: string;
  code: string;
  name: string;
  validFrom: string | null;
  validTo: string;
}

export async function categoryHistory(ctx: Pick<Ctx, 'db'>): Promise<CategoryLabel[]> {
  const rows = await ctx.db
    .selectFrom('category_versions')
    .select(['block_code', 'code', 'name', 'valid_from', 'valid_to'])
    .where('valid_to', 'is not', null)
    .orderBy('valid_to')
    .execute();
  return rows.map((v) => ({
    blockCode: v.block_code,
    code: v.code,
    name: v.name,
    validFrom: since(v.valid_from),
    validTo: (v.valid_to as Date).toISOString(),
  }));
}

export async function changeCategory(ctx: Ctx, id: number, input: ChangeCategoryInput): Promise<AdminCategory> {
  requirePermission(ctx.actor, 'reference.manage');
  const now = ctx.services.clock.now();
  await withTransaction(ctx, async (tx) => {
    const current = await tx.db
      .selectFrom('categories')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('Категория', 'f');
    const name = input.name ?? current.name;
    const block = input.block ?? current.block_code;
    if (block !== current.block_code) {
      if (current.is_other) throw new AppError('conflict', '«Прочее» есть в каждом блоке и не переносится');
      if (!(await tx.db.selectFrom('blocks').select('code').where('code', '=', block).executeTakeFirst()))
        throw new AppError('validation_failed', `Неизвестный блок «${block}»`);
      const clash = await tx.db
        .selectFrom('categories')
        .select('id')
        .where('block_code', '=', block)
        .where('code', '=', current.code)
        .executeTakeFirst();
      if (clash) throw new AppError('conflict', `В блоке «${block}» уже есть категория с кодом «${current.code}»`);
    }
    if (input.active === false && current.is_other)
      throw new AppError('conflict', '«Прочее» нельзя вывести из употребления: туда попадает всё нераспознанное');
    const renamed = name !== current.name || block !== current.block_code;
    if (renamed) {
      // the version in force (a category created after versioning began has none yet: it starts here)
      const closed = await tx.db
        .updateTable('category_versions')
        .set({ valid_to: now })
        .where('category_id', '=', id)
        .where('valid_to', 'is', null)
        .returning('id')
        .execute();
      if (closed.length === 0) {
        await tx.db
          .insertInto('category_versions')
          .values({
            category_id: id,
            block_code: current.block_code,
            code: current.code,
            name: current.name,
            valid_from: SINCE_EVER,
            valid_to: now,
          })
          .execute();
      }
      await tx.db
        .insertInto('category_versions')
        .values({ category_id: id, block_code: block, code: current.code, name, valid_from: now })
        .execute();
      await tx.db.updateTable('categories').set({ name, block_code: block }).where('id', '=', id).execute();
    }
    if (block !== current.block_code) {
      await tx.db
        .updateTable('training_examples')
        .set({ block_code: block })
        .where('block_code', '=', current.block_code)
        .where('category_code', '=', current.code)
        .execute();
    }
    if (input.active !== undefined && input.active !== current.active) {
      await tx.db.updateTable('categories').set({ active: input.active }).where('id', '=', id).execute();
    }
    await recordAdminChange(tx, {
      entity: 'category',
      key: `${current.block_code}.${current.code}`,
      action: 'changed',
      details: {
        from: { name: current.name, block: current.block_code, active: current.active },
        to: { name, block, active: input.active ?? current.active },
      },
    });
  });
  ctx.services.reference.invalidate();
  return (await listCategories(ctx)).find((c) => c.id === id) ?? Promise.reject(notFound('Категория', 'f'));
}
