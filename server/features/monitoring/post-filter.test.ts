import { describe, expect, it } from 'vitest';
import { YAROSLAVL_GAZETTEER, YAROSLAVL_GEOGRAPHY } from '../places';
import { shippedKeywordSets } from './ingest-posts';
import { assessPost, compileKeywordSets, type PublicPost } from './post-filter';

const sets = compileKeywordSets(shippedKeywordSets());
const region = { gazetteer: YAROSLAVL_GAZETTEER, geography: YAROSLAVL_GEOGRAPHY };
const post = (text: string, geo: PublicPost['geo'] = null): PublicPost => ({
  network: 'vk',
  url: 'https://vk.com/wall-1_1',
  externalId: 'vk:-1_1',
  author: null,
  authorId: null,
  text,
  time: new Date('2026-11-22T10:00:00Z'),
  geo,
});
const complaint = 'Во дворе опять не вывозят мусор, контейнеры переполнены уже неделю! Сколько можно?';

describe('monitoring post filter: the region by its boundaries', () => {
  it('takes a geotagged complaint that names no place when the point lies inside a unit, with that unit', () => {
    const decision = assessPost(post(complaint, { lat: 58.186, lon: 40.1795 }), sets, region);
    expect(decision).toMatchObject({ accept: true, municipality: { code: 'danilov' } });
  });

  it('refuses the same complaint geotagged in Кострома or Иваново (inside the old bounding box), even naming a place of the region', () => {
    for (const geo of [
      { lat: 57.7677, lon: 40.9264 },
      { lat: 57.0004, lon: 40.9739 },
    ]) {
      const decision = assessPost(post(complaint, geo), sets, region);
      expect(decision).toMatchObject({
        accept: false,
        reason: 'не про регион: геометка за границами области',
        municipality: null,
      });
      expect(assessPost(post(`Едем из Ярославля. ${complaint}`, geo), sets, region).accept).toBe(false);
    }
  });

  it('without a geotag needs a place of the region in the text', () => {
    expect(assessPost(post(`В Рыбинске на Крестовой ${complaint}`), sets, region)).toMatchObject({
      accept: true,
      municipality: { code: 'rybinsk' },
    });
    expect(assessPost(post(`В Костроме ${complaint}`), sets, region).accept).toBe(false);
  });

  it('does not take news about finished work, announcements or greetings for complaints', () => {
    for (const text of [
      'В Рыбинске отремонтировали дорогу на улице Крестовой, яма у остановки заделана!',
      'В Ярославле завершён ремонт водопровода на Пятёрке, вода подана в дома. Когда следующий?',
      'Поздравляем ярославцев с Днём города! Пусть в домах будет тепло, а дороги без ям!',
    ])
      expect(assessPost(post(text), sets, region).accept, text).toBe(false);
  });
});
