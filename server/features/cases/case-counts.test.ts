import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_FACETS, caseFacetsQuerySchema, caseListQuerySchema } from '../../../shared/api/cases';
import { seedDemo } from '../demo/seed-demo';
import { createTestServices, type TestServices } from '../../test/test-services';
import { compactCaseCounts, rollupPeriod } from './case-counts';
import { countFacets } from './case-facets';
import { listCases } from './cases.repository';

const now = new Date('2026-11-26T09:00:00Z');

describe('the per-day rollup of the case counts', () => {
  let services: TestServices;

  beforeAll(async () => {
    services = await createTestServices({ now: now.toISOString() });
    await seedDemo(services, { count: 60, now });
  }, 600_000);
  afterAll(async () => {
    await services.close();
  });

  const PERIODS = [{}, { from: '2026-10-28', to: '2026-11-26' }, { from: '2026-11-20' }, { to: '2026-11-01' }];

  /** Every facet of every period: the rollup's answer equals the scan's, and the list's total too. */
  async function expectSameAsScan(): Promise<void> {
    const db = services.database.db;
    const ref = await services.reference.get(db);
    for (const period of PERIODS) {
      const q = caseFacetsQuerySchema.parse({ ...period, facets: CASE_FACETS.join(',') });
      const [rolled, scanned] = await Promise.all([
        countFacets(db, q, now, null, ref),
        countFacets(db, q, now, null, ref, { scan: true }),
      ]);
      expect(rolled, JSON.stringify(period)).toEqual(scanned);
      const list = caseListQuerySchema.parse(period);
      const [a, b] = await Promise.all([listCases(db, list, now, null), listCases(db, list, now, null, { scan: true })]);
      expect(a.total).toBe(b.total);
    }
  }

  it('counts what the scan counts, before and after the counters are folded', async () => {
    const db = services.database.db;
    const all = await countFacets(db, caseFacetsQuerySchema.parse({}), now, null, await services.reference.get(db));
    expect(all.total).toBeGreaterThan(40);
    expect(all.facets.deadline?.length).toBeGreaterThan(0);
    await expectSameAsScan();
    await compactCaseCounts(db);
    const fresh = await sql<{ n: string }>`select count(*) as n from case_counts where not compacted`.execute(db);
    expect(Number(fresh.rows[0]?.n)).toBe(0);
    await expectSameAsScan();
  });

  it('follows changes, merges, replies and deletions made after the fold', async () => {
    const db = services.database.db;
    const ids = (await db.selectFrom('cases').select('id').orderBy('id').limit(12).execute()).map((r) => r.id);
    const [a, b, c, d, e, f] = ids;
    await db.updateTable('cases').set({ status: 'closed', closed_at: now }).where('id', '=', a!).execute();
    await db.updateTable('cases').set({ merged_into_id: a! }).where('id', '=', b!).execute();
    await db.updateTable('cases').set({ citizen_replied_at: now }).where('id', 'in', [c!, d!]).execute();
    await db
      .updateTable('cases')
      .set({ block_code: null, category_code: null, municipality_id: null, organisation_id: null })
      .where('id', '=', e!)
      .execute();
    await db.updateTable('cases').set({ created_at: new Date('2026-11-25T22:30:00Z') }).where('id', '=', f!).execute();
    await db.updateTable('cases').set({ summary: sql`summary` }).execute(); // a change no count depends on
    await expectSameAsScan();
    await compactCaseCounts(db);
    await expectSameAsScan();
    await db.updateTable('cases').set({ merged_into_id: null }).where('id', '=', b!).execute();
    await expectSameAsScan();
  });

  it('answers only the first screens: a filter other than the period or an organisation scope scans', () => {
    expect(rollupPeriod(caseFacetsQuerySchema.parse({ from: '2026-11-01', facets: 'block' }), null)).toEqual({
      from: '2026-11-01',
      to: undefined,
    });
    expect(rollupPeriod(caseListQuerySchema.parse({ page: '3', sort: 'due_asc' }), null)).toEqual({
      from: undefined,
      to: undefined,
    });
    expect(rollupPeriod(caseFacetsQuerySchema.parse({}), 5)).toBeNull();
    expect(rollupPeriod(caseFacetsQuerySchema.parse({ block: 'housing' }), null)).toBeNull();
    expect(rollupPeriod(caseFacetsQuerySchema.parse({ q: 'яма' }), null)).toBeNull();
    expect(rollupPeriod(caseFacetsQuerySchema.parse({ deadline: 'overdue' }), null)).toBeNull();
  });
});
