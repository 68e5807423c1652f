// The boundaries of Ярославская область's 19 municipal units (OpenStreetMap, ODbL 1.0: see geo/README.md), tied
// to the municipality reference by the short name. Another region ships its own file and calls `createGeography`.
import { YAROSLAVL_MUNICIPALITIES } from '../../../shared/reference/municipalities';
import boundaries from './geo/yaroslavl-municipalities.geo.json' with { type: 'json' };
import { createGeography, type Geography } from './geography';

const codeByShort = new Map(YAROSLAVL_MUNICIPALITIES.map((m) => [m.short, m.code]));

export const YAROSLAVL_GEOGRAPHY: Geography = createGeography(boundaries, (short) => codeByShort.get(short));
