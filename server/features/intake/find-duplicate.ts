import type { Ctx } from '../../lib/context';
import { loadCandidateCases } from '../duplicates/candidate-cases';
import type { MunicipalityRef } from '../reference/reference.repository';
import type { Analysis } from '../understanding/message-analyzer';

export interface DuplicateProbe {
  text: string;
  createdAt: Date;
  municipality: MunicipalityRef | null;
  analysis: Analysis;
  /** The address field the channel sent with the message, if any. */
  address?: string | null;
  /** The coordinates the channel sent, if any. */
  point?: { lat: number; lon: number } | null;
}

/**
 * The case this message repeats, if the match is strong enough to join it without a human: the shared candidate
 * query (duplicates/candidate-cases.ts, channel does not matter) scored by the analyzer.
 */
export async function findDuplicateCase(ctx: Ctx, probe: DuplicateProbe): Promise<string | null> {
  if (!probe.analysis.block) return null;
  const point = probe.point ?? null;
  const query = {
    text: probe.text,
    createdAt: probe.createdAt,
    analysis: probe.analysis,
    address: probe.address ?? null,
    point,
  };
  // Nothing could be joined (no municipality, no point): no candidate query, no scoring.
  if (ctx.services.analyzer.mayJoin?.(query) === false) return null;
  const candidates = await loadCandidateCases(ctx, {
    createdAt: probe.createdAt,
    municipalityId: probe.municipality?.id ?? null,
    block: probe.analysis.block,
    point,
    span: 'before',
  });
  if (candidates.length === 0) return null;
  return (
    ctx.services.analyzer.duplicateOf?.(query, candidates, { windowDays: ctx.services.config.duplicateWindowDays }) ??
    null
  );
}
