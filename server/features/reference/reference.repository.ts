import type { PolicyRule, DurationUnit } from '../../../shared/deadlines/deadline-policy';
import type { Db } from '../../db/database';
import type { RoutingRule } from './routing';

export interface MunicipalityRef {
  id: number;
  code: string;
  name: string;
  shortName: string;
  kind: string;
  lat: number | null;
  lon: number | null;
  population: number | null;
}
export interface BlockRef {
  code: string;
  name: string;
  mandatory: boolean;
  sort: number;
}
export interface CategoryRef {
  blockCode: string;
  code: string;
  name: string;
  isOther: boolean;
}
export interface OrganisationRef {
  id: number;
  name: string;
  shortName: string | null;
  kind: string;
  municipalityId: number | null;
  isDemo: boolean;
}

/** An immutable view of the reference data, loaded in one go and cached briefly. */
export interface ReferenceSnapshot {
  municipalities: MunicipalityRef[];
  blocks: BlockRef[];
  categories: CategoryRef[];
  organisations: OrganisationRef[];
  routingRules: RoutingRule[];
  policies: PolicyRule[];
  municipalityByCode: Map<string, MunicipalityRef>;
  municipalityById: Map<number, MunicipalityRef>;
  organisationById: Map<number, OrganisationRef>;
  organisationByName: Map<string, OrganisationRef>;
  adminOfMunicipality: (municipalityId: number) => number | undefined;
}

export async function loadReference(db: Db): Promise<ReferenceSnapshot> {
  const [munis, blocks, cats, orgs, rules, policies] = await Promise.all([
    db.selectFrom('municipalities').selectAll().where('active', '=', true).orderBy('id').execute(),
    db.selectFrom('blocks').selectAll().where('active', '=', true).orderBy('sort').execute(),
    db.selectFrom('categories').selectAll().where('active', '=', true).orderBy('id').execute(),
    db.selectFrom('organisations').selectAll().where('active', '=', true).orderBy('id').execute(),
    db.selectFrom('routing_rules').selectAll().orderBy('id').execute(),
    db.selectFrom('deadline_policies').selectAll().orderBy('id').execute(),
  ]);
  const municipalities = munis.map((m) => ({
    id: m.id,
    code: m.code,
    name: m.name,
    shortName: m.short_name,
    kind: m.kind,
    lat: m.lat,
    lon: m.lon,
    population: m.population,
  }));
  const organisations = orgs.map((o) => ({
    id: o.id,
    name: o.name,
    shortName: o.short_name,
    kind: o.kind,
    municipalityId: o.municipality_id,
    isDemo: o.is_demo,
  }));
  const admins = new Map<number, number>();
  for (const o of organisations)
    if (o.kind === 'municipal_admin' && o.municipalityId !== null) admins.set(o.municipalityId, o.id);
  return {
    municipalities,
    blocks: blocks.map((b) => ({ code: b.code, name: b.name, mandatory: b.mandatory, sort: b.sort })),
    categories: cats.map((c) => ({ blockCode: c.block_code, code: c.code, name: c.name, isOther: c.is_other })),
    organisations,
    routingRules: rules.map((r) => ({
      id: r.id,
      blockCode: r.block_code,
      categoryCode: r.category_code,
      municipalityId: r.municipality_id,
      target: r.target === 'municipal_admin' ? 'municipal_admin' : 'organisation',
      organisationId: r.organisation_id,
      fallbackOrganisationId: r.fallback_organisation_id,
    })),
    policies: policies.map((p) => ({
      ...(p.channel ? { channel: p.channel } : {}),
      ...(p.block_code ? { block: p.block_code } : {}),
      ...(p.category_code ? { category: p.category_code } : {}),
      policy: {
        firstResponse: { amount: Number(p.first_amount), unit: p.first_unit as DurationUnit },
        finalAnswer: { amount: Number(p.final_amount), unit: p.final_unit as DurationUnit },
      },
      ...(p.source ? { source: p.source } : {}),
    })),
    municipalityByCode: new Map(municipalities.map((m) => [m.code, m])),
    municipalityById: new Map(municipalities.map((m) => [m.id, m])),
    organisationById: new Map(organisations.map((o) => [o.id, o])),
    organisationByName: new Map(organisations.map((o) => [o.name, o])),
    adminOfMunicipality: (id) => admins.get(id),
  };
}

/** Caches the snapshot for a few seconds; edits invalidate it at once on this node. */
export class ReferenceCache {
  #snapshot: { at: number; value: Promise<ReferenceSnapshot> } | null = null;
  constructor(private readonly ttlMs = 30_000) {}
  get(db: Db, nowMs = Date.now()): Promise<ReferenceSnapshot> {
    if (!this.#snapshot || nowMs - this.#snapshot.at > this.ttlMs) {
      const value = loadReference(db);
      this.#snapshot = { at: nowMs, value };
      value.catch(() => {
        this.#snapshot = null;
      });
    }
    return this.#snapshot.value;
  }
  invalidate(): void {
    this.#snapshot = null;
  }
}
