// A structured address (a form field, an import column) → municipality: first the unit spellings of the boundary
// file («Рыбинский р-н», «Большесельский МО», «г.о. Переславль-Залесский»), then the same place finder as texts
// (towns, settlements, districts of the gazetteer).
import { findMunicipality } from './find-municipality';
import type { Gazetteer } from './gazetteer';
import type { GeoUnit } from './geography';

export interface AddressPlace {
  readonly code: string;
  readonly matched: string;
}

const norm = (s: string): string =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
const LETTER = /[\p{L}\d]/u;

/** Multi-word spellings only: a bare adjective («Угличский») is also a street name. Longest first. */
function aliasTable(units: readonly GeoUnit[]): { alias: string; written: string; code: string }[] {
  return units
    .flatMap((u) =>
      u.aliases.filter((a) => /\s/.test(a.trim())).map((a) => ({ alias: norm(a), written: a, code: u.code })),
    )
    .sort((a, b) => b.alias.length - a.alias.length);
}

const tables = new WeakMap<readonly GeoUnit[], ReturnType<typeof aliasTable>>();

function findAlias(address: string, units: readonly GeoUnit[]): AddressPlace | null {
  let table = tables.get(units);
  if (!table) tables.set(units, (table = aliasTable(units)));
  const text = norm(address);
  for (const { alias, written, code } of table) {
    let at = text.indexOf(alias);
    while (at >= 0) {
      const before = text[at - 1];
      const after = text[at + alias.length];
      if ((before === undefined || !LETTER.test(before)) && (after === undefined || !LETTER.test(after)))
        return { code, matched: written };
      at = text.indexOf(alias, at + 1);
    }
  }
  return null;
}

/** The municipality a structured address names, or null; a unit's own spelling in the address wins over the place finder. */
export function findAddressMunicipality(
  address: string,
  gazetteer: Gazetteer,
  units: readonly GeoUnit[],
): AddressPlace | null {
  const alias = findAlias(address, units);
  if (alias) return alias;
  const place = findMunicipality(address, gazetteer);
  return place ? { code: place.code, matched: place.matched } : null;
}
