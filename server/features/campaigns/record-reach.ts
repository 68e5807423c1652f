import { reachInputSchema, type CampaignDetail, type ReachInput } from '../../../shared/api/campaigns';
import type { FileUpload, ImportResult } from '../../../shared/api/public-pages';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { recordChange } from '../comms/comms-history';
import { municipalityCell, municipalityIdOf } from '../comms/reference-cells';
import { cell, countCell, dateCell, importRowByRow } from '../comms/uploaded-table';
import { getCampaign } from './get-campaign';

// Reach of a campaign per municipality and channel: entered by hand or imported from a CSV/XLSX file (columns
// «Муниципалитет», «Канал», «Охват», «Дата»); figures returned by a channel are added by the publishing job.
export const REACH_COLUMNS = {
  municipality: ['Муниципалитет', 'Территория'],
  channel: ['Канал'],
  reach: ['Охват', 'Просмотры'],
  on: ['Дата'],
} as const;

async function openCampaign(ctx: Ctx, id: number): Promise<void> {
  const row = await ctx.db.selectFrom('campaigns').select('status').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Кампания', 'f');
  if (row.status !== 'approved' && row.status !== 'published')
    throw new AppError('invalid_transition', 'Охват вносится по утверждённой кампании');
}

async function insertReach(
  ctx: Ctx,
  id: number,
  item: ReachInput['items'][number],
  source: 'manual' | 'file',
): Promise<void> {
  const ref = await ctx.services.reference.get(ctx.db);
  await ctx.db
    .insertInto('campaign_reach')
    .values({
      campaign_id: id,
      municipality_id: municipalityIdOf(ref, item.municipalityCode),
      channel: item.channel,
      reach: item.reach,
      source,
      recorded_on: item.recordedOn,
      author_label: ctx.actor.label,
    })
    .execute();
  await recordChange(
    ctx,
    'campaign',
    id,
    source === 'file' ? 'reach_imported' : 'reach',
    `Охват ${item.reach} · ${item.channel} · ${item.municipalityCode ?? 'без муниципалитета'} · ${item.recordedOn}`,
  );
}

export async function recordReach(ctx: Ctx, id: number, input: ReachInput): Promise<CampaignDetail> {
  requirePermission(ctx.actor, 'comms.manage');
  await withTransaction(ctx, async (tx) => {
    await openCampaign(tx, id);
    for (const item of input.items) await insertReach(tx, id, item, 'manual');
  });
  return getCampaign(ctx, id);
}

export async function importReach(ctx: Ctx, id: number, upload: FileUpload): Promise<ImportResult> {
  requirePermission(ctx.actor, 'comms.manage');
  await openCampaign(ctx, id);
  const ref = await ctx.services.reference.get(ctx.db);
  return importRowByRow(ctx, upload, async (tx, row) => {
    const str = (key: keyof typeof REACH_COLUMNS): string => String(cell(row, REACH_COLUMNS[key]) ?? '').trim();
    const parsed = reachInputSchema.shape.items.element.safeParse({
      municipalityCode: municipalityCell(ref, str('municipality')),
      channel: str('channel'),
      reach: countCell(cell(row, REACH_COLUMNS.reach), 'Охват'),
      recordedOn: dateCell(cell(row, REACH_COLUMNS.on)),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const column = { channel: 'Канал', reach: 'Охват', recordedOn: 'Дата' }[String(issue?.path[0])] ?? 'Строка';
      throw new AppError(
        'validation_failed',
        `${column}: ${issue?.code === 'invalid_type' ? 'не заполнено' : (issue?.message ?? '')}`,
      );
    }
    await insertReach(tx, id, parsed.data, 'file');
    return 'imported';
  });
}
