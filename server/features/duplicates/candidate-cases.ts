// The one candidate query for duplicates: intake (does a new message join an open case?), import (does a record
// without an outcome join an open case, or one opened earlier in the same import?) and the case card (which open
// cases may be the same problem?) load open cases the same way and hand them to the same scorer.
// A case is a candidate when it is open, not merged away, inside the time window, and either of the same
// municipality and block or within a few hundred metres of the probe's point, whatever its block (coordinates
// decide where the municipality is unknown or wrong; an unsure classifier may put one problem into two blocks).
// Block, category, address, distance and text are compared by the scorer (similarity.ts).
// Several probes are answered by one query (an import batch): the query asks for what any of them may match, and
// `pickCandidates` keeps each probe's own by the same rule, so one probe or many give the same candidates.
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
  /** 'before': cases opened up to the probe (intake, import); 'around': before and after it (the case card). */
  readonly span: 'before' | 'around';
}

export interface CandidateCase extends DuplicateCandidate {
  readonly status: string;
  readonly channel: string;
}

/** An open case as the query reads it (import adds the cases of its batch in the same shape). */
export interface CandidateRow {
  id: string;
  summary: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
  block_code: string | null;
  category_code: string | null;
  classification: Classification | null;
  created_at: Date;
  municipality_id: number | null;
  status: string;
  channel: string;
}

const DAY_MS = 86_400_000;
const LIMIT = 500;
/** Points further than this from the probe are never the same place (see NEAR_DEGREES). */
export const NEAR_METRES = 550;
/** Half the side of the square searched around a point, in degrees of latitude (≈ 550 m). */
const NEAR_DEGREES = 0.005;
/** A degree of longitude is about half a degree of latitude at 57–59° N. */
const NEAR_DEGREES_LON = 2 * NEAR_DEGREES;

/** The classifier's confidence when the case still has the classifier's category; a person's choice is certain. */
export function classifierConfidence(row: {
  category_code: string | null;
  classification: Classification | null;
}): number | null {
  const c = row.classification;
  return c && c.category === row.category_code ? c.confidence : null;
}

const searchable = (p: CandidateProbe): boolean => p.municipalityId !== null || p.point !== null || !!p.block;
const windowOf = (p: CandidateProbe, windowMs: number): { from: Date; to: Date } => ({
  from: new Date(p.createdAt.getTime() - windowMs),
  to: p.span === 'before' ? p.createdAt : new Date(p.createdAt.getTime() + windowMs),
});

/** Whether an open case is a candidate of the probe: the rule the query asks the database, for one probe of many
 *  (its window computed once: a batch tests many rows per probe). */
function candidateTest(probe: CandidateProbe, windowMs: number): (row: CandidateRow) => boolean {
  const { from, to } = windowOf(probe, windowMs);
  const [fromMs, toMs] = [from.getTime(), to.getTime()];
  const { point, municipalityId, block } = probe;
  return (row) => {
    const at = row.created_at.getTime();
    if (at < fromMs || at > toMs || row.id === probe.excludeCaseId) return false;
    const near =
      point !== null &&
      row.lat !== null &&
      row.lon !== null &&
      row.lat >= point.lat - NEAR_DEGREES &&
      row.lat <= point.lat + NEAR_DEGREES &&
      row.lon >= point.lon - NEAR_DEGREES_LON &&
      row.lon <= point.lon + NEAR_DEGREES_LON;
    const same =
      municipalityId !== null && row.municipality_id === municipalityId && (!block || row.block_code === block);
    const anywhere = municipalityId === null && point === null && !!block && row.block_code === block;
    return near || same || anywhere;
  };
}

/** The open cases any of the probes may match, newest first, in one query. */
export async function loadCandidateRows(ctx: Ctx, probes: readonly CandidateProbe[]): Promise<CandidateRow[]> {
  const wanted = probes.filter(searchable);
  if (wanted.length === 0) return [];
  const windowMs = candidateWindowMs(ctx);
  const windows = wanted.map((p) => windowOf(p, windowMs));
  const from = new Date(Math.min(...windows.map((w) => w.from.getTime())));
  const to = new Date(Math.max(...windows.map((w) => w.to.getTime())));
  const single = wanted.length === 1 ? wanted[0] : undefined;
  let query = ctx.db
    .selectFrom('cases')
    .select([
      'id',
      'summary',
      'address',
      'lat',
      'lon',
      'block_code',
      'category_code',
      'classification',
      'created_at',
      'municipality_id',
      'status',
      'channel',
    ])
    .where('status', 'in', [...OPEN_STATUSES])
    .where('merged_into_id', 'is', null)
    .where('created_at', '>=', from)
    .where('created_at', '<=', to);
  if (single?.excludeCaseId !== undefined) query = query.where('id', '!=', single.excludeCaseId);
  query = query.where((eb) => {
    const terms = new Map<string, ReturnType<typeof eb.and>>();
    for (const { point, municipalityId, block } of wanted) {
      if (point !== null) {
        terms.set(
          `p${point.lat},${point.lon}`,
          eb.and([
            eb('lat', '>=', point.lat - NEAR_DEGREES),
            eb('lat', '<=', point.lat + NEAR_DEGREES),
            eb('lon', '>=', point.lon - NEAR_DEGREES_LON),
            eb('lon', '<=', point.lon + NEAR_DEGREES_LON),
          ]),
        );
      }
      if (municipalityId !== null) {
        terms.set(
          `m${municipalityId},${block ?? ''}`,
          eb.and([eb('municipality_id', '=', municipalityId), ...(block ? [eb('block_code', '=', block)] : [])]),
        );
      }
      if (municipalityId === null && point === null && block) terms.set(`b${block}`, eb('block_code', '=', block));
    }
    return eb.or([...terms.values()]);
  });
  query = query.orderBy('created_at', 'desc').orderBy('id', 'desc');
  // One probe: the query asks exactly its rule, so the limit can be the database's.
  return single ? query.limit(LIMIT).execute() : query.execute();
}

/** The probe's candidates among lists of rows read by `loadCandidateRows` (and cases not stored yet), newest first. */
export function pickCandidates(
  probe: CandidateProbe,
  rows: readonly (readonly CandidateRow[])[],
  windowMs: number,
  municipalityCode: (id: number | null) => string | null,
): CandidateCase[] {
  if (!searchable(probe)) return [];
  const test = candidateTest(probe, windowMs);
  const mine = rows
    .flatMap((list) => list.filter(test))
    .sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || compareIds(b.id, a.id));
  return mine.slice(0, LIMIT).map((r) => ({
    caseId: r.id,
    text: r.summary,
    municipalityCode: municipalityCode(r.municipality_id),
    address: r.address,
    block: r.block_code,
    category: r.category_code,
    confidence: classifierConfidence(r),
    createdAt: r.created_at,
    point: r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : null,
    status: r.status,
    channel: r.channel,
  }));
}

/** Case ids are bigint text: longer is larger. */
const compareIds = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** The candidates of each probe, in the probes' order, from one query. */
export async function loadCandidateCasesFor(ctx: Ctx, probes: readonly CandidateProbe[]): Promise<CandidateCase[][]> {
  const rows = await loadCandidateRows(ctx, probes);
  const ref = await ctx.services.reference.get(ctx.db);
  const codeOf = (id: number | null): string | null =>
    id === null ? null : (ref.municipalityById.get(id)?.code ?? null);
  const windowMs = candidateWindowMs(ctx);
  return probes.map((p) => pickCandidates(p, [rows], windowMs, codeOf));
}

export async function loadCandidateCases(ctx: Ctx, probe: CandidateProbe): Promise<CandidateCase[]> {
  return (await loadCandidateCasesFor(ctx, [probe]))[0] ?? [];
}

export const candidateWindowMs = (ctx: Ctx): number => ctx.services.config.duplicateWindowDays * DAY_MS;
