import { sql } from 'kysely';
import {
  PAGE_ELEMENTS,
  type Page,
  type PageCategory,
  type PageElement,
  type PageInput,
  type PageNetwork,
} from '../../../shared/api/public-pages';
import type { Db } from '../../db/database';

export type PageCheck = Page['checks'][number];

/** Pages (all or one) with organisation, municipality and the latest check of each element up to `checksUpTo`. */
export async function loadPages(db: Db, options: { id?: number; checksUpTo?: string } = {}): Promise<Page[]> {
  let q = db
    .selectFrom('official_pages as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .leftJoin('municipalities as m', 'm.id', 'o.municipality_id')
    .select([
      'p.id',
      'p.organisation_id',
      'p.network',
      'p.url',
      'p.title',
      'p.owner_name',
      'p.category',
      'p.posting_norm',
      'p.is_head_page',
      'p.vk_owner_id',
      'p.widget_source',
      'o.name as organisation',
      'm.name as municipality',
    ])
    .where('p.active', '=', true)
    .orderBy('m.name')
    .orderBy('o.name')
    .orderBy('p.id');
  if (options.id !== undefined) q = q.where('p.id', '=', options.id);
  const rows = await q.execute();
  if (!rows.length) return [];
  const checks = await loadChecks(
    db,
    rows.map((r) => r.id),
    options.checksUpTo,
  );
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    network: r.network as PageNetwork,
    url: r.url,
    title: r.title,
    ownerName: r.owner_name,
    category: r.category as PageCategory,
    postingNorm: r.posting_norm,
    isHeadPage: r.is_head_page,
    vkOwnerId: r.vk_owner_id === null ? null : Number(r.vk_owner_id),
    widgetSource: r.widget_source,
    organisation: r.organisation,
    municipality: r.municipality,
    checks: latestPerElement(checks.filter((c) => c.pageId === r.id)),
  }));
}

export async function loadChecks(
  db: Db,
  pageIds: number[],
  upTo?: string,
): Promise<(PageCheck & { pageId: number })[]> {
  let q = db
    .selectFrom('page_checks')
    .select(['page_id', 'element', 'passed', 'evidence', 'author_label'])
    .select(sql<string>`checked_on::text`.as('checked_on'))
    .where('page_id', 'in', pageIds)
    .orderBy('checked_on', 'desc')
    .orderBy('id', 'desc');
  if (upTo) q = q.where('checked_on', '<=', upTo);
  return (await q.execute()).map((c) => ({
    pageId: c.page_id,
    element: c.element as PageElement,
    passed: c.passed,
    checkedOn: c.checked_on,
    evidence: c.evidence,
    author: c.author_label,
  }));
}

/** Checks come newest first: the first of each element is its current state. */
function latestPerElement(checks: PageCheck[]): PageCheck[] {
  return PAGE_ELEMENTS.flatMap((e) => {
    const c = checks.find((x) => x.element === e);
    return c
      ? [{ element: c.element, passed: c.passed, checkedOn: c.checkedOn, evidence: c.evidence, author: c.author }]
      : [];
  });
}

export const pageColumns = (input: PageInput) => ({
  organisation_id: input.organisationId,
  network: input.network,
  url: input.url,
  title: input.title,
  owner_name: input.ownerName,
  category: input.category,
  posting_norm: input.postingNorm,
  is_head_page: input.isHeadPage,
  vk_owner_id: input.vkOwnerId,
  widget_source: input.widgetSource,
});

/** Which of url and widget source another active page already uses. */
export async function takenBy(db: Db, input: PageInput, exceptId?: number): Promise<string | null> {
  let q = db
    .selectFrom('official_pages')
    .select(['url', 'widget_source'])
    .where((eb) =>
      eb.or([eb('url', '=', input.url), ...(input.widgetSource ? [eb('widget_source', '=', input.widgetSource)] : [])]),
    );
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  const row = await q.executeTakeFirst();
  if (!row) return null;
  return row.url === input.url ? `адрес ${input.url}` : `источник виджета ${input.widgetSource ?? ''}`;
}

export async function pageIdsByUrl(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('official_pages').select(['id', 'url']).where('active', '=', true).execute();
  return new Map(rows.map((r) => [normaliseUrl(r.url), r.id]));
}

/** Addresses compare without scheme, «www.», «m.» and a trailing slash: exports write them differently. */
export function normaliseUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^(www\.|m\.)/, '')
    .replace(/\/+$/, '');
}
