import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGGREGATE_DIMENSIONS } from '../../../shared/api/analytics';
import type { InterchangeMessage } from '../../../shared/api/interchange';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, makeUser, type TestServices } from '../../test/test-services';
import { addOrganisations } from '../../test/organisations';
import { answerCase } from '../cases/answer-case';
import { reviewAnswer } from '../cases/review-answer';
import { importMessages } from '../import-export/import-batch';
import { computeSeries, computeVolumes, percentChange } from './aggregates';
import { confirmProblemCategories, problemCategories } from './problem-categories';
import { detectSpikes } from './spikes';
import { judgeSpike, poissonUpperTail } from './spike-statistic';
import { saveWorkloadNorms, staffingEstimate, workload } from './workload';

let n = 0;
const day = (iso: string, hour = 12) => `${iso}T${String(hour).padStart(2, '0')}:00:00+03:00`;
const isoOf = (base: string, plus: number) =>
  new Date(Date.parse(`${base}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);
function msg(
  text: string,
  createdAt: string,
  channel: InterchangeMessage['channel'] = 'portal',
  answered = false,
): InterchangeMessage {
  n++;
  return {
    externalId: `a-${n}`,
    channel,
    text: `${text} ${n}`,
    createdAt,
    organisation: 'Администрация округа',
    history: answered
      ? [{ type: 'answer', kind: 'final', at: createdAt, by: 'Администрация округа', body: 'Сделано' }]
      : [],
  };
}

let services: TestServices;
const ctx = () => rootContext(services, SYSTEM_ACTOR);
beforeAll(async () => {
  services = await createTestServices({ analyzer: createTestAnalyzer(), now: '2026-11-21T09:00:00+03:00' });
  await addOrganisations(services, ['Администрация округа']);
  const items: InterchangeMessage[] = [];
  // Steady: 3 messages a day about rubbish in Rybinsk for 70 days up to 20.11.2026
  for (let d = 0; d < 70; d++)
    for (let k = 0; k < 3; k++)
      items.push(
        msg('В Рыбинске не вывозят мусор', day(isoOf('2026-09-12', d), 8 + k), k === 0 ? 'phone' : 'portal', k < 2),
      );
  // Rare: a pothole in Uglich every two weeks, then a burst of 9 on 20.11.2026
  for (let d = 0; d < 70; d += 14) items.push(msg('Яма на дороге в Угличе', day(isoOf('2026-09-12', d))));
  for (let k = 0; k < 9; k++) items.push(msg('Яма на дороге в Угличе', day('2026-11-20', 9 + k)));
  // A year ago: 4 messages in November 2025
  for (let k = 0; k < 4; k++) items.push(msg('В Рыбинске не вывозят мусор', day('2025-11-10')));
  await importMessages(
    ctx(),
    items.map((message, i) => ({ line: i + 1, message })),
  );
});
afterAll(async () => services.close());

describe('aggregates', () => {
  it('the rollup gives the same numbers as the raw tables for every dimension', async () => {
    for (const by of AGGREGATE_DIMENSIONS) {
      const q = { by, from: '2026-11-01', to: '2026-11-20' };
      expect(await computeVolumes(ctx(), q, 'rollup'), by).toEqual(await computeVolumes(ctx(), q, 'raw'));
    }
    const s = { granularity: 'week' as const, by: 'channel' as const, from: '2026-10-01', to: '2026-11-20' };
    expect(await computeSeries(ctx(), s, 'rollup')).toEqual(await computeSeries(ctx(), s, 'raw'));
  });

  it('counts a period with change against the previous period and a year earlier', async () => {
    const v = await computeVolumes(ctx(), { by: 'block', from: '2026-11-01', to: '2026-11-20' });
    const tko = v.items.find((i) => i.key === 'tko')!;
    expect(v.previousFrom).toBe('2026-10-12');
    expect(v.yearAgoFrom).toBe('2025-11-01');
    expect(tko).toMatchObject({ messages: 60, answered: 40, previous: 60, yearAgo: 4, change: 0, yearChange: 1400 });
    expect(v.items.find((i) => i.key === 'roads')).toMatchObject({ messages: 10, previous: 1 });
    expect(v.total.messages).toBe(70);
  });

  it('follows new answers and messages: the days they touch are recomputed', async () => {
    const before = await computeVolumes(ctx(), { by: 'channel', from: '2026-11-20', to: '2026-11-20' });
    const caseRow = await ctx()
      .db.selectFrom('cases')
      .select('id')
      .where('block_code', '=', 'roads')
      .where('first_response_at', 'is', null)
      .where('created_at', '>=', new Date('2026-11-20T00:00:00+03:00'))
      .executeTakeFirstOrThrow();
    const operator = rootContext(services, await makeUser(services, 'operator'));
    await answerCase(operator, String(caseRow.id), { kind: 'final', body: 'Яма заделана 20.11.2026.' });
    // a final answer counts as answered once published (accepted by ЦУР)
    await reviewAnswer(operator, String(caseRow.id), { decision: 'accept' });
    await importMessages(ctx(), [{ line: 1, message: msg('Яма на дороге в Угличе', day('2026-11-20', 20), 'email') }]);
    const after = await computeVolumes(ctx(), { by: 'channel', from: '2026-11-20', to: '2026-11-20' });
    expect(after.total.messages).toBe(before.total.messages + 1);
    expect(after.total.answered).toBe(before.total.answered + 1);
    expect(after).toEqual(await computeVolumes(ctx(), { by: 'channel', from: '2026-11-20', to: '2026-11-20' }, 'raw'));
    await sql`select 1`.execute(ctx().db);
  });

  it('percent change is null against an empty base', () => {
    expect(percentChange(5, 0)).toBeNull();
    expect(percentChange(15, 10)).toBe(50);
  });
});

describe('spikes', () => {
  it('raises the burst of potholes in Uglich with its cases, not the steady rubbish', async () => {
    const s = await detectSpikes(ctx(), { on: '2026-11-20', window: 'day' });
    expect(s.items).toHaveLength(1);
    expect(s.items[0]).toMatchObject({ block: 'roads', category: 'potholes', municipality: 'uglich', count: 10 });
    expect(s.items[0]!.caseIds).toHaveLength(10);
    const quiet = await detectSpikes(ctx(), { on: '2026-11-19', window: 'day' });
    expect(quiet.items).toEqual([]);
  });
  it('Poisson tail and thresholds', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 10);
    expect(poissonUpperTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * (1 + 1 + 0.5), 10);
    expect(judgeSpike(4, 0, 1, 'day').spike).toBe(false); // below the minimum count
    expect(judgeSpike(8, 56 * 5, 1, 'day').spike).toBe(false); // 8 against 5 a day: not a spike
    expect(judgeSpike(20, 56 * 5, 1, 'day').spike).toBe(true);
  });
});

describe('problem categories and workload', () => {
  it('proposes categories per block from the data; a curator confirms, history is kept', async () => {
    const r = await problemCategories(ctx(), { from: '2026-10-22', to: '2026-11-20' });
    const roads = r.blocks.find((b) => b.block === 'roads')!;
    expect(roads.candidates[0]).toMatchObject({ category: 'potholes' });
    expect(roads.proposed[0]).toBe('potholes');
    const curator = await makeUser(services, 'curator');
    const cats = (
      await ctx().db.selectFrom('categories').select('code').where('block_code', '=', 'roads').limit(3).execute()
    ).map((c) => c.code);
    await confirmProblemCategories(rootContext(services, curator), {
      block: 'roads',
      categories: cats,
      from: '2026-10-22',
      to: '2026-11-20',
    });
    await confirmProblemCategories(rootContext(services, curator), {
      block: 'roads',
      categories: [...cats].reverse(),
      from: '2026-10-22',
      to: '2026-11-20',
      comment: 'порядок',
    });
    const again = (await problemCategories(ctx(), { from: '2026-10-22', to: '2026-11-20' })).blocks.find(
      (b) => b.block === 'roads',
    )!;
    expect(again.history).toHaveLength(2);
    expect(again.confirmed?.categories).toEqual([...cats].reverse());
    await expect(
      confirmProblemCategories(rootContext(services, curator), {
        block: 'roads',
        categories: ['potholes', 'potholes', 'potholes'],
        from: '2026-10-22',
        to: '2026-11-20',
      }),
    ).rejects.toThrow(/трёх/);
    await expect(
      confirmProblemCategories(rootContext(services, await makeUser(services, 'operator')), {
        block: 'roads',
        categories: cats,
        from: '2026-10-22',
        to: '2026-11-20',
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('workload per block with the staffing estimate from the admin norms', async () => {
    const admin = await makeUser(services, 'admin');
    await saveWorkloadNorms(rootContext(services, admin), {
      block: 'tko',
      minutesPerMessage: 30,
      minutesPerAnswer: 60,
      hoursPerStaffMonth: 100,
    });
    const w = await workload(ctx(), { from: '2026-11-01', to: '2026-11-20' });
    const tko = w.blocks.find((b) => b.key === 'tko')!;
    expect(tko).toMatchObject({ messages: 60, answers: 40, hours: 70 });
    expect(tko.staffNeeded).toBeCloseTo(70 / (100 * (20 / 30.44)), 2);
    expect(tko.organisations[0]).toMatchObject({ name: 'Администрация округа', messages: 60, answers: 40 });
    expect(staffingEstimate(10, 10, 30, null)).toEqual({ hours: null, staffNeeded: null });
  });
});
