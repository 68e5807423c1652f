import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KpiDetail } from '../../../shared/api/kpi';
import type { ScopeHistory, TargetsMatrix } from '../../../shared/api/kpi-targets';
import { buildApp } from '../../http/app';
import { runDueJobs } from '../../jobs/dispatcher';
import { createTestServices, type TestServices } from '../../test/test-services';
import { officePeople, type OfficePeople } from '../../test/office-people';
import { insertFixture } from '../reports/test-fixture';
import { scopeValues } from './scope-values.job';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let services: TestServices;
let app: FastifyInstance;
let p: OfficePeople;
let onTime = 0;
let manual = 0;

beforeAll(async () => {
  services = await createTestServices({ now: '2026-11-23T12:00:00+03:00' });
  app = await buildApp(services);
  p = officePeople(services, () => app);
  await p.person('Куратор', 'curator');
  await p.person('Руководитель', 'head');
  await p.person('Владелец ЖКХ', 'block_owner', 'zhkh');
  await p.person('Исполнитель', 'executor');
  const kpis = await p.ok<{ items: { id: number; code: string }[] }>(p.call('Руководитель', 'GET', '/kpi'));
  onTime = kpis.items.find((k) => k.code === 'on_time_share')?.id ?? 0;
  const created = await p.ok<KpiDetail>(
    p.call('Руководитель', 'POST', '/kpi', {
      code: 'heating_restored',
      kind: 'additional',
      title: 'Доля восстановленного отопления',
      direction: 'up',
      formula: null,
      deadline: '2026-12-31',
      targets: [{ year: 2026, target: 90 }],
    }),
  );
  manual = created.kpi.id;
});
afterAll(async () => {
  await app.close();
  await services.close();
});

describe('indicators per block and category: targets, values, evidence', () => {
  it('the head sets targets per block and category; a block owner may not; bad input is a 400', async () => {
    expect(onTime).toBeGreaterThan(0);
    expect(
      await p.status(
        p.call('Владелец ЖКХ', 'POST', `/kpi/${onTime}/scope-targets`, { blockCode: 'zhkh', year: 2026, target: 80 }),
      ),
    ).toBe(403);
    expect(
      await p.status(
        p.call('Руководитель', 'POST', `/kpi/${onTime}/scope-targets`, {
          blockCode: 'zhkh',
          categoryCode: 'potholes',
          year: 2026,
          target: 80,
        }),
      ),
    ).toBe(400);
    expect(
      await p.status(
        p.call('Руководитель', 'POST', `/kpi/${onTime}/scope-targets`, {
          blockCode: 'zhkh',
          year: 2026,
          target: 'много',
        }),
      ),
    ).toBe(400);
    await p.ok(
      p.call('Руководитель', 'POST', `/kpi/${onTime}/scope-targets`, { blockCode: 'zhkh', year: 2026, target: 70 }),
    );
    const h = await p.ok<ScopeHistory>(
      p.call('Куратор', 'POST', `/kpi/${onTime}/scope-targets`, {
        blockCode: 'zhkh',
        year: 2026,
        target: 85,
        comment: 'по п. 21',
      }),
    );
    expect(h.targets.map((t) => [t.target, t.setBy])).toEqual([
      [85, 'Куратор'],
      [70, 'Руководитель'],
    ]);
    await p.ok(
      p.call('Руководитель', 'POST', `/kpi/${onTime}/scope-targets`, {
        blockCode: 'roads',
        categoryCode: 'potholes',
        year: 2026,
        target: 60,
      }),
    );
    await p.ok(
      p.call('Руководитель', 'POST', `/kpi/${manual}/scope-targets`, {
        blockCode: 'zhkh',
        categoryCode: 'heating',
        year: 2026,
        target: 90,
      }),
    );
  });

  it('computed facts follow the block’s cases; hand-entered values keep who and when; the matrix shows target vs fact', async () => {
    // zhkh: 3 of 4 answered on time (75 % < 85); roads/potholes: 1 of 1 (100 % ≥ 60)
    const mk = (block: string, category: string, late: boolean) => ({
      org: 'Департамент ЖКХ',
      block,
      category,
      createdAt: '2026-11-01T10:00:00+03:00',
      finalDueAt: '2026-11-10T12:00:00+03:00',
      finalAnswerAt: late ? '2026-11-10T13:00:00+03:00' : '2026-11-10T11:00:00+03:00',
    });
    await insertFixture(services.database.db, [
      mk('zhkh', 'heating', false),
      mk('zhkh', 'heating', false),
      mk('zhkh', 'heating', false),
      mk('zhkh', 'heating', true),
      mk('roads', 'potholes', false),
    ]);
    expect(
      await p.status(
        p.call('Руководитель', 'POST', `/kpi/${onTime}/scope-values`, {
          blockCode: 'zhkh',
          onDate: '2026-11-20',
          value: 50,
        }),
      ),
    ).toBe(409);
    await p.ok(
      p.call('Руководитель', 'POST', `/kpi/${manual}/scope-values`, {
        blockCode: 'zhkh',
        categoryCode: 'heating',
        onDate: '2026-11-01',
        value: 70,
      }),
    );
    await p.ok(
      p.call('Куратор', 'POST', `/kpi/${manual}/scope-values`, {
        blockCode: 'zhkh',
        categoryCode: 'heating',
        onDate: '2026-11-20',
        value: 88,
        comment: 'акты',
      }),
    );
    expect(await p.status(p.call('Исполнитель', 'GET', '/kpi/targets'))).toBe(403);
    const m = await p.ok<TargetsMatrix>(p.call('Владелец ЖКХ', 'GET', '/kpi/targets?year=2026'));
    const row = (kpi: number, block: string) => m.rows.find((r) => r.kpiId === kpi && r.blockCode === block);
    expect(row(onTime, 'zhkh')).toMatchObject({
      target: 85,
      fact: 75,
      factSource: 'computed',
      status: 'at_risk',
      categoryCode: null,
      casesQuery: 'block=zhkh&from=2026-01-01&to=2026-11-23',
    });
    expect(row(onTime, 'roads')).toMatchObject({ target: 60, fact: 100, status: 'on_track', categoryCode: 'potholes' });
    expect(row(manual, 'zhkh')).toMatchObject({
      target: 90,
      fact: 88,
      factSource: 'manual',
      factBy: 'Куратор',
      factOn: '2026-11-20',
      status: 'at_risk',
      casesQuery: null,
    });
    expect(m.canManage).toBe(false);
  });

  it('the nightly job keeps the computed values as history', async () => {
    await scopeValues.schedule(services);
    services.clock.set('2026-11-24T02:00:01+03:00');
    await runDueJobs(services);
    await p.signInAgain();
    const h = await p.ok<ScopeHistory>(p.call('Руководитель', 'GET', `/kpi/${onTime}/scopes`));
    expect(
      h.values
        .filter((v) => v.source === 'computed')
        .map((v) => [v.blockCode, v.onDate, v.value])
        .sort(),
    ).toEqual([
      ['roads', '2026-11-24', 100],
      ['zhkh', '2026-11-24', 75],
    ]);
    const next = await services.database.db
      .selectFrom('outbox')
      .select('idempotency_key')
      .where('kind', '=', 'kpi.scope_values')
      .where('status', '=', 'pending')
      .execute();
    expect(next.map((r) => r.idempotency_key)).toEqual(['kpi.scope_values:2026-11-25']);
  });

  it('evidence links an indicator to a project and its result; a removal is kept with who removed it', async () => {
    const project = await services.database.db
      .insertInto('projects')
      .values({ block_code: 'zhkh', title: 'Тёплый дом', created_by: 'тест' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(
      await p.status(
        p.call('Руководитель', 'POST', `/kpi/${manual}/evidence`, { projectId: 999_999, result: 'Котельные' }),
      ),
    ).toBe(400);
    const linked = await p.ok<ScopeHistory>(
      p.call('Руководитель', 'POST', `/kpi/${manual}/evidence`, {
        projectId: project.id,
        result: 'Котельные модернизированы',
      }),
    );
    expect(linked.evidence).toEqual([
      expect.objectContaining({
        projectTitle: 'Тёплый дом',
        result: 'Котельные модернизированы',
        createdBy: 'Руководитель',
      }),
    ]);
    const removed = await p.ok<ScopeHistory>(
      p.call('Руководитель', 'POST', `/kpi/${manual}/evidence/remove`, { evidenceId: linked.evidence[0]!.id }),
    );
    expect(removed.evidence).toEqual([]);
    const row = await services.database.db
      .selectFrom('kpi_evidence')
      .select(['removed_by'])
      .where('id', '=', linked.evidence[0]!.id)
      .executeTakeFirstOrThrow();
    expect(row.removed_by).toBe('Руководитель');
  });
});
