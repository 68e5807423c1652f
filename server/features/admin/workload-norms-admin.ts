// Workload norms per block (minutes per message and per answer, working hours of a staff member a month), the
// basis of the staffing estimate on «Нагрузка». Every active block is listed, with or without norms; saving goes
// through analytics/workload.ts (`saveWorkloadNorms`), which journals the change.
import type { AdminWorkloadNorms } from '../../../shared/api/admin-settings';
import type { Ctx } from '../../lib/context';
import { requirePermission } from '../auth/authorize';

export async function listWorkloadNorms(ctx: Ctx): Promise<AdminWorkloadNorms[]> {
  requirePermission(ctx.actor, 'reference.manage');
  const [blocks, norms] = await Promise.all([
    ctx.db.selectFrom('blocks').select('code').where('active', '=', true).orderBy('sort').execute(),
    ctx.db
      .selectFrom('workload_norms as n')
      .leftJoin('users as u', 'u.id', 'n.updated_by')
      .select([
        'n.block_code',
        'n.minutes_per_message',
        'n.minutes_per_answer',
        'n.hours_per_staff_month',
        'n.updated_at',
        'u.login',
      ])
      .execute(),
  ]);
  return blocks.map((b) => {
    const n = norms.find((x) => x.block_code === b.code);
    return {
      block: b.code,
      minutesPerMessage: n ? Number(n.minutes_per_message) : null,
      minutesPerAnswer: n ? Number(n.minutes_per_answer) : null,
      hoursPerStaffMonth: n ? Number(n.hours_per_staff_month) : null,
      updatedAt: n ? new Date(n.updated_at).toISOString() : null,
      updatedBy: n ? (n.login ?? 'Система') : null,
    };
  });
}
