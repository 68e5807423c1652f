import { describe, expect, it } from 'vitest';
import { comparePair, mentionedAddresses, metresApart, type SimilarityMessage } from './similarity';

// Coordinates, addresses written without a street word and an unsure classifier in the pair decision.
const at = (lat: number, lon: number) => ({ lat, lon });
const pin: SimilarityMessage = {
  text: 'Яма на дороге',
  municipalityCode: 'yaroslavl',
  createdAt: '2026-04-05T09:00:00Z',
  point: at(57.6262, 39.8846),
};

describe('distance between points', () => {
  it('is measured in metres on the sphere', () => {
    expect(metresApart(at(57.6262, 39.8846), at(57.6264, 39.8849))).toBeGreaterThan(20);
    expect(metresApart(at(57.6262, 39.8846), at(57.6264, 39.8849))).toBeLessThan(35);
    expect(metresApart(at(57.6262, 39.8846), null)).toBeNull();
  });
});

describe('the same point with no address', () => {
  const near = { ...pin, text: 'Провал асфальта, машины бьют подвеску', point: at(57.6264, 39.8849) };

  it('joins the same problem within tens of metres, other words', () => {
    const r = comparePair(near, pin);
    expect(r.decision).toBe('duplicate');
    expect(r.place).toBe('same_point');
    expect(r.reasons).toContain('та же точка на карте');
  });

  it('keeps another problem at the same point apart', () => {
    expect(comparePair({ ...near, text: 'Не горит фонарь, темно' }, pin).decision).toBe('none');
    // «тротуар» says where, not what: an open hatch and snow on one pavement are two problems.
    expect(
      comparePair({ ...near, text: 'Тротуар не чищен от снега' }, { ...pin, text: 'Открытый люк на тротуаре' })
        .decision,
    ).toBe('none');
  });

  it('keeps the same words hundreds of metres away or in another municipality apart', () => {
    const far = comparePair({ ...pin, point: at(57.6312, 39.888) }, pin);
    expect(far.decision).not.toBe('duplicate');
    expect(far.reasons.join('; ')).toMatch(/между точками \d+ м/);
    expect(far.reasons).not.toContain('адрес не указан');
    expect(comparePair({ ...near, municipalityCode: 'yaroslavsky' }, pin).decision).toBe('none');
  });

  it('lets points far apart overrule the same written address', () => {
    const a = {
      ...pin,
      addresses: [{ street: 'улица Московская', house: '95' }],
      municipalityCode: null,
      point: at(56.7301, 38.8431),
    };
    const b = { ...a, point: at(57.596, 39.859) };
    expect(comparePair(b, a).place).toBe('distant_points');
    expect(comparePair(b, a).decision).not.toBe('duplicate');
  });
});

describe('addresses written without a street word', () => {
  const known = [{ street: 'улица Свободы', house: '62' }];

  it('are found only as the other side wrote them', () => {
    expect(mentionedAddresses('Ярославль, Свободы 62 — опять яма', known)).toEqual(known);
    expect(mentionedAddresses('Свободы, д. 62: яма', known)).toEqual(known);
    expect(mentionedAddresses('Ярославль, Свободы 64 — опять яма', known)).toEqual([]);
    expect(mentionedAddresses('Свободы 620', known)).toEqual([]);
  });

  it('make the same house, so a reworded repeat joins', () => {
    const first: SimilarityMessage = {
      ...pin,
      point: null,
      text: 'На ул. Свободы у дома 62 глубокая яма на проезжей части',
      addresses: known,
    };
    const again: SimilarityMessage = {
      ...pin,
      point: null,
      text: 'Ярославль, Свободы 62 — провал асфальта посреди дороги',
    };
    expect(comparePair(again, first)).toMatchObject({ decision: 'duplicate', place: 'same_house' });
  });
});

describe('an unsure classifier', () => {
  const a: SimilarityMessage = {
    text: 'Подвал затоплен водой, в подъезде сырость',
    municipalityCode: 'uglich',
    addresses: [{ street: 'улица Ярославская', house: '12' }],
    block: 'zhkh',
    category: 'building',
    confidence: 0.84,
    createdAt: '2026-04-01T08:00:00Z',
  };
  const b: SimilarityMessage = { ...a, text: 'Вода в подвале стоит по колено', category: 'water', confidence: 0.35 };

  it('does not veto one house and one problem topic', () => {
    expect(comparePair(b, a).decision).toBe('duplicate');
  });

  it('but a sure one does, and so does a conflicting topic', () => {
    expect(comparePair({ ...b, confidence: 0.9 }, a).decision).toBe('none');
    expect(comparePair({ ...b, text: 'Во дворе не горят фонари' }, a).decision).toBe('none');
  });
});

describe('a hyphenated street named without a street word', () => {
  it('is found, and its hyphen does not break the pattern', () => {
    const known = [{ street: 'улица Антонова-Овсеенко', house: '5к2' }];
    expect(mentionedAddresses('Санкт-Петербург, Антонова-Овсеенко 5к2 — мусор у парадной', known)).toEqual(known);
    expect(mentionedAddresses('Антонова-Овсеенко 7 — мусор у парадной', known)).toEqual([]);
  });
});
