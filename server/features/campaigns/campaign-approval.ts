import { CAMPAIGN_STATUS_LABELS, type CampaignDetail, type CampaignStatus } from '../../../shared/api/campaigns';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { recordChange } from '../comms/comms-history';
import { getCampaign } from './get-campaign';

// Approval: the author sends a draft (or a returned campaign) to the head of the centre, who approves it or returns
// it with comments; each step is in the history with who and when.
const STEPS = {
  submit: {
    permission: 'comms.manage',
    from: ['draft', 'returned'],
    to: 'on_approval',
    label: 'Отправлена на утверждение',
  },
  approve: { permission: 'campaigns.approve', from: ['on_approval'], to: 'approved', label: 'Утверждена' },
  return: { permission: 'campaigns.approve', from: ['on_approval'], to: 'returned', label: 'Возвращена с замечаниями' },
} as const;

export async function decideCampaign(
  ctx: Ctx,
  id: number,
  step: keyof typeof STEPS,
  comment: string,
): Promise<CampaignDetail> {
  const { permission, from, to, label } = STEPS[step];
  requirePermission(ctx.actor, permission);
  await withTransaction(ctx, async (tx) => {
    const row = await tx.db
      .selectFrom('campaigns')
      .select('status')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('Кампания', 'f');
    if (!(from as readonly string[]).includes(row.status)) {
      throw new AppError(
        'invalid_transition',
        `Действие «${label.toLowerCase()}» невозможно: кампания в состоянии «${CAMPAIGN_STATUS_LABELS[row.status as CampaignStatus]}»`,
      );
    }
    await tx.db
      .updateTable('campaigns')
      .set({
        status: to,
        updated_at: ctx.services.clock.now(),
        ...(step === 'submit' ? {} : { approval_comment: comment }),
      })
      .where('id', '=', id)
      .execute();
    await recordChange(tx, 'campaign', id, step, comment ? `${label}: ${comment}` : label);
  });
  return getCampaign(ctx, id);
}
