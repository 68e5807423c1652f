import type { SeminarDetail } from '../../../shared/api/seminars';
import type { Ctx } from '../../lib/context';
import { loadHistory } from '../comms/comms-history';
import { canManageSeminars, loadMaterials, loadParticipants, loadSummary } from './seminars.repository';

/** A seminar with its participants (an executor: only their organisation's), materials and history of changes. */
export async function getSeminar(ctx: Ctx, id: number): Promise<SeminarDetail> {
  const summary = await loadSummary(ctx, id);
  const [participants, materialsList, history] = await Promise.all([
    loadParticipants(ctx, id),
    loadMaterials(ctx.db, id),
    loadHistory(ctx.db, 'seminar', id),
  ]);
  return { ...summary, participants, materialsList, history, canManage: canManageSeminars(ctx) };
}
