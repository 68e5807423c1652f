import { sql } from 'kysely';
import {
  CONFLICT_RULE,
  type ImplementationStatus,
  type Vote,
  type VoteInput,
  type VoteKind,
} from '../../../shared/api/votes';
import type { Db } from '../../db/database';

// Votes with their place and category names and, beside each, the complaints (cases) of the same category in the
// same municipality before and after its decision: a vote without a municipality is regional (all municipalities),
// without a category it is compared with all complaints of its place.
export interface VoteFilter {
  id?: number;
  from?: string;
  to?: string;
  municipality?: string;
  category?: string;
}

interface Row {
  id: number;
  external_id: string | null;
  kind: string;
  title: string;
  municipality_code: string | null;
  municipality: string | null;
  lat: number | null;
  lon: number | null;
  category_code: string | null;
  category: string | null;
  block: string | null;
  question: string;
  starts_on: string;
  ends_on: string;
  turnout: number | null;
  result: string;
  decision: string;
  decision_on: string | null;
  implementation: string;
  around: string;
  before: string | number;
  after: string | number;
}

export async function loadVotes(db: Db, filter: VoteFilter = {}): Promise<Vote[]> {
  const days = `${CONFLICT_RULE.windowDays} days`;
  const { rows } = await sql<Row>`
    with v as (
      select e.*, coalesce(e.decision_on, e.ends_on) as around_day from participation_events e
      left join municipalities fm on fm.id = e.municipality_id
      where true
        ${filter.id !== undefined ? sql`and e.id = ${filter.id}` : sql``}
        ${filter.from ? sql`and e.ends_on >= ${filter.from}::date` : sql``}
        ${filter.to ? sql`and e.starts_on <= ${filter.to}::date` : sql``}
        ${filter.municipality ? sql`and fm.code = ${filter.municipality}` : sql``}
        ${filter.category ? sql`and e.category_code = ${filter.category}` : sql``}
    ), w as (
      select v.*, (around_day::text || ' 00:00:00+03')::timestamptz as around_at from v
    )
    select w.id, w.external_id, w.kind, w.title, m.code as municipality_code, m.name as municipality, m.lat, m.lon,
      w.category_code, c.name as category, c.block_code as block, w.question, w.starts_on::text as starts_on, w.ends_on::text as ends_on,
      w.turnout, w.result, w.decision, w.decision_on::text as decision_on, w.implementation, w.around_day::text as around,
      (select count(*) from cases k where (w.municipality_id is null or k.municipality_id = w.municipality_id)
        and (w.category_code is null or k.category_code = w.category_code)
        and k.created_at >= w.around_at - ${days}::interval and k.created_at < w.around_at) as before,
      (select count(*) from cases k where (w.municipality_id is null or k.municipality_id = w.municipality_id)
        and (w.category_code is null or k.category_code = w.category_code)
        and k.created_at >= w.around_at and k.created_at < w.around_at + ${days}::interval) as after
    from w
    left join municipalities m on m.id = w.municipality_id
    left join categories c on c.code = w.category_code
    order by w.starts_on desc, w.id desc`.execute(db);
  return rows.map((r) => {
    const before = Number(r.before);
    const after = Number(r.after);
    return {
      id: r.id,
      externalId: r.external_id,
      kind: r.kind as VoteKind,
      title: r.title,
      municipalityCode: r.municipality_code,
      municipality: r.municipality,
      lat: r.lat,
      lon: r.lon,
      categoryCode: r.category_code,
      category: r.category,
      block: r.block,
      question: r.question,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      turnout: r.turnout,
      result: r.result,
      decision: r.decision,
      decisionOn: r.decision_on,
      implementation: r.implementation as ImplementationStatus,
      complaints: { around: r.around, before, after, conflict: isConflict(before, after) },
    };
  });
}

export function isConflict(before: number, after: number): boolean {
  return after >= CONFLICT_RULE.minComplaints && after >= before * CONFLICT_RULE.ratio;
}

export async function voteColumns(db: Db, input: VoteInput) {
  const municipality = input.municipalityCode
    ? await db.selectFrom('municipalities').select('id').where('code', '=', input.municipalityCode).executeTakeFirst()
    : null;
  return {
    municipalityFound: input.municipalityCode === null || Boolean(municipality),
    columns: {
      external_id: input.externalId,
      kind: input.kind,
      title: input.title,
      municipality_id: municipality?.id ?? null,
      category_code: input.categoryCode,
      question: input.question,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      turnout: input.turnout,
      result: input.result,
      decision: input.decision,
      decision_on: input.decisionOn,
      implementation: input.implementation,
    },
  };
}
