import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, type TestServices } from '../../test/test-services';
import { addOrganisations } from '../../test/organisations';
import { addUser } from '../auth/users';
import { importMessages } from '../import-export/import-batch';

let services: TestServices;
let app: FastifyInstance;
const ORG = 'Администрация Углича (тест)';

beforeAll(async () => {
  services = await createTestServices({ analyzer: createTestAnalyzer() });
  await addOrganisations(services, [ORG]);
  app = await buildApp(services);
  const ctx = rootContext(services, SYSTEM_ACTOR);
  await importMessages(
    ctx,
    [1, 2, 3].map((k) => ({
      line: k,
      message: {
        externalId: `h-${k}`,
        channel: 'portal' as const,
        text: `Яма на дороге в Угличе ${k}`,
        createdAt: `2026-11-0${k}T10:00:00+03:00`,
        organisation: ORG,
        history:
          k < 3
            ? [
                {
                  type: 'answer' as const,
                  at: `2026-11-0${k}T1${k}:00:00+03:00`,
                  kind: 'final' as const,
                  by: ORG,
                  body: 'Сделано',
                },
              ]
            : [],
      },
    })),
  );
  await addUser(ctx, { login: 'an_cur', password: 'Пароль-2026', role: 'curator' });
  await addUser(ctx, { login: 'an_exec', password: 'Пароль-2026', role: 'executor', organisation: ORG });
});
afterAll(async () => {
  await app.close();
  await services.close();
});

async function login(login: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password: 'Пароль-2026' } });
  return `otklik_session=${res.cookies.find((c) => c.name === 'otklik_session')?.value}`;
}

describe('GET /api/analytics/ratings', () => {
  it('answers the contract: items with counts, medians, shares, score and rank', async () => {
    const res = await app.inject({
      url: '/api/analytics/ratings?level=organisation&from=2026-11-01&to=2026-11-30',
      headers: { cookie: await login('an_cur') },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.formula).toMatch(/Балл/);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      name: ORG,
      messages: 3,
      answered: 2,
      firstResponseMedianHours: 1.5,
      finalAnswerMedianHours: 1.5,
      rank: 1,
    });
    for (const k of ['onTimeShare', 'returnedShare', 'satisfaction', 'score']) expect(body.items[0]).toHaveProperty(k);
  });
  it('refuses executors and bad periods with a Russian message', async () => {
    const exec = await app.inject({ url: '/api/analytics/ratings', headers: { cookie: await login('an_exec') } });
    expect(exec.statusCode).toBe(403);
    const bad = await app.inject({
      url: '/api/analytics/ratings?from=2026-13-01',
      headers: { cookie: await login('an_cur') },
    });
    expect(bad.statusCode).toBe(400);
    // an impossible date is refused by the query's schema: the field and its Russian message are in details
    expect(bad.json().error.details).toEqual([
      { path: '/from', message: 'такой даты нет в календаре (ожидается ГГГГ-ММ-ДД)' },
    ]);
  });
  it('drill-down: the inbox filters give the cases behind the numbers', async () => {
    const cookie = await login('an_cur');
    const orgId = (await services.reference.get(services.database.db)).organisationByName.get(ORG)!.id;
    const all = await app.inject({
      url: `/api/cases?organisation=${orgId}&from=2026-11-01&to=2026-11-30`,
      headers: { cookie },
    });
    const answered = await app.inject({
      url: `/api/cases?organisation=${orgId}&from=2026-11-01&to=2026-11-30&answered=true`,
      headers: { cookie },
    });
    const late = await app.inject({
      url: `/api/cases?organisation=${orgId}&from=2026-11-01&to=2026-11-30&late=true`,
      headers: { cookie },
    });
    expect([all.json().total, answered.json().total, late.json().total]).toEqual([3, 2, 0]);
  });
});
