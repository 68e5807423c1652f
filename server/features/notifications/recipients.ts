import type { Db } from '../../db/database';

// Who hears about what: the staff of the organisation a case is assigned to, and the centre's staff of its block
// (users with a block and no organisation); for spikes also the organisations of the municipality.
export async function organisationUsers(db: Db, organisationId: number | null): Promise<number[]> {
  if (organisationId === null) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('active', '=', true)
    .execute();
  return rows.map((r) => r.id);
}

export async function blockUsers(db: Db, blockCode: string | null): Promise<number[]> {
  if (!blockCode) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('block_code', '=', blockCode)
    .where('organisation_id', 'is', null)
    .where('active', '=', true)
    .execute();
  return rows.map((r) => r.id);
}

export async function municipalityUsers(db: Db, municipalityId: number | null): Promise<number[]> {
  if (municipalityId === null) return [];
  const rows = await db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select('users.id')
    .where('organisations.municipality_id', '=', municipalityId)
    .where('users.active', '=', true)
    .execute();
  return rows.map((r) => r.id);
}

/** The case's organisation staff and its block's centre staff, without the person who caused the event. */
export async function caseUsers(
  db: Db,
  c: { organisation_id: number | null; block_code: string | null },
  except: number | null = null,
): Promise<number[]> {
  const ids = [...(await organisationUsers(db, c.organisation_id)), ...(await blockUsers(db, c.block_code))];
  return [...new Set(ids)].filter((id) => id !== except);
}
