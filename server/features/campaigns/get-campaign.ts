import type { CampaignDetail, CampaignStatus } from '../../../shared/api/campaigns';
import type { Actor } from '../../lib/context';
import { sql } from 'kysely';
import { toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import { type Ctx } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { can, requirePermission } from '../auth/authorize';
import { loadHistory } from '../comms/comms-history';
import { loadInteractions } from '../media/media.repository';
import { channelsOf, loadCampaignRows, loadPublications, summaryOf } from './campaigns.repository';

/** What the user may do with a campaign in its state; the server checks the same on every action. */
export function campaignActions(actor: Actor, status: CampaignStatus): CampaignDetail['allowedActions'] {
  const manage = can(actor, 'comms.manage');
  const approve = can(actor, 'campaigns.approve');
  const actions: CampaignDetail['allowedActions'] = [];
  if (manage && (status === 'draft' || status === 'returned')) actions.push('edit', 'submit');
  if (approve && status === 'on_approval') actions.push('approve', 'return');
  if (manage && status === 'approved') actions.push('publish');
  if (manage && (status === 'approved' || status === 'published')) actions.push('record_reach');
  return actions;
}

export async function getCampaign(ctx: Ctx, id: number): Promise<CampaignDetail> {
  requirePermission(ctx.actor, 'analytics.read');
  const [row] = await loadCampaignRows(ctx.db, { id });
  if (!row) throw notFound('Кампания', 'f');
  const today = toMoscowIsoDate(ctx.services.clock.now());
  const posts = await ctx.db
    .selectFrom('campaign_posts')
    .select(['id', 'text'])
    .select(sql<string>`publish_on::text`.as('publish_on'))
    .where('campaign_id', '=', id)
    .orderBy('position')
    .execute();
  const mediaPlan = await ctx.db
    .selectFrom('campaign_media_plan as p')
    .innerJoin('media_contacts as c', 'c.id', 'p.contact_id')
    .select(['p.contact_id', 'c.name', 'p.note'])
    .select(sql<string>`p.planned_on::text`.as('planned_on'))
    .where('p.campaign_id', '=', id)
    .orderBy('p.position')
    .execute();
  const reachRows = await ctx.db
    .selectFrom('campaign_reach as r')
    .leftJoin('municipalities as m', 'm.id', 'r.municipality_id')
    .select(['m.code', 'm.name', 'r.channel', 'r.reach', 'r.source', 'r.author_label'])
    .select(sql<string>`r.recorded_on::text`.as('recorded_on'))
    .where('r.campaign_id', '=', id)
    .orderBy('r.recorded_on')
    .orderBy('r.id')
    .execute();
  const status = row.status as CampaignStatus;
  return {
    ...(await summaryOf(ctx.db, row, today)),
    goal: row.goal,
    audience: row.audience,
    effectWindowDays: row.effect_window_days,
    approvalComment: row.approval_comment,
    createdBy: row.created_by_label,
    channels: channelsOf(row),
    posts: posts.map((p) => ({ id: p.id, publishOn: p.publish_on, text: p.text })),
    mediaPlan: mediaPlan.map((p) => ({
      contactId: p.contact_id,
      contactName: p.name,
      plannedOn: p.planned_on,
      note: p.note,
    })),
    publications: await loadPublications(ctx.db, id),
    reachRows: reachRows.map((r) => ({
      municipalityCode: r.code,
      municipality: r.name,
      channel: r.channel,
      reach: r.reach,
      source: r.source as 'manual' | 'file' | 'adapter',
      recordedOn: r.recorded_on,
      author: r.author_label,
    })),
    interactions: await loadInteractions(ctx.db, { campaignId: id }),
    allowedActions: campaignActions(ctx.actor, status),
    history: await loadHistory(ctx.db, 'campaign', id),
  };
}

export async function listCampaigns(ctx: Ctx, filter: { from?: string | undefined; to?: string | undefined }) {
  requirePermission(ctx.actor, 'analytics.read');
  const today = toMoscowIsoDate(ctx.services.clock.now());
  const rows = await loadCampaignRows(ctx.db, filter);
  const items = [];
  for (const row of rows) items.push(await summaryOf(ctx.db, row, today));
  return { items };
}
