import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestServices, type TestServices } from '../../test/test-services';
import { createToken } from '../auth/tokens';
import { addUser } from '../auth/users';
import { createDefaultAnalyzer } from '../understanding/analyze-message';

// One problem, one case, through the public API with the production analyzer: the same problem at the same
// address, or at the same point with no address, sent through another channel in other words joins the first
// case; another problem at the same place, or the same street and house in another town, opens its own case;
// the case card's duplicates panel compares the same candidates and says where by the map.
let services: TestServices;
let app: FastifyInstance;
let token: string;
let operator: string;
let n = 0;

beforeAll(async () => {
  services = await createTestServices({ analyzer: createDefaultAnalyzer() });
  app = await buildApp(services);
  const ctx = rootContext(services, SYSTEM_ACTOR);
  token = (await createToken(ctx, 'каналы')).token;
  await addUser(ctx, { login: 'dup_operator', password: 'Пароль-2026', role: 'operator' });
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login: 'dup_operator', password: 'Пароль-2026' },
  });
  operator = `otklik_session=${res.cookies.find((c) => c.name === 'otklik_session')?.value}`;
});
afterAll(async () => {
  await app.close();
  await services.close();
});

interface Sent {
  caseId: string;
  duplicate: boolean;
  municipality: string | null;
}

async function send(
  channel: string,
  text: string,
  at: string,
  location?: { address?: string; lat?: number; lon?: number },
): Promise<Sent> {
  n += 1;
  const res = await app.inject({
    method: 'POST',
    url: '/api/messages',
    headers: { authorization: `Bearer ${token}` },
    payload: { channel, externalId: `dup-${n}`, text, createdAt: at, ...(location ? { location } : {}) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Sent>();
}

describe('one problem, one case (POST /api/messages)', () => {
  it('joins the same problem at the same address from another channel in other words', async () => {
    const first = await send(
      'pos',
      'На дороге у дома огромная яма, машины объезжают по встречной полосе',
      '2026-11-16T10:00:00+03:00',
      { address: 'г. Рыбинск, ул. Плеханова, д. 30' },
    );
    const again = await send(
      'social_vk',
      'Рыбинск, Плеханова 30 — провал асфальта на проезжей части, пробили колесо',
      '2026-11-17T09:00:00+03:00',
    );
    expect(first.duplicate).toBe(false);
    expect(again).toMatchObject({ caseId: first.caseId, duplicate: true });
  });

  it('opens its own case for another problem at the same address', async () => {
    const base = await send(
      'portal',
      'Рыбинск, ул. Плеханова, д. 30: во дворе не горят фонари, темно',
      '2026-11-17T18:00:00+03:00',
    );
    const potholes = await send(
      'email',
      'Рыбинск, ул. Плеханова, д. 30 — яма на дороге так и не заделана',
      '2026-11-18T08:00:00+03:00',
    );
    expect(base.duplicate).toBe(false);
    expect(potholes.caseId).not.toBe(base.caseId);
  });

  it('opens its own case for the same street and house in another town', async () => {
    const other = await send(
      'social_telegram',
      'На дороге у дома огромная яма, машины объезжают по встречной полосе',
      '2026-11-17T11:00:00+03:00',
      { address: 'г. Углич, ул. Плеханова, д. 30' },
    );
    expect(other.duplicate).toBe(false);
    expect(other.municipality).toMatch(/^Углич/);
  });

  it('joins the same point within tens of metres with no address, and the panel says where by the map', async () => {
    const first = await send('open311', 'Яма на дороге', '2026-11-19T09:00:00+03:00', { lat: 57.6262, lon: 39.8846 });
    const near = await send(
      'social_telegram',
      'Тут провал асфальта, осторожно, машины бьют подвеску',
      '2026-11-19T12:00:00+03:00',
      { lat: 57.6264, lon: 39.8849 },
    );
    expect(first.municipality).toBe('Ярославль');
    expect(near).toMatchObject({ caseId: first.caseId, duplicate: true });
    // About 250 m away: not the same point, so a case of its own that the operator is shown next to the first.
    const further = await send('web', 'Яма на дороге у остановки', '2026-11-19T13:00:00+03:00', {
      lat: 57.6284,
      lon: 39.8852,
    });
    expect(further.caseId).not.toBe(first.caseId);
    const panel = await app.inject({
      method: 'GET',
      url: `/api/cases/${first.caseId}/duplicates`,
      headers: { cookie: operator },
    });
    expect(panel.statusCode, panel.body).toBe(200);
    const items = panel.json().items as { caseId: string; decision: string; reasons: string[] }[];
    const shown = items.find((i) => i.caseId === further.caseId);
    expect(shown?.decision).toBe('suggest');
    expect(shown?.reasons.join('; ')).toMatch(/между точками \d+ м/);
    expect(items.flatMap((i) => i.reasons)).not.toContain('адрес не указан');
  });

  it('keeps a far point apart however alike the words', async () => {
    const a = await send('open311', 'Не горит уличный фонарь', '2026-11-20T17:00:00+03:00', {
      lat: 58.0486,
      lon: 38.8585,
    });
    const b = await send('open311', 'Не горит уличный фонарь', '2026-11-20T18:00:00+03:00', {
      lat: 58.038,
      lon: 38.87,
    });
    expect(b.caseId).not.toBe(a.caseId);
  });
});
