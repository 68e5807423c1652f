import { DEFAULT_POLICY_RULES } from '../../../shared/deadlines/deadline-policy';
import { YAROSLAVL_MUNICIPALITIES } from '../../../shared/reference/municipalities';
import { DEFAULT_TAXONOMY, OTHER_CATEGORY_CODE } from '../../../shared/reference/taxonomy';
import type { Db } from '../../db/database';
import {
  DEFAULT_ROUTING,
  MUNICIPAL_ADMINISTRATIONS,
  REGIONAL_FALLBACK,
  REGIONAL_ORGANISATIONS,
} from './default-organisations';

/** Seeds the reference data on first start. Idempotent: does nothing once blocks exist. Runs inside a transaction. */
export async function seedReference(db: Db): Promise<boolean> {
  const existing = await db.selectFrom('blocks').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  await db
    .insertInto('municipalities')
    .values(
      YAROSLAVL_MUNICIPALITIES.map((m) => ({
        code: m.code,
        name: m.name,
        short_name: m.short,
        kind: m.kind,
        admin_centre: m.adminCentre,
        lat: m.lat,
        lon: m.lon,
        population: m.population,
      })),
    )
    .execute();
  await db
    .insertInto('blocks')
    .values(
      DEFAULT_TAXONOMY.map((b, i) => ({
        code: b.code,
        name: b.name,
        mandatory: b.mandatory,
        sort: i,
      })),
    )
    .execute();
  await db
    .insertInto('categories')
    .values(
      DEFAULT_TAXONOMY.flatMap((b) =>
        b.categories.map((c) => ({
          block_code: b.code,
          code: c.code,
          name: c.name,
          is_other: c.code === OTHER_CATEGORY_CODE,
        })),
      ),
    )
    .execute();
  const municipalities = await db.selectFrom('municipalities').select(['id', 'code']).execute();
  const muniId = new Map(municipalities.map((m) => [m.code, m.id]));
  const orgs = await db
    .insertInto('organisations')
    .values(
      [...REGIONAL_ORGANISATIONS, ...MUNICIPAL_ADMINISTRATIONS].map((o) => ({
        name: o.name,
        short_name: o.shortName,
        kind: o.kind,
        is_demo: o.demo,
        municipality_id: o.municipalityCode ? (muniId.get(o.municipalityCode) ?? null) : null,
      })),
    )
    .returning(['id', 'name'])
    .execute();
  const orgByKey = new Map<string, number>();
  for (const seed of [...REGIONAL_ORGANISATIONS, ...MUNICIPAL_ADMINISTRATIONS]) {
    const row = orgs.find((o) => o.name === seed.name);
    if (row) orgByKey.set(seed.key, row.id);
  }
  await db
    .insertInto('routing_rules')
    .values(
      DEFAULT_ROUTING.map((r) => ({
        block_code: r.block,
        category_code: r.category ?? null,
        target: r.target === 'municipal_admin' ? 'municipal_admin' : 'organisation',
        organisation_id: r.target === 'municipal_admin' ? null : (orgByKey.get(r.target) ?? null),
        fallback_organisation_id:
          r.target === 'municipal_admin' ? (orgByKey.get(REGIONAL_FALLBACK[r.block] ?? '') ?? null) : null,
      })),
    )
    .execute();
  await db
    .insertInto('deadline_policies')
    .values(
      DEFAULT_POLICY_RULES.map((p) => ({
        channel: p.channel ?? null,
        block_code: p.block ?? null,
        category_code: p.category ?? null,
        first_amount: p.policy.firstResponse.amount,
        first_unit: p.policy.firstResponse.unit,
        final_amount: p.policy.finalAnswer.amount,
        final_unit: p.policy.finalAnswer.unit,
        source: p.source ?? null,
      })),
    )
    .execute();
  return true;
}
