import { CAMPAIGN_CHANNEL_LABELS, type CampaignDetail, type CampaignInput } from '../../../shared/api/campaigns';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { recordChange } from '../comms/comms-history';
import { municipalityIdOf } from '../comms/reference-cells';
import { getCampaign } from './get-campaign';

// Creating (id null) or changing a campaign: only a draft or a campaign returned with comments changes; the content
// and media plans are replaced as a whole. The problem it answers is a category in municipalities (from a spike or
// chosen by hand); every change goes to the history with who and when.
export async function saveCampaign(ctx: Ctx, id: number | null, input: CampaignInput): Promise<CampaignDetail> {
  requirePermission(ctx.actor, 'comms.manage');
  const ref = await ctx.services.reference.get(ctx.db);
  const municipalityIds = [...new Set(input.municipalityCodes)].map((code) => municipalityIdOf(ref, code) ?? 0);
  const category = input.categoryCode === null ? null : ref.categories.find((c) => c.code === input.categoryCode);
  if (category === undefined)
    throw new AppError('validation_failed', `Категории «${input.categoryCode ?? ''}» нет в справочнике`);
  if (category?.isOther) throw new AppError('validation_failed', 'Выберите конкретную категорию, а не «прочие»');
  if (input.spike && input.spike.to < input.spike.from)
    throw new AppError('validation_failed', 'Окно всплеска: конец раньше начала');
  const saved = await withTransaction(ctx, async (tx) => {
    const pageIds = input.channels.flatMap((c) => (c.kind === 'page_task' ? [c.pageId] : []));
    if (pageIds.length) {
      const found = await tx.db.selectFrom('official_pages').select('id').where('id', 'in', pageIds).execute();
      const missing = pageIds.find((p) => !found.some((f) => f.id === p));
      if (missing !== undefined) throw new AppError('validation_failed', `Госпаблика № ${missing} нет в реестре`);
    }
    const contactIds = input.mediaPlan.map((m) => m.contactId);
    if (contactIds.length) {
      const found = await tx.db.selectFrom('media_contacts').select('id').where('id', 'in', contactIds).execute();
      const missing = contactIds.find((c) => !found.some((f) => f.id === c));
      if (missing !== undefined) throw new AppError('validation_failed', `СМИ № ${missing} нет в реестре`);
    }
    const columns = {
      title: input.title,
      goal: input.goal,
      audience: input.audience,
      category_code: input.categoryCode,
      municipality_ids: municipalityIds,
      channels: JSON.stringify(input.channels),
      source_kind: input.spike ? 'spike' : 'category',
      spike_from: input.spike?.from ?? null,
      spike_to: input.spike?.to ?? null,
      starts_on: input.startsOn,
      effect_window_days: input.effectWindowDays,
    };
    let campaignId: number;
    if (id === null) {
      campaignId = (
        await tx.db
          .insertInto('campaigns')
          .values({
            ...columns,
            created_by_label: ctx.actor.label,
            created_at: ctx.services.clock.now(),
            updated_at: ctx.services.clock.now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    } else {
      const current = await tx.db
        .selectFrom('campaigns')
        .select('status')
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!current) throw notFound('Кампания', 'f');
      if (current.status !== 'draft' && current.status !== 'returned')
        throw new AppError('invalid_transition', 'Кампания уже на утверждении или утверждена: изменить её нельзя');
      await tx.db
        .updateTable('campaigns')
        .set({ ...columns, updated_at: ctx.services.clock.now() })
        .where('id', '=', id)
        .execute();
      await tx.db.deleteFrom('campaign_posts').where('campaign_id', '=', id).execute();
      await tx.db.deleteFrom('campaign_media_plan').where('campaign_id', '=', id).execute();
      campaignId = id;
    }
    await tx.db
      .insertInto('campaign_posts')
      .values(
        input.posts.map((p, i) => ({ campaign_id: campaignId, publish_on: p.publishOn, text: p.text, position: i })),
      )
      .execute();
    if (input.mediaPlan.length) {
      await tx.db
        .insertInto('campaign_media_plan')
        .values(
          input.mediaPlan.map((m, i) => ({
            campaign_id: campaignId,
            contact_id: m.contactId,
            planned_on: m.plannedOn,
            note: m.note,
            position: i,
          })),
        )
        .execute();
    }
    await recordChange(
      tx,
      'campaign',
      campaignId,
      id === null ? 'created' : 'changed',
      [
        input.title,
        `цель: ${input.goal}`,
        `начало ${input.startsOn.split('-').reverse().join('.')}`,
        `муниципалитетов ${municipalityIds.length}`,
        `каналы: ${input.channels.map((c) => CAMPAIGN_CHANNEL_LABELS[c.kind]).join(', ')}`,
        `публикаций ${input.posts.length}`,
        `СМИ в медиаплане ${input.mediaPlan.length}`,
      ].join(' · '),
    );
    return campaignId;
  });
  return getCampaign(ctx, saved);
}
