import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootContext, SYSTEM_ACTOR } from '../../../lib/context';
import { createTestAnalyzer } from '../../../test/test-analyzer';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { makeUser } from '../../../test/test-services';
import { addUser } from '../../auth/users';
import { reclassifyCase } from '../../cases/reclassify-case';
import { receiveMessage } from '../../intake/receive-message';
import { classifierDrift } from './drift';

// The keyword test analyzer: «мусор» → tko.collection, «яма/дорог» → roads.potholes («мусор» wins when both occur).
let t: TestApp;
let n = 0;
const receive = async (text: string, createdAt: string): Promise<string> =>
  (
    await receiveMessage(rootContext(t.services, SYSTEM_ACTOR), {
      channel: 'web',
      externalId: `drift-${++n}`,
      text,
      createdAt,
    })
  ).result.caseId;

beforeAll(async () => {
  t = await startTestApp({ analyzer: createTestAnalyzer() });
  for (let d = 1; d <= 3; d += 1) await receive(`Яма на дороге у дома ${d}`, `2026-10-0${d}T10:00:00+03:00`);
  const operator = rootContext(t.services, await makeUser(t.services, 'operator'));
  // November: road complaints that mention litter are suggested as waste collection; operators move them to roads.
  for (let d = 1; d <= 3; d += 1) {
    const id = await receive(`Ямы на дороге засыпали строительным мусором, дом ${d}`, `2026-11-0${d}T10:00:00+03:00`);
    await reclassifyCase(operator, id, { block: 'roads', category: 'potholes' });
  }
  for (let d = 4; d <= 5; d += 1) await receive(`Не вывозят мусор у дома ${d}`, `2026-11-0${d}T10:00:00+03:00`);
}, 120_000);
afterAll(async () => t.close());

describe('classifier drift', () => {
  it('gives the share of suggestions operators kept, by month, and the categories that fell in the latest month', async () => {
    const drift = await classifierDrift(rootContext(t.services, SYSTEM_ACTOR), 6);
    expect(drift.months).toEqual([
      { month: '2026-10', cases: 3, accuracy: 1 },
      { month: '2026-11', cases: 5, accuracy: 0.4 },
    ]);
    expect(drift.drifting).toEqual([
      {
        block: 'roads',
        category: 'potholes',
        name: expect.any(String) as string,
        latest: { cases: 3, accuracy: 0 },
        before: { cases: 3, accuracy: 1 },
      },
    ]);
    expect((await classifierDrift(rootContext(t.services, SYSTEM_ACTOR), 2)).months).toHaveLength(2);
  });

  it('is served to those who manage the reference, refused to operators, with bad input explained', async () => {
    const ctx = rootContext(t.services, SYSTEM_ACTOR);
    await addUser(ctx, { login: 'drift_admin', password: 'Пароль-2026', role: 'admin' });
    await addUser(ctx, { login: 'drift_operator', password: 'Пароль-2026', role: 'operator' });
    const get = async (login: string, query: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login, password: 'Пароль-2026' },
      });
      const cookie = `otklik_session=${res.cookies.find((c) => c.name === 'otklik_session')?.value}`;
      return t.app.inject({ method: 'GET', url: `/api/classifier/drift${query}`, headers: { cookie } });
    };
    const ok = await get('drift_admin', '?months=3');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().months.map((m: { month: string }) => m.month)).toEqual(['2026-10', '2026-11']);
    expect((await get('drift_operator', '')).statusCode).toBe(403);
    const bad = await get('drift_admin', '?months=99');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
  });
});
