// The duplicate check of import: a record without an outcome of its own (prepare-messages.ts, `joinsOpenCases`)
// joins an open case about the same problem — stored before, or opened earlier in the same import — by the rule
// and the scorer intake uses (duplicates/candidate-cases.ts), across channels. One candidate query per batch.
import { OPEN_STATUSES, type CaseStatus } from '../../../shared/cases/case-status';
import type { Classification } from '../../db/schema';
import type { Ctx } from '../../lib/context';
import {
  candidateWindowMs,
  loadCandidateRows,
  pickCandidates,
  type CandidateProbe,
  type CandidateRow,
} from '../duplicates/candidate-cases';
import type { PreparedMessage } from './prepare-messages';

/** Where each record of a batch goes: a stored case (its id), or the case of an earlier record of the batch. */
export type JoinTarget = { caseId: string } | { index: number };

const probeOf = (p: PreparedMessage): CandidateProbe | null =>
  p.duplicateProbe === null
    ? null
    : {
        createdAt: p.duplicateProbe.createdAt,
        municipalityId: p.case.municipality_id ?? null,
        point: p.duplicateProbe.point,
        block: p.duplicateProbe.analysis.block,
        span: 'before',
      };

const PENDING = '#';

/** The case row a record of the batch opens, as a candidate of the records after it. */
function pendingRow(p: PreparedMessage, index: number): CandidateRow | null {
  if (!OPEN_STATUSES.includes(p.case.status as CaseStatus)) return null;
  return {
    id: `${PENDING}${index}`,
    summary: p.message.text.slice(0, 20_000),
    address: p.case.address ?? null,
    lat: p.case.lat ?? null,
    lon: p.case.lon ?? null,
    block_code: p.case.block_code ?? null,
    category_code: p.case.category_code ?? null,
    classification:
      typeof p.case.classification === 'string' ? (JSON.parse(p.case.classification) as Classification) : null,
    created_at: p.message.created_at as Date,
    municipality_id: p.case.municipality_id ?? null,
    status: p.case.status,
    channel: p.case.channel,
  };
}

/**
 * The records of a batch (in file order) that repeat an open case, with the case they join. Records that join
 * open no case, so they are no candidates themselves; a record that opens a case is a candidate of the later ones.
 */
export async function findImportDuplicates(
  ctx: Ctx,
  batch: readonly PreparedMessage[],
): Promise<Map<number, JoinTarget>> {
  const joined = new Map<number, JoinTarget>();
  const analyzer = ctx.services.analyzer;
  const probes = batch.map(probeOf);
  if (!analyzer.duplicateOf || probes.every((p) => p === null)) return joined;
  const stored = await loadCandidateRows(
    ctx,
    probes.filter((p): p is CandidateProbe => p !== null),
  );
  const ref = await ctx.services.reference.get(ctx.db);
  const codeOf = (id: number | null): string | null =>
    id === null ? null : (ref.municipalityById.get(id)?.code ?? null);
  const windowMs = candidateWindowMs(ctx);
  const windowDays = ctx.services.config.duplicateWindowDays;
  const pending: CandidateRow[] = [];
  batch.forEach((p, index) => {
    const probe = probes[index];
    if (probe && p.duplicateProbe) {
      const candidates = pickCandidates(probe, [stored, pending], windowMs, codeOf);
      const { analysis, address, point, createdAt } = p.duplicateProbe;
      const query = { text: p.message.text, createdAt, analysis, address, point };
      const caseId =
        candidates.length && analyzer.mayJoin?.(query) !== false
          ? (analyzer.duplicateOf?.(query, candidates, { windowDays }) ?? null)
          : null;
      if (caseId !== null) {
        joined.set(index, caseId.startsWith(PENDING) ? { index: Number(caseId.slice(PENDING.length)) } : { caseId });
        return;
      }
    }
    const row = pendingRow(p, index);
    if (row) pending.push(row);
  });
  return joined;
}
