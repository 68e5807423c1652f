import { sql } from 'kysely';
import {
  campaignChannelSchema,
  type CampaignChannel,
  type CampaignEffect,
  type CampaignStatus,
  type CampaignSummary,
  type Publication,
  type PublicationStatus,
  type CampaignChannelKind,
} from '../../../shared/api/campaigns';
import type { Db } from '../../db/database';

// Reading campaigns: the row with its problem (category, municipalities, spike), and the effect — cases of the
// campaign's category (all categories when none) in each of its municipalities, counted by the time the case was
// created, in the window of `effect_window_days` days before its start and the window of as many days from it.
// Days are Moscow days: the start is 00:00 Moscow time of `starts_on`.

const DAY_MS = 86_400_000;
export const shiftDay = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export interface CampaignRow {
  id: number;
  title: string;
  goal: string;
  audience: string;
  category_code: string | null;
  category: string | null;
  municipality_ids: number[];
  channels: unknown;
  source_kind: string;
  spike_from: string | null;
  spike_to: string | null;
  starts_on: string;
  effect_window_days: number;
  status: string;
  approval_comment: string;
  created_by_label: string;
}

export async function loadCampaignRows(
  db: Db,
  filter: { id?: number; from?: string | undefined; to?: string | undefined } = {},
): Promise<CampaignRow[]> {
  let q = db
    .selectFrom('campaigns as c')
    .leftJoin('categories as k', 'k.code', 'c.category_code')
    .select([
      'c.id',
      'c.title',
      'c.goal',
      'c.audience',
      'c.category_code',
      'k.name as category',
      'c.municipality_ids',
      'c.channels',
      'c.source_kind',
      'c.effect_window_days',
      'c.status',
      'c.approval_comment',
      'c.created_by_label',
    ])
    .select([
      sql<string | null>`c.spike_from::text`.as('spike_from'),
      sql<string | null>`c.spike_to::text`.as('spike_to'),
      sql<string>`c.starts_on::text`.as('starts_on'),
    ])
    .orderBy('c.starts_on', 'desc')
    .orderBy('c.id', 'desc');
  if (filter.id !== undefined) q = q.where('c.id', '=', filter.id);
  // a campaign belongs to a period when its effect windows overlap it
  if (filter.from) q = q.where(sql<boolean>`c.starts_on + c.effect_window_days > ${filter.from}::date`);
  if (filter.to) q = q.where(sql<boolean>`c.starts_on - c.effect_window_days <= ${filter.to}::date`);
  return (await q.execute()).map((r) => ({ ...r, municipality_ids: r.municipality_ids.map(Number) }));
}

export function channelsOf(row: Pick<CampaignRow, 'channels'>): CampaignChannel[] {
  const raw = typeof row.channels === 'string' ? (JSON.parse(row.channels) as unknown) : row.channels;
  return campaignChannelSchema.array().parse(raw);
}

/** Cases before and after the start in each municipality of the campaign, with the reach recorded there. */
export async function computeEffect(db: Db, row: CampaignRow, today: string): Promise<CampaignEffect> {
  const n = row.effect_window_days;
  const start = sql`(${row.starts_on}::text || ' 00:00:00+03')::timestamptz`;
  const days = `${n} days`;
  const { rows } = await sql<{
    code: string;
    name: string;
    before: string | number;
    after: string | number;
    reach: string | number;
  }>`
    select m.code, m.name,
      (select count(*) from cases k where k.municipality_id = m.id
        ${row.category_code === null ? sql`` : sql`and k.category_code = ${row.category_code}`}
        and k.created_at >= ${start} - ${days}::interval and k.created_at < ${start}) as before,
      (select count(*) from cases k where k.municipality_id = m.id
        ${row.category_code === null ? sql`` : sql`and k.category_code = ${row.category_code}`}
        and k.created_at >= ${start} and k.created_at < ${start} + ${days}::interval) as after,
      (select coalesce(sum(r.reach), 0) from campaign_reach r where r.campaign_id = ${row.id} and r.municipality_id = m.id) as reach
    from municipalities m
    where m.id in (${sql.join(row.municipality_ids.length ? row.municipality_ids : [0])})
    order by m.name`.execute(db);
  const effectRows = rows.map((r) => ({
    municipalityCode: r.code,
    municipality: r.name,
    before: Number(r.before),
    after: Number(r.after),
    reach: Number(r.reach),
  }));
  const afterTo = shiftDay(row.starts_on, n - 1);
  return {
    windowDays: n,
    beforeFrom: shiftDay(row.starts_on, -n),
    beforeTo: shiftDay(row.starts_on, -1),
    afterFrom: row.starts_on,
    afterTo,
    afterComplete: today > afterTo,
    rows: effectRows,
    before: effectRows.reduce((s, r) => s + r.before, 0),
    after: effectRows.reduce((s, r) => s + r.after, 0),
  };
}

export async function totalReach(db: Db, campaignId: number): Promise<number> {
  const r = await db
    .selectFrom('campaign_reach')
    .select(sql<string>`coalesce(sum(reach), 0)`.as('n'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function summaryOf(db: Db, row: CampaignRow, today: string): Promise<CampaignSummary> {
  const places = await db
    .selectFrom('municipalities')
    .select(['code', 'name'])
    .where('id', 'in', row.municipality_ids.length ? row.municipality_ids : [0])
    .orderBy('name')
    .execute();
  return {
    id: row.id,
    title: row.title,
    status: row.status as CampaignStatus,
    categoryCode: row.category_code,
    category: row.category,
    municipalityCodes: places.map((p) => p.code),
    municipalities: places.map((p) => p.name),
    spike: row.spike_from && row.spike_to ? { from: row.spike_from, to: row.spike_to } : null,
    startsOn: row.starts_on,
    effect: await computeEffect(db, row, today),
    reach: await totalReach(db, row.id),
  };
}

export async function loadPublications(db: Db, campaignId: number): Promise<Publication[]> {
  const rows = await db
    .selectFrom('campaign_publications as p')
    .innerJoin('campaign_posts as c', 'c.id', 'p.post_id')
    .leftJoin('official_pages as g', 'g.id', 'p.page_id')
    .select([
      'p.id',
      'p.post_id',
      'p.channel_kind',
      'p.target',
      'g.title as page_title',
      'g.owner_name as page_owner',
      'p.status',
      'p.url',
      'p.external_ref',
      'p.last_error',
      'p.attempts',
      'p.done_by_label',
    ])
    .select(sql<string>`c.publish_on::text`.as('publish_on'))
    .where('p.campaign_id', '=', campaignId)
    .orderBy('c.publish_on')
    .orderBy('c.position')
    .orderBy('p.channel_index')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    postId: r.post_id,
    publishOn: r.publish_on,
    channelKind: r.channel_kind as CampaignChannelKind,
    target: r.target,
    pageTitle: r.page_title,
    pageOwner: r.page_owner,
    status: r.status as PublicationStatus,
    url: r.url,
    externalRef: r.external_ref,
    lastError: r.last_error,
    attempts: r.attempts,
    doneBy: r.done_by_label,
  }));
}
