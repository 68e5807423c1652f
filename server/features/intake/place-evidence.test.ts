import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootContext } from '../../lib/context';
import settlements from '../places/geo/yaroslavl-settlements.json' with { type: 'json' };
import { YAROSLAVL_GEOGRAPHY } from '../places';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { startTestApp } from '../../test/test-app';
import { makeUser, type TestServices } from '../../test/test-services';
import { casePoints } from '../analytics/case-points';

let services: TestServices;
let app: FastifyInstance;
let token: string;
let seq = 0;

let close: () => Promise<void>;

beforeAll(async () => {
  ({ services, app, token, close } = await startTestApp({ analyzer: createTestAnalyzer() }));
});
afterAll(async () => close());

/** A text that names no place; each message its own problem so that none joins another. */
async function send(
  location: Record<string, unknown>,
  text = `Не вывозят мусор с контейнерной площадки уже неделю, заявка ${++seq}`,
) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/messages',
    headers: { authorization: `Bearer ${token}` },
    payload: { channel: 'web', externalId: `place-${++seq}`, text, location },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{
    caseId: string;
    municipality: string | null;
    organisation: string | null;
    flags: { code: string; triggers: string[] }[];
  }>();
}

describe('the place of a message from its coordinates, address, field and text', () => {
  it('decides the municipality by the unit containing the coordinates, anywhere in the unit', async () => {
    const short = (await services.reference.get(services.database.db)).municipalityByCode;
    for (const s of settlements.settlements.filter((_, i) => i % 4 === 0)) {
      const unit = YAROSLAVL_GEOGRAPHY.units.find((u) => u.name === s.municipality);
      const result = await send({ lat: s.lat, lon: s.lon });
      expect(result.municipality, s.name).toBe(short.get(unit?.code ?? '')?.shortName);
    }
    // central Рыбинск is the city, not the regional road ministry; the okrug around it is another unit
    expect(await send({ lat: 58.0485, lon: 38.8584 }, 'Яма на дороге у остановки, колесо пробил')).toMatchObject({
      municipality: 'Рыбинск',
    });
    expect((await send({ lat: 58.17, lon: 38.635 })).municipality).toBe('Рыбинский');
  });

  it('gives no municipality and a visible flag to a point outside the region', async () => {
    const result = await send({ lat: 57.7677, lon: 40.9264 });
    expect(result.municipality).toBeNull();
    expect(result.flags).toEqual([expect.objectContaining({ code: 'outside_region', triggers: ['57.7677, 40.9264'] })]);
    const row = await services.database.db
      .selectFrom('cases')
      .select(['urgency', 'lat', 'lon'])
      .where('id', '=', result.caseId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ lat: 57.7677, lon: 40.9264 });
    expect(row.urgency?.flags.map((f) => f.code)).toContain('outside_region');
  });

  it('reads a structured address through the place finder (towns, settlements, «… р-н», «… МО»)', async () => {
    expect((await send({ address: 'г. Мышкин, ул. Угличская, д. 12' })).municipality).toBe('Мышкинский');
    expect((await send({ address: 'Ростовский р-н, с. Поречье-Рыбное, ул. Луначарского, д. 5' })).municipality).toBe(
      'Ростовский',
    );
    expect((await send({ address: 'Большесельский МО, д. Дуброво' })).municipality).toBe('Большесельский');
  });

  it('takes the field over the coordinates, the coordinates over the address, the address over the text, and records a disagreement', async () => {
    const field = await send({ municipality: 'Угличский', lat: 58.0485, lon: 38.8584 });
    expect(field.municipality).toBe('Угличский');
    expect(field.flags).toEqual([
      expect.objectContaining({
        code: 'place_conflict',
        triggers: ['поле муниципалитета: Угличский', 'координаты: Рыбинск'],
      }),
    ]);
    const point = await send(
      { lat: 58.0485, lon: 38.8584, address: 'г. Мышкин, ул. Угличская, д. 12' },
      'В Тутаеве не вывозят мусор с площадки',
    );
    expect(point.municipality).toBe('Рыбинск');
    expect(point.flags[0]?.triggers).toEqual(['координаты: Рыбинск', 'адрес: Мышкинский', 'текст: Тутаевский']);
    const events = await services.database.db
      .selectFrom('case_events')
      .select(['type', 'data'])
      .where('case_id', '=', point.caseId)
      .execute();
    expect(events.find((e) => e.type === 'place')?.data).toMatchObject({
      municipality: 'rybinsk',
      source: 'point',
      evidence: { point: 'rybinsk', address: 'myshkin', text: 'tutaev' },
      disagreements: [
        { source: 'address', code: 'myshkin' },
        { source: 'text', code: 'tutaev' },
      ],
    });
    const address = await send({ address: 'г. Мышкин, ул. Угличская, д. 12' }, 'В Тутаеве не вывозят мусор с площадки');
    expect(address.municipality).toBe('Мышкинский');
    const agreeing = await send({ lat: 57.7882, lon: 38.4544, address: 'г. Мышкин, ул. Угличская, д. 12' });
    expect(agreeing).toMatchObject({ municipality: 'Мышкинский', flags: [] });
  });

  it('keeps the text alone deciding when the channel gives nothing else, with no place event', async () => {
    const result = await send({}, 'В Угличе не вывозят мусор с площадки');
    expect(result.municipality).toBe('Угличский');
    const events = await services.database.db
      .selectFrom('case_events')
      .select('type')
      .where('case_id', '=', result.caseId)
      .execute();
    expect(events.map((e) => e.type)).not.toContain('place');
  });

  it('lists the points of the cases a user may see for the map', async () => {
    const located = await send({ lat: 57.5224, lon: 38.302 });
    const curator = await makeUser(services, 'curator');
    const all = await casePoints(rootContext(services, curator), {});
    expect(all.truncated).toBe(false);
    expect(all.points).toContainEqual({ id: located.caseId, lat: 57.5224, lon: 38.302 });
    expect(all.points.every((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon))).toBe(true);
    const row = await services.database.db
      .selectFrom('cases')
      .select('organisation_id')
      .where('id', '=', located.caseId)
      .executeTakeFirstOrThrow();
    const other = await services.database.db
      .selectFrom('organisations')
      .select('id')
      .where('id', '!=', row.organisation_id ?? 0)
      .executeTakeFirstOrThrow();
    const executor = await makeUser(services, 'executor', other.id);
    expect((await casePoints(rootContext(services, executor), {})).points.map((p) => p.id)).not.toContain(
      located.caseId,
    );
    expect((await casePoints(rootContext(services, curator), { from: '2000-01-01', to: '2000-01-02' })).points).toEqual(
      [],
    );
  });
});
