// The one candidate query for duplicates: intake (does a new message join an open case?) and the case card
// (which open cases may be the same problem?) load the same open cases and hand them to the same scorer.
// A case is a candidate when it is open, not merged away, inside the time window, and either of the same
// municipality and block or within a few hundred metres of the probe's point, whatever its block (coordinates
// decide where the municipality is unknown or wrong; an unsure classifier may put one problem into two blocks). Block, category, address, distance and text are compared by the scorer (similarity.ts).
import { OPEN_STATUSES } from '../../../shared/cases/case-status';
import type { Classification } from '../../db/schema';
import type { Ctx } from '../../lib/context';
import type { DuplicateCandidate } from '../understanding/message-analyzer';

export interface CandidateProbe {
  readonly createdAt: Date;
  readonly municipalityId: number | null;
  readonly point: { readonly lat: number; readonly lon: number } | null;
  /** The block of the probe: cases of the same municipality must share it; with neither municipality nor point,
   *  cases of this block anywhere (the case card shows them as weak matches). */
  readonly block?: string | null;
  /** The case itself, when the probe is a case (the duplicates panel). */
  readonly excludeCaseId?: string;
  /** 'before': cases opened up to the probe (intake); 'around': before and after it (the case card). */
  readonly span: 'before' | 'around';
}

export interface CandidateCase extends DuplicateCandidate {
  readonly status: string;
  readonly channel: string;
}

const DAY_MS = 86_400_000;
const LIMIT = 500;
/** Points further than this from the probe are never the same place (see NEAR_DEGREES). */
export const NEAR_METRES = 550;
/** Half the side of the square searched around a point, in degrees of latitude (≈ 550 m). */
const NEAR_DEGREES = 0.005;

/** The classifier's confidence when the case still has the classifier's category; a person's choice is certain. */
export function classifierConfidence(row: { category_code: string | null; classification: Classification | null }): number | null {
  const c = row.classification;
  return c && c.category === row.category_code ? c.confidence : null;
}

export async function loadCandidateCases(ctx: Ctx, probe: CandidateProbe): Promise<CandidateCase[]> {
  const { point, municipalityId } = probe;
  if (municipalityId === null && point === null && !probe.block) return [];
  const windowMs = ctx.services.config.duplicateWindowDays * DAY_MS;
  const ref = await ctx.services.reference.get(ctx.db);
  const to = probe.span === 'before' ? probe.createdAt : new Date(probe.createdAt.getTime() + windowMs);
  let query = ctx.db.selectFrom('cases')
    .select(['id', 'summary', 'address', 'lat', 'lon', 'block_code', 'category_code', 'classification', 'created_at', 'municipality_id', 'status', 'channel'])
    .where('status', 'in', [...OPEN_STATUSES])
    .where('merged_into_id', 'is', null)
    .where('created_at', '>=', new Date(probe.createdAt.getTime() - windowMs))
    .where('created_at', '<=', to);
  if (probe.excludeCaseId !== undefined) query = query.where('id', '!=', probe.excludeCaseId);
  query = query.where((eb) => {
    const near = point === null ? [] : [eb.and([
      eb('lat', '>=', point.lat - NEAR_DEGREES), eb('lat', '<=', point.lat + NEAR_DEGREES),
      // A degree of longitude is about half a degree of latitude at 57–59° N.
      eb('lon', '>=', point.lon - 2 * NEAR_DEGREES), eb('lon', '<=', point.lon + 2 * NEAR_DEGREES),
    ])];
    const same = municipalityId === null ? [] : [eb.and([
      eb('municipality_id', '=', municipalityId), ...(probe.block ? [eb('block_code', '=', probe.block)] : []),
    ])];
    const block = municipalityId === null && point === null && probe.block ? [eb('block_code', '=', probe.block)] : [];
    return eb.or([...same, ...near, ...block]);
  });
  const rows = await query.orderBy('created_at', 'desc').limit(LIMIT).execute();
  const codeOf = (id: number | null): string | null => (id === null ? null : ref.municipalityById.get(id)?.code ?? null);
  return rows.map((r) => ({
    caseId: r.id, text: r.summary, municipalityCode: codeOf(r.municipality_id), address: r.address,
    block: r.block_code, category: r.category_code, confidence: classifierConfidence(r), createdAt: r.created_at,
    point: r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : null, status: r.status, channel: r.channel,
  }));
}
