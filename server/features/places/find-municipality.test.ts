import { describe, expect, it } from 'vitest';
import { findMunicipality } from './find-municipality';
import { YAROSLAVL_GAZETTEER } from './yaroslavl-gazetteer';

const find = (text: string) => findMunicipality(text, YAROSLAVL_GAZETTEER);

describe('findMunicipality', () => {
  it.each([
    ['В Рыбинске нет воды', 'rybinsk', 'Рыбинске'],
    ['Жители Рыбинского района жалуются на дороги', 'rybinsky', 'Рыбинского района'],
    ['Тутаевского района посёлок', 'tutaev', 'Тутаевского района'],
    ['г. Углич, ул. Ленина', 'uglich', 'Углич'],
    ['Дороги Переславля разбиты', 'pereslavl', 'Переславля'],
    ['в Переславле-Залесском нет света', 'pereslavl', 'Переславле-Залесском'],
    ['центр Ростова Великого', 'rostov', 'Ростова Великого'],
    ['ярославцы недовольны', 'yaroslavl', 'ярославцы'],
    ['в Ярославле на Московском проспекте', 'yaroslavl', 'Ярославле'],
    ['Ярославского района посёлок', 'yaroslavsky', 'Ярославского района'],
    ['Ярославского муниципального округа', 'yaroslavsky', 'Ярославского муниципального округа'],
    ['в Гаврилов-Ямском районе', 'gavrilov_yam', 'Гаврилов-Ямском районе'],
    ['в Гаврилов-Яме', 'gavrilov_yam', 'Гаврилов-Яме'],
    ['в Данилове', 'danilov', 'Данилове'],
    ['в Любиме не чистят снег', 'lyubim', 'Любиме'],
    ['г. Любим', 'lyubim', 'Любим'],
    ['в Мышкине', 'myshkin', 'Мышкине'],
    ['в Пошехонье', 'poshekhonye', 'Пошехонье'],
    ['в Большом Селе', 'bolshoe_selo', 'Большом Селе'],
    ['в Красных Ткачах', 'yaroslavsky', 'Красных Ткачах'],
    ['Дзержинский район, ул. Победы', 'yaroslavl', 'Дзержинский район'],
    ['в Новом Некоузе', 'nekouz', 'Новом Некоузе'],
    ['с. Кукобой', 'pervomaisky', 'Кукобой'],
    ['в Борке', 'nekouz', 'Борке'],
    ['Мышкин, ул. Победы, 12 — нет света', 'myshkin', 'Мышкин'],
    ['Данилов: не вывозят мусор', 'danilov', 'Данилов'],
    ['Ивняки, ул. Шоссейная', 'yaroslavsky', 'Ивняки'],
    ['На Переборах прорвало трубу', 'rybinsk', 'Переборах'],
  ])('%s → %s', (text, code, matched) => {
    const r = find(text);
    expect(r?.code).toBe(code);
    expect(r?.matched).toBe(matched);
    expect(r?.confidence).toBeGreaterThan(0.5);
  });

  it.each([
    'Ярославская область, жалоба на дороги',
    'Жители Ярославской области',
    'мой любимый город',
    'в любимом городе нет порядка',
    'Мы любим наш город',
    'ростовая кукла',
    'поезд до Ростова-на-Дону',
    'ул. Дзержинского, д. 3',
    'Тутаевское шоссе, 33',
    'Ленинский проспект',
    'врач Данилов грубит',
    'на лесной поляне мусор',
    'это большое село без аптеки',
    'посадили дубки вдоль дороги',
    'Курский район, Советский район',
    'Ответил врач Данилов, потом Мышкин',
  ])('no municipality in «%s»', (text) => {
    expect(find(text)).toBeNull();
  });

  it('prefers a village over its region and the city it is near, and explains', () => {
    const r = find('Живу в Карабихе, это рядом с Ярославлем');
    expect(r?.code).toBe('yaroslavsky');
    expect(r?.place).toBe('Карабиха');
    expect(r?.alternatives.map((a) => a.code)).toEqual(['yaroslavl']);
    expect(r?.explanation).toContain('Карабиха');
    expect(r?.confidence).toBeLessThan(0.85);
  });

  it('prefers a town over a district-level adjective, and the okrug over a destination', () => {
    expect(find('Рыбинский район, но пишу про Углич')?.code).toBe('uglich');
    expect(find('Любимский район остался без автобуса до Ярославля')?.code).toBe('lyubim');
  });

  it('keeps the longest of overlapping names', () => {
    expect(find('Переславль-Залесский, ул. Свободы')?.matched).toBe('Переславль-Залесский');
    expect(find('Ростов Великий')?.matched).toBe('Ростов Великий');
  });
});
