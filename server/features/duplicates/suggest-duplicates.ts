// Duplicate suggestions on the case card: open cases that may be the same problem at the same place, scored
// like intake does, with the weaker matches (`suggest`) the operator decides on.
import type { DuplicateSuggestion } from '../../../shared/api/cases';
import { OPEN_STATUSES, type CaseStatus } from '../../../shared/cases/case-status';
import type { Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { assertCase } from '../cases/cases.policy';
import { extractAddresses } from '../places';
import { rankDuplicateCandidates } from './rank-candidates';

const DAY_MS = 86_400_000;
const LIMIT = 10;

export async function suggestDuplicates(ctx: Ctx, caseId: string): Promise<DuplicateSuggestion[]> {
  if (!/^\d+$/.test(caseId)) throw new AppError('not_found', 'Обращение не найдено');
  const row = await ctx.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  assertCase(ctx.actor, row, 'triage');
  const ref = await ctx.services.reference.get(ctx.db);
  const windowMs = ctx.services.config.duplicateWindowDays * DAY_MS;
  let query = ctx.db.selectFrom('cases')
    .select(['id', 'summary', 'address', 'block_code', 'category_code', 'created_at', 'municipality_id', 'status', 'channel'])
    .where('id', '!=', row.id)
    .where('status', 'in', [...OPEN_STATUSES])
    .where('merged_into_id', 'is', null)
    .where('created_at', '>=', new Date(row.created_at.getTime() - windowMs))
    .where('created_at', '<=', new Date(row.created_at.getTime() + windowMs));
  if (row.municipality_id !== null) query = query.where('municipality_id', '=', row.municipality_id);
  else if (row.block_code) query = query.where('block_code', '=', row.block_code);
  const rows = await query.orderBy('created_at', 'desc').limit(300).execute();
  const codeOf = (id: number | null): string | null => (id === null ? null : ref.municipalityById.get(id)?.code ?? null);
  const municipalityCode = codeOf(row.municipality_id);
  const ranked = rankDuplicateCandidates(
    {
      text: row.summary, createdAt: row.created_at, address: row.address,
      analysis: {
        block: row.block_code, category: row.category_code, confidence: 1, top: [], model: '', municipalityCode, municipalityMatch: null,
        addresses: extractAddresses(row.summary), priority: 'normal', flags: [],
      },
    },
    rows.map((c) => ({
      caseId: c.id, text: c.summary, municipalityCode: codeOf(c.municipality_id), address: c.address,
      block: c.block_code, category: c.category_code, createdAt: c.created_at,
    })),
    { windowDays: ctx.services.config.duplicateWindowDays },
  ).slice(0, LIMIT);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ranked.flatMap((s) => {
    const c = byId.get(s.id);
    if (!c || s.decision === 'none') return [];
    return [{
      caseId: c.id, decision: s.decision, score: s.score, reasons: [...s.reasons], summary: c.summary.slice(0, 500),
      status: c.status as CaseStatus, createdAt: c.created_at.toISOString(), channel: c.channel,
    }];
  });
}
