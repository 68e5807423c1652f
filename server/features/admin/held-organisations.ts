// Organisation names from import sources that matched nothing in the directory: their cases wait in triage
// (import-rows.ts). The administrator reviews them here and matches a name to an organisation by adding it as an alias
// (organisation-aliases.ts): later imports route such messages; the cases already held stay in triage for routing.
import { sql } from 'kysely';
import type { Ctx } from '../../lib/context';
import { requirePermission } from '../auth/authorize';
import { organisationDirectory, organisationKey } from '../reference/organisation-aliases';

export interface HeldOrganisationName {
  name: string;
  cases: number;
  lastAt: string;
  matchedTo: number | null;
}

export async function listHeldOrganisationNames(ctx: Ctx): Promise<HeldOrganisationName[]> {
  requirePermission(ctx.actor, 'reference.manage');
  const rows = await ctx.db
    .selectFrom('messages as m')
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .where('m.organisation_raw', 'is not', null)
    .where('c.organisation_id', 'is', null)
    .select((eb) => [
      'm.organisation_raw',
      eb.fn.count<string>(sql`distinct c.id`).as('cases'),
      eb.fn.max('m.received_at').as('last_at'),
    ])
    .groupBy('m.organisation_raw')
    .orderBy('cases', 'desc')
    .limit(500)
    .execute();
  const directory = await organisationDirectory(ctx);
  return rows.map((r) => ({
    name: r.organisation_raw ?? '',
    cases: Number(r.cases),
    lastAt: new Date(r.last_at).toISOString(),
    matchedTo: directory.get(organisationKey(r.organisation_raw ?? '')) ?? null,
  }));
}
