// Duplicate suggestions on the case card: the open cases intake would compare a message with (the shared
// candidate query), scored by the same analyzer from the case's own columns (no analysis is made up), with the
// weaker matches (`suggest`) the operator decides on.
import type { DuplicateSuggestion } from '../../../shared/api/cases';
import type { CaseStatus } from '../../../shared/cases/case-status';
import type { Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { assertCase } from '../cases/cases.policy';
import { extractAddresses } from '../places';
import { classifierConfidence, loadCandidateCases } from './candidate-cases';

const LIMIT = 10;

export async function suggestDuplicates(ctx: Ctx, caseId: string): Promise<DuplicateSuggestion[]> {
  if (!/^\d+$/.test(caseId)) throw new AppError('not_found', 'Обращение не найдено');
  const row = await ctx.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  assertCase(ctx.actor, row, 'triage');
  const ref = await ctx.services.reference.get(ctx.db);
  const point = row.lat !== null && row.lon !== null ? { lat: row.lat, lon: row.lon } : null;
  const candidates = await loadCandidateCases(ctx, {
    createdAt: row.created_at,
    municipalityId: row.municipality_id,
    point,
    block: row.block_code,
    excludeCaseId: row.id,
    span: 'around',
  });
  const municipalityCode =
    row.municipality_id === null ? null : (ref.municipalityById.get(row.municipality_id)?.code ?? null);
  const ranked =
    ctx.services.analyzer.rankDuplicates?.(
      {
        text: row.summary,
        createdAt: row.created_at,
        address: row.address,
        point,
        analysis: {
          block: row.block_code,
          category: row.category_code,
          confidence: classifierConfidence(row) ?? 1,
          municipalityCode,
          addresses: extractAddresses(row.summary),
        },
      },
      candidates,
      { windowDays: ctx.services.config.duplicateWindowDays },
    ) ?? [];
  const byId = new Map(candidates.map((c) => [c.caseId, c]));
  return ranked.slice(0, LIMIT).flatMap((s) => {
    const c = byId.get(s.id);
    if (!c || s.decision === 'none') return [];
    return [
      {
        caseId: c.caseId,
        decision: s.decision,
        score: s.score,
        reasons: [...s.reasons],
        summary: c.text.slice(0, 500),
        status: c.status as CaseStatus,
        createdAt: c.createdAt.toISOString(),
        channel: c.channel,
      },
    ];
  });
}
