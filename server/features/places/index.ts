// Places: which municipality a message is about, and which street addresses it names.
export { extractAddresses, type ExtractedAddress } from './addresses';
export { findMunicipality, type MunicipalityAlternative, type MunicipalityMatch } from './find-municipality';
export {
  FORM_CONTEXTS,
  GazetteerError,
  loadGazetteer,
  PLACE_TYPES,
  type FormContext,
  type Gazetteer,
  type GazetteerMunicipality,
  type GazetteerPlace,
  type NameForm,
  type PlaceType,
} from './gazetteer';
export { normalizeText } from './inflect';
export { findPlaceMentions, type PlaceMention } from './place-mentions';
export { STREET_TYPES, type StreetType } from './street-types';
export { YAROSLAVL_GAZETTEER } from './yaroslavl-gazetteer';
export { findAddressMunicipality, type AddressPlace } from './address-place';
export { createGeography, GEO_ATTRIBUTION, GeographyError, type Geography, type GeoUnit } from './geography';
export { YAROSLAVL_GEOGRAPHY } from './yaroslavl-geography';
