import { OPEN_STATUSES } from '../../../shared/cases/case-status';
import type { Ctx } from '../../lib/context';
import type { MunicipalityRef } from '../reference/reference.repository';
import type { Analysis, DuplicateCandidate } from '../understanding/message-analyzer';

export interface DuplicateProbe {
  text: string;
  createdAt: Date;
  municipality: MunicipalityRef | null;
  analysis: Analysis;
  /** The address field the channel sent with the message, if any. */
  address?: string | null;
}

const DAY_MS = 86_400_000;

/**
 * Open cases a new message may join: the same municipality and block, not merged away, created within the
 * configured window (OTKLIK_DUPLICATE_WINDOW_DAYS) before the message. Channel does not matter. The street,
 * house and locality are compared by the analyzer (duplicates/rank-candidates.ts).
 */
export async function loadDuplicateCandidates(ctx: Ctx, probe: DuplicateProbe): Promise<DuplicateCandidate[]> {
  if (!probe.municipality || !probe.analysis.block) return [];
  const from = new Date(probe.createdAt.getTime() - ctx.services.config.duplicateWindowDays * DAY_MS);
  const rows = await ctx.db.selectFrom('cases')
    .select(['id', 'summary', 'address', 'block_code', 'category_code', 'created_at'])
    .where('municipality_id', '=', probe.municipality.id)
    .where('block_code', '=', probe.analysis.block)
    .where('status', 'in', [...OPEN_STATUSES])
    .where('merged_into_id', 'is', null)
    .where('created_at', '>=', from)
    .where('created_at', '<=', probe.createdAt)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    caseId: r.id, text: r.summary, municipalityCode: probe.municipality?.code ?? null, address: r.address,
    block: r.block_code, category: r.category_code, createdAt: r.created_at,
  }));
}

/** The case this message repeats, if the match is strong enough to join it without a human. */
export async function findDuplicateCase(ctx: Ctx, probe: DuplicateProbe): Promise<string | null> {
  const candidates = await loadDuplicateCandidates(ctx, probe);
  if (candidates.length === 0) return null;
  return ctx.services.analyzer.duplicateOf?.(
    { text: probe.text, createdAt: probe.createdAt, analysis: probe.analysis, address: probe.address ?? null },
    candidates, { windowDays: ctx.services.config.duplicateWindowDays },
  ) ?? null;
}
