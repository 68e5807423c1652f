import { describe, expect, it } from 'vitest';
import settlements from './geo/yaroslavl-settlements.json' with { type: 'json' };
import { findAddressMunicipality } from './address-place';
import { createGeography, GeographyError } from './geography';
import { YAROSLAVL_GAZETTEER } from './yaroslavl-gazetteer';
import { YAROSLAVL_GEOGRAPHY as geo } from './yaroslavl-geography';

const codeByName = new Map(geo.units.map((u) => [u.name, u.code]));

describe('geography: the unit whose boundary contains a point', () => {
  it('has the 19 units of the reference', () => {
    expect(geo.units).toHaveLength(19);
    expect(new Set(geo.units.map((u) => u.code)).size).toBe(19);
  });

  it('puts each of the 44 known settlements (GeoNames) in its own unit, including those far from the unit centre', () => {
    expect(settlements.settlements).toHaveLength(44);
    for (const s of settlements.settlements)
      expect(geo.locate(s.lat, s.lon)?.code, s.name).toBe(codeByName.get(s.municipality));
  });

  it('finds no unit for towns of the neighbouring regions, which the old bounding box let in', () => {
    const outside: [string, number, number][] = [
      ['Кострома', 57.7677, 40.9264],
      ['Иваново', 57.0004, 40.9739],
      ['Вологда', 59.2187, 39.8886],
      ['Тверь', 56.8587, 35.9176],
      ['Владимир', 56.1291, 40.4066],
      ['Москва', 55.7558, 37.6173],
      ['Кашин', 57.3599, 37.6118],
      ['Нерехта', 57.4536, 40.5729],
      ['Череповец', 59.1226, 37.9035],
      ['Шуя', 56.8529, 41.3886],
      ['Александров', 56.3953, 38.7114],
    ];
    for (const [name, lat, lon] of outside) expect(geo.locate(lat, lon), name).toBeNull();
    expect(geo.locate(Number.NaN, 39)).toBeNull();
  });

  it('tells Рыбинск from the Рыбинский округ around it and Ярославль from the Ярославский округ', () => {
    expect(geo.locate(58.0485, 38.8584)?.code).toBe('rybinsk');
    expect(geo.locate(58.17, 38.635)?.code).toBe('rybinsky');
    expect(geo.locate(57.6261, 39.8845)?.code).toBe('yaroslavl');
    expect(geo.locate(57.5167, 39.75)?.code).toBe('yaroslavsky');
  });

  it('refuses a boundary file of the wrong shape or with a unit the reference does not know', () => {
    expect(() => createGeography({ type: 'FeatureCollection', features: [] }, () => 'x')).toThrow(GeographyError);
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    };
    const file = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: square, properties: { short_name: 'Нигде', name: 'Нигде' } }],
    };
    expect(() => createGeography(file, () => undefined)).toThrow(/не найден в справочнике/);
    const own = createGeography(file, () => 'nowhere');
    expect(own.locate(0.2, 0.5)?.code).toBe('nowhere');
    expect(own.locate(0.8, 0.5)).toBeNull();
  });
});

describe('structured addresses', () => {
  const find = (address: string) => findAddressMunicipality(address, YAROSLAVL_GAZETTEER, geo.units)?.code ?? null;
  it.each([
    ['г. Мышкин, ул. Угличская, д. 12', 'myshkin'],
    ['Ростовский р-н, с. Поречье-Рыбное, ул. Луначарского, д. 5', 'rostov'],
    ['Гаврилов-Ямский м.о., с. Великое', 'gavrilov_yam'],
    ['Большесельский МО, д. Дуброво', 'bolshoe_selo'],
    ['Переславский район, с. Новое', 'pereslavl'],
    ['Ярославская обл., Ярославский р-н, пос. Красные Ткачи', 'yaroslavsky'],
    ['Некрасовский р-н, с. Вятское, ул. Советская, 3', 'nekrasovskoe'],
    ['пос. Судоверфь, ул. Новая, 1', 'rybinsky'],
    ['г.о. Переславль-Залесский, ул. Свободы, 10', 'pereslavl'],
    ['ул. Ярославская, д. 3', null],
  ])('%s → %s', (address, code) => expect(find(address)).toBe(code));
});
