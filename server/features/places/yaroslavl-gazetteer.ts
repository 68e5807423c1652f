// The Ярославская область gazetteer, validated once at import. Another region loads its own JSON
// the same way: `loadGazetteer(parsedJson)`.
import raw from './gazetteer.yaroslavl.json' with { type: 'json' };
import { loadGazetteer, type Gazetteer } from './gazetteer';

export const YAROSLAVL_GAZETTEER: Gazetteer = loadGazetteer(raw);
