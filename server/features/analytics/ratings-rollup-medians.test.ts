import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InterchangeMessage } from '../../../shared/api/interchange';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, type TestServices } from '../../test/test-services';
import { addOrganisations } from '../../test/organisations';
import { importMessages } from '../import-export/import-batch';
import { computeRatings } from './ratings';
import { interpolateMedian, locateRank, medianRanks, wholeMonths } from './ratings-rollup-medians';

describe('median from histograms: the pieces', () => {
  it('percentile_cont ranks and interpolation', () => {
    expect(medianRanks(1)).toEqual([0, 0]);
    expect(medianRanks(4)).toEqual([1, 2]);
    expect(medianRanks(5)).toEqual([2, 2]);
    expect(interpolateMedian(4, 2, 3)).toBe(2.5);
    expect(interpolateMedian(5, 7, 7)).toBe(7);
  });

  it('whole calendar months inside a period', () => {
    expect(wholeMonths({ from: '2026-09-01', to: '2026-09-30' })).toEqual(['2026-09-01']);
    expect(wholeMonths({ from: '2026-09-02', to: '2026-10-31' })).toEqual(['2026-10-01']);
    expect(wholeMonths({ from: '2026-11-01', to: '2027-02-27' })).toEqual(['2026-11-01', '2026-12-01', '2027-01-01']);
    expect(wholeMonths({ from: '2024-02-01', to: '2024-02-29' })).toEqual(['2024-02-01']);
    expect(wholeMonths({ from: '2026-10-05', to: '2026-10-05' })).toEqual([]);
  });

  it('finds the bucket of a rank and the count before it', () => {
    const h = [
      { bucket: 0, count: 2 },
      { bucket: 5, count: 3 },
      { bucket: 9, count: 1 },
    ];
    expect(locateRank(h, 0)).toEqual({ bucket: 0, before: 0 });
    expect(locateRank(h, 2)).toEqual({ bucket: 5, before: 2 });
    expect(locateRank(h, 4)).toEqual({ bucket: 5, before: 2 });
    expect(locateRank(h, 5)).toEqual({ bucket: 9, before: 5 });
    expect(() => locateRank(h, 6)).toThrow(/вне гистограммы/);
  });
});

// Many messages with answer delays that crowd into the same buckets, ties, negative delays, odd and even counts:
// the rollup path must give exactly what percentile_cont over the raw tables gives, for any period.
const ORGS = ['Администрация А', 'Администрация Б', 'Организация В'];
function fixture(): InterchangeMessage[] {
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const out: InterchangeMessage[] = [];
  for (let i = 0; i < 240; i++) {
    const created = new Date(
      Date.UTC(2026, 8, 1) + Math.floor(rnd() * 60 * 24) * 3_600_000 + Math.floor(rnd() * 3600) * 1000,
    );
    const at = (h: number) => new Date(created.getTime() + h * 3_600_000).toISOString();
    const first = rnd() < 0.1 ? -0.25 : rnd() < 0.3 ? 2 : Math.round(rnd() * 7200) / 100; // ties at 2 h, spread to 72 h
    const history: NonNullable<InterchangeMessage['history']> = [];
    if (rnd() < 0.9)
      history.push({ type: 'answer', at: at(first), kind: 'interim', by: null, body: 'Промежуточный ответ' });
    if (rnd() < 0.7)
      history.push({
        type: 'answer',
        at: at(Math.max(first, 0) + rnd() * 500),
        kind: 'final',
        by: null,
        body: 'Ответ',
      });
    if (history.length && rnd() < 0.4) history.push({ type: 'rating', at: at(600), score: 1 + Math.floor(rnd() * 5) });
    out.push({
      // social networks get a day, the portal weeks: one day holds deadlines passed and ahead
      externalId: `m-${i}`,
      channel: i % 2 ? 'portal' : 'social_vk',
      text: `Не вывозят мусор, дом ${i}`,
      createdAt: created.toISOString(),
      organisation: ORGS[i % ORGS.length]!,
      history,
    });
  }
  return out;
}

let services: TestServices;
beforeAll(async () => {
  // the clock inside the data: some days' deadlines have passed, others are still ahead
  services = await createTestServices({ analyzer: createTestAnalyzer(), now: '2026-10-20T09:00:00Z' });
  await addOrganisations(services, ORGS);
  await importMessages(
    rootContext(services, SYSTEM_ACTOR),
    fixture().map((message, i) => ({ line: i + 1, message })),
  );
}, 120_000);
afterAll(async () => services.close());

describe('ratings from the rollups', () => {
  it('equal the raw tables exactly for whole months, odd stretches and single days, at both levels', async () => {
    const ctx = rootContext(services, SYSTEM_ACTOR);
    const periods = [
      ['2026-09-01', '2026-09-30'],
      ['2026-09-03', '2026-10-17'],
      ['2026-10-05', '2026-10-05'],
      ['2026-08-01', '2026-12-31'],
    ];
    let compared = 0;
    for (const level of ['organisation', 'municipality'] as const) {
      for (const [from, to] of periods) {
        const q = { level, from: from!, to: to! };
        const rollup = await computeRatings(ctx, q);
        expect(rollup).toEqual(await computeRatings(ctx, q, 'raw'));
        compared += rollup.filter((r) => r.firstResponseMedianHours !== null).length;
      }
    }
    expect(compared).toBeGreaterThan(6);
    // both paths of the overdue-now counts were taken: days whose deadlines have all passed and days with some ahead
    const now = services.clock.now();
    const days = await sql<{
      live: string;
      settled: string;
    }>`select count(*) filter (where open_max_due >= ${now}) as live,
      count(*) filter (where open_max_due < ${now}) as settled from analytics_unit_days`.execute(services.database.db);
    expect(Number(days.rows[0]!.live)).toBeGreaterThan(0);
    expect(Number(days.rows[0]!.settled)).toBeGreaterThan(0);
  });
});
