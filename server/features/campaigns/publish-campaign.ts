import { sql } from 'kysely';
import { moscowInstant, toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import { CAMPAIGN_CHANNEL_LABELS, type CampaignDetail } from '../../../shared/api/campaigns';
import { enqueue } from '../../jobs/outbox';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { recordChange } from '../comms/comms-history';
import { channelsOf, loadCampaignRows } from './campaigns.repository';
import { getCampaign } from './get-campaign';
import { channelConfigured, publishPostJob } from './publish-post.job';

/** A post of a later day goes out at 10:00 Moscow time of its day; one of today or an earlier day at once. */
const PUBLISH_MINUTE = 10 * 60;

// Publishing an approved campaign: every post of the content plan × every channel becomes a publication. A channel
// that can post (VK wall, Telegram channel, e-mail list) gets an outbox job due on the post's day; a госпаблик gets a
// task for its owner, closed with the link to what was posted.
export async function publishCampaign(ctx: Ctx, id: number): Promise<CampaignDetail> {
  requirePermission(ctx.actor, 'comms.manage');
  await withTransaction(ctx, async (tx) => {
    const status = await tx.db
      .selectFrom('campaigns')
      .select('status')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!status) throw notFound('Кампания', 'f');
    if (status.status !== 'approved')
      throw new AppError('invalid_transition', 'Публиковать можно только утверждённую кампанию');
    const [row] = await loadCampaignRows(tx.db, { id });
    if (!row) throw notFound('Кампания', 'f');
    const channels = channelsOf(row);
    const unavailable = channels.map((c) => channelConfigured(ctx.services, c.kind)).find((m) => m !== null);
    if (unavailable) throw new AppError('validation_failed', `Канал не может публиковать: ${unavailable}`);
    const posts = await tx.db
      .selectFrom('campaign_posts')
      .select('id')
      .select(sql<string>`publish_on::text`.as('publish_on'))
      .where('campaign_id', '=', id)
      .orderBy('position')
      .execute();
    const now = ctx.services.clock.now();
    const today = toMoscowIsoDate(now);
    for (const post of posts) {
      for (const [index, channel] of channels.entries()) {
        const isTask = channel.kind === 'page_task';
        const inserted = await tx.db
          .insertInto('campaign_publications')
          .values({
            campaign_id: id,
            post_id: post.id,
            channel_index: index,
            channel_kind: channel.kind,
            target: channel.kind === 'telegram_channel' || channel.kind === 'email_list' ? channel.target : '',
            page_id: isTask ? channel.pageId : null,
            status: isTask ? 'task_open' : 'pending',
            created_at: now,
          })
          .onConflict((oc) => oc.columns(['post_id', 'channel_index']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (inserted && !isTask) {
          const due = post.publish_on > today ? moscowInstant(post.publish_on, PUBLISH_MINUTE) : now;
          await enqueue(tx, publishPostJob, { publicationId: inserted.id }, `campaign-publication:${inserted.id}`, due);
        }
      }
    }
    await tx.db.updateTable('campaigns').set({ status: 'published', updated_at: now }).where('id', '=', id).execute();
    await recordChange(
      tx,
      'campaign',
      id,
      'publish',
      `Публикация: ${posts.length} × ${channels.length} (${channels.map((c) => CAMPAIGN_CHANNEL_LABELS[c.kind]).join(', ')})`,
    );
  });
  return getCampaign(ctx, id);
}

/** The owner of a госпаблик has posted: the task is closed with the link to the post. */
export async function completePageTask(ctx: Ctx, publicationId: string, url: string): Promise<CampaignDetail> {
  requirePermission(ctx.actor, 'comms.manage');
  const campaignId = await withTransaction(ctx, async (tx) => {
    const row = await tx.db
      .selectFrom('campaign_publications')
      .select(['campaign_id', 'status'])
      .where('id', '=', publicationId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('Публикация', 'f');
    if (row.status !== 'task_open')
      throw new AppError('invalid_transition', 'Это не открытая задача владельцу госпаблика');
    await tx.db
      .updateTable('campaign_publications')
      .set({ status: 'task_done', url, done_by_label: ctx.actor.label, done_at: ctx.services.clock.now() })
      .where('id', '=', publicationId)
      .execute();
    await recordChange(tx, 'campaign', row.campaign_id, 'task_done', `Госпаблик: опубликовано ${url}`);
    return row.campaign_id;
  });
  return getCampaign(ctx, campaignId);
}
