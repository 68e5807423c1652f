import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_FACETS, caseFacetsQuerySchema, caseListQuerySchema } from '../../../shared/api/cases';
import { CHANNELS } from '../../../shared/deadlines/channels';
import { createTestServices, type TestServices } from '../../test/test-services';
import { compactCaseCounts, rollupPeriod } from './case-counts';
import { countFacets } from './case-facets';
import { listCases } from './cases.repository';

const now = new Date('2026-11-26T09:00:00Z');

describe('the per-day rollup of the case counts', () => {
  let services: TestServices;

  beforeAll(async () => {
    services = await createTestServices({ now: now.toISOString() });
    // 400 cases over 80 days: every status, priority and channel, some without a place, organisation or category,
    // some with a deadline ahead (at risk or on time), some answered, some with the citizen's reply
    const at = sql.lit(now.toISOString());
    await sql`
      insert into cases (status, priority, block_code, category_code, municipality_id, organisation_id, channel,
        summary, created_at, final_answer_due_at, final_answer_at, citizen_replied_at)
      select (array['triage', 'assigned', 'in_progress', 'answered', 'closed', 'rejected', 'reopened'])[1 + i % 7],
        (array['normal', 'high', 'critical'])[1 + i % 3],
        case when i % 9 <> 0 then cat.block_code end, case when i % 9 <> 0 then cat.code end,
        case when i % 8 <> 0 then (select id from municipalities order by id offset i % 5 limit 1) end,
        case when i % 6 <> 0 then (select id from organisations order by id offset i % 4 limit 1) end,
        (${sql.val([...CHANNELS])}::text[])[1 + i % ${sql.lit(CHANNELS.length)}], 'случай ' || i,
        ${at}::timestamptz - make_interval(hours => i * 5),
        case when i % 10 <> 0 then ${at}::timestamptz - make_interval(hours => i * 5) + make_interval(days => i % 30) end,
        case when i % 7 = 3 then ${at}::timestamptz - make_interval(hours => i * 4) end,
        case when i % 11 = 0 then ${at}::timestamptz end
      from generate_series(1, 400) as i
      cross join lateral (select block_code, code from categories order by id offset i % 12 limit 1) as cat`.execute(
      services.database.db,
    );
  });
  afterAll(async () => {
    await services.close();
  });

  // all time (whole months only), none whole, whole months after or before a cut, one whole month exactly, and a
  // cut month on each side of whole ones
  const PERIODS = [
    {},
    { from: '2026-10-28', to: '2026-11-26' },
    { from: '2026-11-20' },
    { to: '2026-11-01' },
    { from: '2026-10-01', to: '2026-10-31' },
    { from: '2026-09-15', to: '2026-11-30' },
    { from: '2026-09-01' },
    { to: '2026-10-31' },
    { from: '2026-09-10', to: '2026-11-05' },
  ];

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
      const [a, b] = await Promise.all([
        listCases(db, list, now, null),
        listCases(db, list, now, null, { scan: true }),
      ]);
      expect(a.total).toBe(b.total);
    }
  }

  it('counts what the scan counts, before and after the counters are folded', async () => {
    const db = services.database.db;
    const all = await countFacets(db, caseFacetsQuerySchema.parse({}), now, null, await services.reference.get(db));
    expect(all.total).toBe(400);
    expect(all.facets.deadline?.length).toBeGreaterThan(0);
    await expectSameAsScan();
    await compactCaseCounts(db);
    const fresh = await sql<{ n: string }>`select count(*) as n from case_counts where not compacted`.execute(db);
    expect(Number(fresh.rows[0]?.n)).toBe(0);
    // the months hold what their days hold
    const months = await sql<{ month: string; n: string }>`
      select to_char(month, 'YYYY-MM') as month, n from case_counts_monthly where facet = 'total' order by month`.execute(
      db,
    );
    const days = await sql<{ month: string; n: string }>`
      select to_char(day, 'YYYY-MM') as month, sum(n) as n from case_counts where facet = 'total' group by 1 order by 1`.execute(
      db,
    );
    expect(months.rows.map((r) => [r.month, Number(r.n)])).toEqual(days.rows.map((r) => [r.month, Number(r.n)]));
    expect(months.rows.length).toBeGreaterThanOrEqual(3);
    await expectSameAsScan();
    await compactCaseCounts(db); // a fold with nothing new changes nothing
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
    await db
      .updateTable('cases')
      .set({ created_at: new Date('2026-11-25T22:30:00Z') })
      .where('id', '=', f!)
      .execute();
    await db
      .updateTable('cases')
      .set({ summary: sql`summary` })
      .execute(); // a change no count depends on
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
