import { describe, expect, it } from 'vitest';
import { comparePair, houseKey, placeRelation, scoreDuplicates, streetKey, type SimilarityMessage } from './similarity';

const base: SimilarityMessage = {
  text: 'Третий день нет горячей воды в доме, управляющая компания не отвечает',
  municipalityCode: 'yaroslavl',
  addresses: [{ street: 'улица Свободы', house: '10' }],
  createdAt: '2025-01-13T08:00:00Z',
};

describe('street and house keys', () => {
  it('ignore the kind word, word order and case', () => {
    expect(streetKey('улица Крестовая')).toBe(streetKey('Крестовой ул.'));
    expect(streetKey('проспект Московский')).toBe(streetKey('Московский пр-т'));
    expect(streetKey('улица Набережная')).toBe(streetKey('Набережная улица'));
    expect(streetKey('улица Свободы')).not.toBe(streetKey('улица Свободная'));
    expect(houseKey('д. 12 корп. 2')).toBe('12к2');
  });

  it.each([
    [[{ street: 'улица Свободы', house: '10' }], [{ street: 'ул. Свободы', house: '10' }], 'same_house'],
    [[{ street: 'улица Свободы', house: '10' }], [{ street: 'улица Свободы' }], 'same_street'],
    [[{ street: 'улица Свободы', house: '10' }], [{ street: 'улица Свободы', house: '12' }], 'different_house'],
    [[{ street: 'улица Свободы' }], [{ street: 'улица Кирова' }], 'different_street'],
    [[], [{ street: 'улица Кирова' }], 'unknown'],
  ] as const)('%j vs %j → %s', (a, b, relation) => {
    expect(placeRelation(a, b)).toBe(relation);
  });
});

describe('comparePair', () => {
  const reworded = {
    ...base,
    text: 'Отсутствует горячая вода уже три дня, УК не отвечает на звонки',
    createdAt: '2025-01-14T08:00:00Z',
  };

  it('calls the same problem at the same house a duplicate, with reasons', () => {
    const r = comparePair(reworded, base);
    expect(r.decision).toBe('duplicate');
    expect(r.place).toBe('same_house');
    expect(r.reasons).toEqual(
      expect.arrayContaining(['тот же адрес (улица и дом)', 'тот же муниципалитет', 'общая тема: water']),
    );
  });

  it.each([
    ['another municipality', { municipalityCode: 'rybinsk' }],
    ['outside the window', { createdAt: '2025-02-20T08:00:00Z' }],
    ['another problem', { text: 'Во дворе не вывозят мусор, контейнеры переполнены' }],
    ['another block', { block: 'roads' }],
  ] as const)('never a duplicate with %s', (_why, change) => {
    const r = comparePair({ ...reworded, ...change }, { ...base, block: 'zhkh' });
    expect(r.decision).toBe('none');
  });

  it('does not merge different categories of one block, but «прочие» conflicts with nothing', () => {
    expect(comparePair({ ...reworded, category: 'zhkh.bills' }, { ...base, category: 'zhkh.water' }).decision).toBe(
      'none',
    );
    expect(comparePair({ ...reworded, category: 'zhkh.other' }, { ...base, category: 'zhkh.water' }).decision).toBe(
      'duplicate',
    );
    const split = comparePair(
      { ...reworded, block: 'zhkh', category: 'bills' },
      { ...base, block: 'zhkh', category: 'water' },
    );
    expect(split.decision).toBe('none');
    expect(split.reasons).toContain('разные категории');
  });

  it('only suggests the same problem at another house or street', () => {
    const otherHouse = comparePair({ ...reworded, addresses: [{ street: 'улица Свободы', house: '52' }] }, base);
    expect(otherHouse.decision).toBe('suggest');
  });

  it('needs a named locality, not a whole city, when there is no address', () => {
    const a = {
      text: 'Нет света во всём посёлке третий день',
      municipalityCode: 'yaroslavsky',
      createdAt: '2025-12-02T10:00:00Z',
    };
    const b = { ...a, text: 'Третий день во всём посёлке нет света', createdAt: '2025-12-02T15:00:00Z' };
    expect(comparePair({ ...a, locality: 'Туношна' }, { ...b, locality: 'Туношна' }).decision).toBe('duplicate');
    expect(comparePair({ ...a, locality: 'Туношна' }, { ...b, locality: 'Карабиха' }).decision).not.toBe('duplicate');
    expect(comparePair(a, b).decision).toBe('suggest');
  });
});

describe('scoreDuplicates', () => {
  it('returns duplicates first, then suggestions, and drops the rest', () => {
    const candidates = [
      { ...base, id: 'other-street', addresses: [{ street: 'улица Кирова', house: '5' }] },
      { ...base, id: 'same', text: 'Нет горячей воды третий день, УК молчит' },
      { ...base, id: 'unrelated', text: 'Сломаны качели на детской площадке' },
      { ...base, id: 'other-house', addresses: [{ street: 'улица Свободы', house: '12' }] },
    ];
    const scored = scoreDuplicates(base, candidates);
    expect(scored.map((s) => [s.id, s.decision])).toEqual([
      ['same', 'duplicate'],
      ['other-house', 'suggest'],
      ['other-street', 'suggest'],
    ]);
    expect(scored[0]?.score).toBeGreaterThan(scored[1]?.score ?? 1);
  });
});
