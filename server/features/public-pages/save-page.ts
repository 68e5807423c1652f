import { toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import {
  PAGE_CATEGORY_LABELS,
  PAGE_ELEMENT_LABELS,
  PAGE_NETWORK_LABELS,
  type CheckInput,
  type PageDetail,
  type PageInput,
} from '../../../shared/api/public-pages';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { recordChange } from '../comms/comms-history';
import { getPage } from './page-queries';
import { pageColumns, takenBy } from './pages.repository';

function describe(input: PageInput): string {
  return (
    `${PAGE_NETWORK_LABELS[input.network]} · ${input.title} · ${PAGE_CATEGORY_LABELS[input.category]}, норма ${input.postingNorm} в неделю` +
    `${input.ownerName ? ` · ответственный ${input.ownerName}` : ''}${input.isHeadPage ? ' · страница главы' : ''}`
  );
}

async function checkOrganisation(ctx: Ctx, id: number): Promise<void> {
  const org = await ctx.db.selectFrom('organisations').select('id').where('id', '=', id).executeTakeFirst();
  if (!org) throw new AppError('validation_failed', `Организации ${id} нет в справочнике`);
}

export async function createPage(ctx: Ctx, input: PageInput): Promise<PageDetail> {
  requirePermission(ctx.actor, 'comms.manage');
  const id = await withTransaction(ctx, async (tx) => {
    await checkOrganisation(tx, input.organisationId);
    const taken = await takenBy(tx.db, input);
    if (taken) throw new AppError('conflict', `Страница с таким значением уже есть: ${taken}`);
    const row = await tx.db
      .insertInto('official_pages')
      .values(pageColumns(input))
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(tx, 'page', row.id, 'created', describe(input));
    return row.id;
  });
  return getPage(ctx, id);
}

export async function changePage(ctx: Ctx, id: number, input: PageInput): Promise<PageDetail> {
  requirePermission(ctx.actor, 'comms.manage');
  await withTransaction(ctx, async (tx) => {
    await checkOrganisation(tx, input.organisationId);
    const taken = await takenBy(tx.db, input, id);
    if (taken) throw new AppError('conflict', `Страница с таким значением уже есть: ${taken}`);
    const row = await tx.db
      .updateTable('official_pages')
      .set({ ...pageColumns(input), updated_at: ctx.services.clock.now() })
      .where('id', '=', id)
      .where('active', '=', true)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw notFound('Страница', 'f');
    await recordChange(tx, 'page', id, 'changed', describe(input));
  });
  return getPage(ctx, id);
}

/** A check of one required element, with its date and evidence; earlier checks stay in the page's record. */
export async function recordCheck(ctx: Ctx, id: number, input: CheckInput): Promise<PageDetail> {
  requirePermission(ctx.actor, 'comms.manage');
  if (input.checkedOn > toMoscowIsoDate(ctx.services.clock.now())) {
    throw new AppError('validation_failed', 'Дата проверки ещё не наступила');
  }
  await withTransaction(ctx, async (tx) => {
    const page = await tx.db
      .selectFrom('official_pages')
      .select('id')
      .where('id', '=', id)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!page) throw notFound('Страница', 'f');
    await tx.db
      .insertInto('page_checks')
      .values({
        page_id: id,
        element: input.element,
        passed: input.passed,
        checked_on: input.checkedOn,
        evidence: input.evidence,
        author_label: ctx.actor.label,
      })
      .execute();
    await recordChange(
      tx,
      'page',
      id,
      'checked',
      `${PAGE_ELEMENT_LABELS[input.element]}: ${input.passed ? 'есть' : 'нет'} (${input.checkedOn}) — ${input.evidence}`,
    );
  });
  return getPage(ctx, id);
}
