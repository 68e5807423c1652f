import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Kpi } from '../../../shared/api/kpi';
import { buildApp } from '../../http/app';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, ctxAs, makeUser, type TestServices } from '../../test/test-services';
import { insertFixture, sessionCookie } from '../reports/test-fixture';
import { KPI_FORMULA_REGISTRY } from './kpi-formulas';
import { getKpi, listKpis } from './kpi-queries';
import { changeKpi, createKpi, recordKpiValue } from './save-kpi';
import { yearToDate } from './evaluate-kpi';

// Rendering and a fresh database per file are slow on a busy machine; the assertions, not the clock, are the test.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let services: TestServices;
beforeAll(async () => {
  services = await createTestServices({ now: '2026-11-23T12:00:00+03:00', analyzer: createTestAnalyzer() });
  await insertFixture(services.database.db, [
    {
      org: 'Департамент ЖКХ',
      createdAt: '2026-03-02T10:00:00+03:00',
      firstResponseAt: '2026-03-02T12:00:00+03:00',
      finalAnswerAt: '2026-03-05T10:00:00+03:00',
      finalDueAt: '2026-03-10T18:00:00+03:00',
      rating: { score: 5, at: '2026-03-06T10:00:00+03:00' },
      review: { status: 'accepted', at: '2026-03-05T12:00:00+03:00' },
    },
    {
      org: 'Департамент ЖКХ',
      createdAt: '2026-03-03T10:00:00+03:00',
      firstResponseAt: '2026-03-03T14:00:00+03:00',
      finalAnswerAt: '2026-03-20T10:00:00+03:00',
      finalDueAt: '2026-03-15T18:00:00+03:00',
      rating: { score: 2, at: '2026-03-21T10:00:00+03:00' },
      review: { status: 'returned', at: '2026-03-20T12:00:00+03:00' },
    },
    {
      org: 'Администрация Углича',
      createdAt: '2026-04-01T10:00:00+03:00',
      finalAnswerAt: '2026-04-02T10:00:00+03:00',
      finalDueAt: '2026-04-10T18:00:00+03:00',
      rating: { score: 4, at: '2026-04-03T10:00:00+03:00' },
      review: { status: 'accepted', at: '2026-04-02T12:00:00+03:00' },
    },
    { org: 'Администрация Углича', createdAt: '2026-05-01T10:00:00+03:00', finalDueAt: '2026-05-20T18:00:00+03:00' },
    { org: 'Администрация Углича', createdAt: '2026-11-20T10:00:00+03:00', finalDueAt: '2026-12-10T18:00:00+03:00' },
    {
      org: 'Администрация Углича',
      createdAt: '2025-12-20T10:00:00+03:00',
      finalAnswerAt: '2025-12-21T10:00:00+03:00',
      finalDueAt: '2025-12-30T18:00:00+03:00',
      rating: { score: 1, at: '2025-12-22T10:00:00+03:00' },
    },
  ]);
});
afterAll(() => services.close());

const system = () => ctxAs(services, { kind: 'system', label: 'Система' });
const byCode = (items: Kpi[], code: string): Kpi => {
  const k = items.find((i) => i.code === code);
  if (!k) throw new Error(`no ${code}`);
  return k;
};

describe('KPI formulas over a fixture (year to date)', () => {
  const period = () => yearToDate('2026-11-23');
  it.each([
    ['on_time_share', 50], // due in the year: 4 cases, 2 answered by the deadline
    ['first_response_median_hours', 4], // 2 h, 4 h, 24 h
    ['final_answer_share', 60], // 3 of the 5 cases of the year
    ['satisfied_share', 66.667], // 5, 2, 4
    ['returned_share', 33.333], // accepted, returned, accepted
  ] as const)('%s = %d', async (code, expected) => {
    expect(await KPI_FORMULA_REGISTRY[code].compute(services.database.db, period())).toBeCloseTo(expected, 2);
  });

  it('an empty period gives no value rather than zero', async () => {
    const empty = yearToDate('2024-06-30');
    for (const f of Object.values(KPI_FORMULA_REGISTRY))
      expect(await f.compute(services.database.db, empty)).toBeNull();
  });
});

describe('indicators: status on a date, history, hand-entered values, roles', () => {
  it('seeds the example set and rates each against its 2026 target', async () => {
    const { on, items } = await listKpis(system(), '2026-11-23');
    expect(on).toBe('2026-11-23');
    expect(items.every((k) => k.isExample)).toBe(true);
    expect(items.filter((k) => k.kind === 'mandatory').length).toBeGreaterThanOrEqual(3);
    expect(byCode(items, 'on_time_share')).toMatchObject({ value: 50, target: 95, status: 'missed' });
    expect(byCode(items, 'first_response_median')).toMatchObject({ value: 4, target: 24, status: 'on_track' });
    expect(byCode(items, 'satisfied_share')).toMatchObject({ value: 66.7, target: 70, status: 'at_risk' });
    expect(byCode(items, 'municipalities_connected')).toMatchObject({ value: null, status: 'no_data' });
  });

  it('history of a computed indicator is its value at each month end of the year', async () => {
    const { history } = await getKpi(
      system(),
      byCode((await listKpis(system(), '2026-11-23')).items, 'on_time_share').id,
      '2026-11-23',
    );
    expect(history[0]).toMatchObject({ onDate: '2026-11-23', source: 'computed', value: 50 });
    expect(history.find((h) => h.onDate === '2026-03-31')?.value).toBe(50);
    expect(history.find((h) => h.onDate === '2026-04-30')?.value).toBeCloseTo(66.667, 2);
    expect(history.find((h) => h.onDate === '2026-02-28')?.value).toBeNull();
    expect(history).toHaveLength(11);
  });

  it('a manual indicator takes values with date and author; status uses the latest value on the date', async () => {
    const head = await makeUser(services, 'head');
    const id = byCode((await listKpis(system())).items, 'municipalities_connected').id;
    await recordKpiValue(ctxAs(services, head), id, { onDate: '2026-06-01', value: 12, comment: 'по данным ПОС' });
    const after = await recordKpiValue(ctxAs(services, head), id, { onDate: '2026-10-01', value: 18 });
    expect(after.kpi).toMatchObject({ value: 18, target: 20, status: 'at_risk' });
    expect((await getKpi(system(), id, '2026-07-01')).kpi).toMatchObject({ value: 12, status: 'missed' });
    expect(after.history.map((h) => [h.onDate, h.value, h.author, h.source])).toEqual([
      ['2026-10-01', 18, head.label, 'manual'],
      ['2026-06-01', 12, head.label, 'manual'],
    ]);
  });

  it('refuses a hand value for a computed indicator, a duplicate code and duplicate years', async () => {
    const admin = await makeUser(services, 'admin');
    const id = byCode((await listKpis(system())).items, 'on_time_share').id;
    await expect(recordKpiValue(ctxAs(services, admin), id, { onDate: '2026-06-01', value: 99 })).rejects.toMatchObject(
      { code: 'conflict' },
    );
    const input = {
      code: 'on_time_share',
      kind: 'additional',
      title: 'Дубль',
      federalResult: '',
      unit: '%',
      direction: 'up',
      formula: null,
      qualitative: '',
      quantitative: '',
      responsible: '',
      deadline: '2026-12-31',
      targets: [],
    } as const;
    await expect(createKpi(ctxAs(services, admin), { ...input, targets: [] })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(
      createKpi(ctxAs(services, admin), {
        ...input,
        code: 'x_two',
        targets: [
          { year: 2026, target: 1 },
          { year: 2026, target: 2 },
        ],
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('editing an example makes it the centre’s own and replaces its targets', async () => {
    const curator = await makeUser(services, 'curator');
    const k = byCode((await listKpis(system())).items, 'returned_share');
    const changed = await changeKpi(ctxAs(services, curator), k.id, {
      code: k.code,
      kind: k.kind,
      title: k.title,
      federalResult: k.federalResult,
      unit: k.unit,
      direction: k.direction,
      formula: k.formula,
      qualitative: k.qualitative,
      quantitative: k.quantitative,
      responsible: 'Иванова И. И.',
      deadline: '2026-12-31',
      targets: [{ year: 2026, target: 40 }],
    });
    expect(changed.kpi).toMatchObject({
      isExample: false,
      responsible: 'Иванова И. И.',
      targets: [{ year: 2026, target: 40 }],
      status: 'on_track',
    });
  });

  it('roles: executors see nothing, auditors read only, head/curator/secretary/admin edit', async () => {
    const app = await buildApp(services);
    try {
      const id = byCode((await listKpis(system())).items, 'municipalities_connected').id;
      for (const [role, read, write] of [
        ['executor', 403, 403],
        ['auditor', 200, 403],
        ['operator', 200, 403],
        ['executive_secretary', 200, 200],
      ] as const) {
        const user = await makeUser(services, role);
        const headers = { cookie: await sessionCookie(services, user.userId) };
        const list = await app.inject({ method: 'GET', url: '/api/kpi?on=2026-11-23', headers });
        expect(list.statusCode, role).toBe(read);
        if (read === 200) expect(list.json().statusRule).toMatch(/В графике/);
        const post = await app.inject({
          method: 'POST',
          url: `/api/kpi/${id}/values`,
          headers,
          payload: { onDate: '2026-11-01', value: 19 },
        });
        expect(post.statusCode, role).toBe(write);
      }
      const auditor = await makeUser(services, 'auditor');
      const bad = await app.inject({
        method: 'GET',
        url: '/api/kpi?on=23.11.2026',
        headers: { cookie: await sessionCookie(services, auditor.userId) },
      });
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json().error)).toMatch(/ожидается дата ГГГГ-ММ-ДД/);
    } finally {
      await app.close();
    }
  });
});
