// Where a message's municipality came from, strongest first (server/features/intake/resolve-municipality.ts), and
// how the case's history names each source.
export const PLACE_SOURCES = ['field', 'point', 'address', 'text'] as const;
export type PlaceSource = (typeof PLACE_SOURCES)[number];

export const PLACE_SOURCE_LABELS: Readonly<Record<PlaceSource, string>> = {
  field: 'поле муниципалитета',
  point: 'координаты',
  address: 'адрес',
  text: 'текст',
};
