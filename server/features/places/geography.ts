// Geography: which municipal unit contains a point, from the units' boundary polygons (GeoJSON). Point-in-polygon
// is @turf/boolean-point-in-polygon; the candidate units come from a flatbush index over their bounding boxes.
// A point outside every unit is outside the region. The boundary file's address spellings («Рыбинский р-н»,
// «… МО») are kept as aliases of each unit.
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import { z } from 'zod';

export const GEO_ATTRIBUTION =
  'Границы © участники OpenStreetMap, ODbL 1.0; выгрузка T. Nazarov (github.com/timurkanaz/Russia_geojson_OSM)';

const position = z.tuple([z.number(), z.number()]).rest(z.number());
const ring = z.array(position).min(4);
const geometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);
const collectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        geometry: geometrySchema,
        properties: z
          .object({ short_name: z.string(), name: z.string(), aliases: z.array(z.string()).default([]) })
          .passthrough(),
      }),
    )
    .min(1),
});
export type BoundaryCollection = z.input<typeof collectionSchema>;
type UnitGeometry = z.infer<typeof geometrySchema>;

export interface GeoUnit {
  readonly code: string;
  readonly name: string;
  readonly aliases: readonly string[];
}

export interface Geography {
  readonly units: readonly GeoUnit[];
  /** The unit whose boundary contains the point (on the boundary counts as inside), or null outside the region. */
  locate(lat: number, lon: number): GeoUnit | null;
}

export class GeographyError extends Error {}

function bboxOf(geometry: UnitGeometry): [number, number, number, number] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const polygon of polygons) {
    for (const [x, y] of polygon[0] ?? []) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  return [minX, minY, maxX, maxY];
}

/**
 * Builds the geography of a region from its boundary file. `codeOf` maps a unit's `short_name` to the code of the
 * municipality reference; a unit the reference does not know is an error (the file and the reference must agree).
 */
export function createGeography(raw: unknown, codeOf: (shortName: string) => string | undefined): Geography {
  const parsed = collectionSchema.safeParse(raw);
  if (!parsed.success) throw new GeographyError(`Некорректный файл границ: ${parsed.error.issues[0]?.message ?? ''}`);
  const features = parsed.data.features;
  const units: GeoUnit[] = features.map((f) => {
    const code = codeOf(f.properties.short_name);
    if (!code)
      throw new GeographyError(`Муниципалитет «${f.properties.short_name}» из файла границ не найден в справочнике`);
    return { code, name: f.properties.name, aliases: f.properties.aliases };
  });
  const index = new Flatbush(features.length);
  for (const f of features) index.add(...bboxOf(f.geometry));
  index.finish();
  return {
    units,
    locate(lat, lon) {
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
      for (const i of index.search(lon, lat, lon, lat)) {
        const feature = features[i];
        if (feature && booleanPointInPolygon([lon, lat], feature.geometry)) return units[i] ?? null;
      }
      return null;
    },
  };
}
