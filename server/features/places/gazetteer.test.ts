import { describe, expect, it } from 'vitest';
import { YAROSLAVL_MUNICIPALITIES } from '../../../shared/reference/municipalities';
import { findMunicipality } from './find-municipality';
import { GazetteerError, loadGazetteer } from './gazetteer';
import { YAROSLAVL_GAZETTEER } from './yaroslavl-gazetteer';

describe('Yaroslavl gazetteer', () => {
  it('has exactly the 19 reference municipalities, with their names', () => {
    const ours = YAROSLAVL_GAZETTEER.municipalities.map((m) => [m.code, m.name]).sort();
    const reference = YAROSLAVL_MUNICIPALITIES.map((m) => [m.code, m.name]).sort();
    expect(ours).toEqual(reference);
  });

  it('has the admin centre of each municipality among its places (when the centre belongs to it)', () => {
    for (const ref of YAROSLAVL_MUNICIPALITIES.filter((m) => !m.adminCentre.includes('не входит'))) {
      const centre = ref.adminCentre.replace(/^(г\.|с\.|рп)\s+/u, '');
      const places = YAROSLAVL_GAZETTEER.municipalities.find((m) => m.code === ref.code)?.places ?? [];
      expect(
        places.map((p) => p.name),
        ref.code,
      ).toContain(centre);
      expect(findMunicipality(`${ref.adminCentre}, ул. Ленина`, YAROSLAVL_GAZETTEER)?.code, centre).toBe(ref.code);
    }
  });

  it('resolves the six city districts of Ярославль to the city', () => {
    for (const d of ['Дзержинском', 'Заволжском', 'Кировском', 'Красноперекопском', 'Ленинском', 'Фрунзенском']) {
      expect(findMunicipality(`в ${d} районе`, YAROSLAVL_GAZETTEER)?.code).toBe('yaroslavl');
    }
  });
});

describe('loadGazetteer', () => {
  const region = {
    region: 'Тестовая область',
    municipalities: [
      {
        code: 'north',
        name: 'Северный округ',
        places: [
          { name: 'Северный округ', type: 'municipality', forms: [{ text: 'Северный', context: 'district' }] },
          { name: 'Сосновка', type: 'village', forms: ['Сосновка'] },
        ],
      },
      { code: 'town', name: 'Озёрск', places: [{ name: 'Озёрск', type: 'city', forms: ['Озёрск'] }] },
    ],
  };

  it('loads another region and matches with it', () => {
    const g = loadGazetteer(region);
    expect(g.exclusions).toEqual([]);
    expect(findMunicipality('в Сосновке нет света', g)?.code).toBe('north');
    expect(findMunicipality('Северного района', g)?.code).toBe('north');
    expect(findMunicipality('в Озерске', g)?.code).toBe('town');
    expect(findMunicipality('северный ветер', g)).toBeNull();
  });

  it('rejects a malformed file with every problem listed', () => {
    const bad = { region: 'X', municipalities: [{ code: 'Bad Code', name: '', places: [] }] };
    const error = (() => {
      try {
        loadGazetteer(bad);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(GazetteerError);
    expect((error as GazetteerError).issues.length).toBeGreaterThanOrEqual(3);
  });

  it('rejects duplicate codes and a form claimed by two municipalities', () => {
    const twice = {
      ...region,
      municipalities: [...region.municipalities, { ...region.municipalities[1], name: 'Другой' }],
    };
    expect(() => loadGazetteer(twice)).toThrow(/duplicate municipality code "town"/);
    const clash = {
      ...region,
      municipalities: [
        region.municipalities[0],
        { code: 'other', name: 'Другой', places: [{ name: 'Сосновка', type: 'village', forms: ['Сосновка'] }] },
      ],
    };
    expect(() => loadGazetteer(clash)).toThrow(/claimed by "north" and "other"/);
  });
});
