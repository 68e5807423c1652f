import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InterchangeMessage } from '../../../shared/api/interchange';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, makeUser, type TestServices } from '../../test/test-services';
import { addOrganisations } from '../../test/organisations';
import { importMessages } from '../import-export/import-batch';
import { computeRatings, rateCounts, type RatingCounts } from './ratings';
import { combinedScore, rankByScore } from './ratings-score';
import { listCases } from '../cases/cases.repository';
import { caseListQuerySchema } from '../../../shared/api/cases';

// A hand-computed fixture: October 2026 in Moscow time. Offsets in hours from creation.
const A = 'Администрация А';
const B = 'Администрация Б';
const C = 'Администрация В';
const D = 'Организация Г';
const E = 'Организация Д';
const U = 'Комитет по благоустройству Санкт-Петербурга';
let n = 0;
function msg(
  org: string | null,
  createdAt: string,
  answers: [number, 'interim' | 'final'][] = [],
  rating?: number,
): InterchangeMessage {
  const t0 = new Date(createdAt).getTime();
  const at = (h: number) => new Date(t0 + h * 3_600_000).toISOString();
  n++;
  return {
    externalId: `r-${n}`,
    channel: 'portal',
    text: `Яма на дороге в Угличе, дом ${n}`,
    createdAt,
    organisation: org,
    history: [
      ...answers.map(([h, kind]) => ({ type: 'answer' as const, at: at(h), kind, by: org, body: 'Ответ' })),
      ...(rating ? [{ type: 'rating' as const, at: at(100), score: rating }] : []),
    ],
  };
}
const FIXTURE: InterchangeMessage[] = [
  msg(A, '2026-09-30T23:50:00+03:00', [[1, 'final']]), // September in Moscow: outside
  msg(
    A,
    '2026-10-01T00:30:00+03:00',
    [
      [2, 'interim'],
      [10, 'final'],
    ],
    4,
  ), // 30.09 21:30 UTC, but 01.10 in Moscow: inside
  msg(A, '2026-10-10T12:00:00+03:00', [[4, 'final']]),
  msg(A, '2026-10-31T23:30:00+03:00'), // last minutes of the period, no answer
  msg(A, '2026-11-01T00:10:00+03:00', [[1, 'final']]), // 31.10 21:10 UTC, but November in Moscow: outside
  msg(B, '2026-10-05T10:00:00+03:00', [[1, 'interim']]), // answered, never finally
  msg(B, '2026-10-06T10:00:00+03:00'),
  msg(C, '2026-10-07T10:00:00+03:00', [[3, 'final']]), // below the minimum volume
  msg(D, '2026-10-08T10:00:00+03:00', [
    [-0.5, 'interim'],
    [5, 'final'],
  ]), // the source answered before its own creation time
  msg(D, '2026-10-09T10:00:00+03:00', [[5, 'final']]),
  msg(E, '2026-10-08T11:00:00+03:00', [
    [-0.5, 'interim'],
    [5, 'final'],
  ]),
  msg(E, '2026-10-09T11:00:00+03:00', [[5, 'final']]),
  msg(null, '2026-10-09T11:00:00+03:00', [[5, 'final']]), // no organisation: in no organisation's row
  msg(U, '2026-10-11T09:00:00+03:00', [
    [2, 'interim'],
    [30, 'final'],
  ]), // a name the reference does not know: held
  msg(U, '2026-10-12T09:00:00+03:00', [[6, 'final']]),
  msg(U, '2026-10-13T09:00:00+03:00'),
  msg(U, '2026-11-13T09:00:00+03:00', [[1, 'final']]), // held, but outside the period
];

let services: TestServices;
beforeAll(async () => {
  services = await createTestServices({ analyzer: createTestAnalyzer() });
  await addOrganisations(services, [A, B, C, D, E]);
  await importMessages(
    rootContext(services, SYSTEM_ACTOR),
    FIXTURE.map((message, i) => ({ line: i + 1, message })),
  );
});
afterAll(async () => services.close());

describe('ratings from imported histories', () => {
  it('counts messages of the period in Moscow time, answered ones and both medians per organisation', async () => {
    const items = await computeRatings(rootContext(services, SYSTEM_ACTOR), {
      level: 'organisation',
      from: '2026-10-01',
      to: '2026-10-31',
    });
    const by = new Map(items.map((i) => [i.name, i]));
    expect(
      items
        .filter((i) => !i.unmatched)
        .map((i) => i.name)
        .sort(),
    ).toEqual([A, B, C, D, E].sort());
    expect(by.get(A)).toMatchObject({
      messages: 3,
      answered: 2,
      finalAnswered: 2,
      firstResponseMedianHours: 3,
      finalAnswerMedianHours: 7,
      satisfaction: 4,
    });
    expect(by.get(B)).toMatchObject({
      messages: 2,
      answered: 1,
      finalAnswered: 0,
      firstResponseMedianHours: 1,
      finalAnswerMedianHours: null,
      satisfaction: null,
      finalShare: 0,
    });
    expect(by.get(D)).toMatchObject({
      messages: 2,
      answered: 2,
      firstResponseMedianHours: 2.25,
      finalAnswerMedianHours: 5,
    });
  });

  it('shows a source organisation that matches no organisation under its own name, unranked, with the same figures', async () => {
    const ctx = rootContext(services, SYSTEM_ACTOR);
    const items = await computeRatings(ctx, { level: 'organisation', from: '2026-10-01', to: '2026-10-31' });
    const held = items.filter((i) => i.unmatched);
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({
      key: `source:${U}`,
      name: U,
      rank: null,
      messages: 3,
      answered: 2,
      finalAnswered: 2,
      open: 1,
      firstResponseMedianHours: 4,
      finalAnswerMedianHours: 18,
    });
    // the raw path agrees, and the municipality level has no such rows
    const raw = await computeRatings(ctx, { level: 'organisation', from: '2026-10-01', to: '2026-10-31' }, 'raw');
    expect(raw.find((i) => i.unmatched)).toEqual(held[0]);
    const byMunicipality = await computeRatings(ctx, { level: 'municipality', from: '2026-10-01', to: '2026-10-31' });
    expect(byMunicipality.some((i) => i.unmatched)).toBe(false);
    // no organisation was created for the name
    const orgs = await services.database.db.selectFrom('organisations').select('name').where('name', '=', U).execute();
    expect(orgs).toEqual([]);
    // the row drills down to exactly its cases (the period filters by case creation)
    const list = await listCases(
      services.database.db,
      caseListQuerySchema.parse({ sourceOrganisation: U, from: '2026-10-01', to: '2026-10-31' }),
      new Date(),
      null,
    );
    expect(list.total).toBe(3);
  });

  it('gives no rank below the minimum volume and one rank to equal scores', async () => {
    const items = await computeRatings(rootContext(services, SYSTEM_ACTOR), {
      level: 'organisation',
      from: '2026-10-01',
      to: '2026-10-31',
    });
    const by = new Map(items.map((i) => [i.name, i]));
    expect(by.get(C)!.rank).toBeNull();
    expect(by.get(C)!.score).not.toBeNull();
    expect(by.get(D)!.score).toBe(by.get(E)!.score);
    expect(by.get(D)!.rank).toBe(by.get(E)!.rank);
    const ranked = items.filter((i) => i.rank !== null).map((i) => i.rank);
    expect(ranked).toEqual([1, 1, 3, 4]);
    const withOne = await computeRatings(rootContext(services, SYSTEM_ACTOR), {
      level: 'organisation',
      from: '2026-10-01',
      to: '2026-10-31',
      minVolume: 1,
    });
    expect(withOne.find((i) => i.name === C)!.rank).not.toBeNull();
  });

  it('the facts kept with the rollups give exactly what the raw tables give', async () => {
    for (const level of ['organisation', 'municipality'] as const) {
      const q = { level, from: '2026-09-30', to: '2026-11-01' };
      expect(await computeRatings(rootContext(services, SYSTEM_ACTOR), q)).toEqual(
        await computeRatings(rootContext(services, SYSTEM_ACTOR), q, 'raw'),
      );
    }
  });

  it('one day period: only that Moscow day', async () => {
    const items = await computeRatings(rootContext(services, SYSTEM_ACTOR), {
      level: 'organisation',
      from: '2026-11-01',
      to: '2026-11-01',
    });
    expect(items.map((i) => [i.name, i.messages])).toEqual([[A, 1]]);
  });

  it('executors may not read ratings; a period that ends before it starts is refused in Russian', async () => {
    const executor = await makeUser(services, 'executor', null);
    await expect(
      computeRatings(rootContext(services, executor), { level: 'organisation', from: '2026-10-01', to: '2026-10-31' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      computeRatings(rootContext(services, SYSTEM_ACTOR), {
        level: 'municipality',
        from: '2026-10-31',
        to: '2026-10-01',
      }),
    ).rejects.toThrow(/позже/);
  });

  it('municipalities: messages per 1,000 residents', async () => {
    const items = await computeRatings(rootContext(services, SYSTEM_ACTOR), {
      level: 'municipality',
      from: '2026-10-01',
      to: '2026-10-31',
    });
    const uglich = items.find((i) => i.key === 'uglich');
    // every October message names Углич: 11 with an organisation or none, 3 held under an unmatched source name
    expect(uglich?.messages).toBe(14);
    expect(uglich?.perThousandResidents).toBeCloseTo((14 * 1000) / uglich!.population!, 3);
  });
});

describe('score and rank formulas', () => {
  it('weights known components and renormalises over the unknown', () => {
    expect(
      combinedScore({ onTimeShare: 1, finalShare: 1, returnedShare: 0, satisfaction: 5, firstResponseMedianHours: 0 }),
    ).toBe(100);
    expect(
      combinedScore({
        onTimeShare: 0,
        finalShare: 0,
        returnedShare: 1,
        satisfaction: 1,
        firstResponseMedianHours: null,
      }),
    ).toBe(0);
    // only on-time share (0.5) and responsiveness (1/(1+1) = 0.5) known
    expect(
      combinedScore({
        onTimeShare: 0.5,
        finalShare: null,
        returnedShare: null,
        satisfaction: null,
        firstResponseMedianHours: 24,
      }),
    ).toBe(50);
    expect(
      combinedScore({
        onTimeShare: null,
        finalShare: null,
        returnedShare: null,
        satisfaction: null,
        firstResponseMedianHours: null,
      }),
    ).toBeNull();
  });
  it('ranks 1, 1, 3 with ties; below the volume or without a score: no rank', () => {
    expect(
      rankByScore(
        [
          { messages: 5, score: 80 },
          { messages: 5, score: 90 },
          { messages: 5, score: 90 },
          { messages: 1, score: 99 },
          { messages: 9, score: null },
        ],
        2,
      ),
    ).toEqual([3, 1, 1, null, null]);
  });
  it('shares are null when their base is empty', () => {
    const c: RatingCounts = {
      key: '1',
      name: 'X',
      population: null,
      messages: 0,
      answered: 0,
      finalAnswered: 0,
      open: 0,
      overdue: 0,
      onTime: 0,
      onTimeBase: 0,
      reviewed: 0,
      acceptedFirstTime: 0,
      returned: 0,
      rated: 0,
      satisfaction: null,
      firstResponseMedianHours: null,
      finalAnswerMedianHours: null,
    };
    const [item] = rateCounts([c], 2);
    expect(item).toMatchObject({ onTimeShare: null, returnedShare: null, finalShare: null, score: null, rank: null });
  });
});
