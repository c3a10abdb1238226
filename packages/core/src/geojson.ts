import { z } from "zod";
import { isInRing } from "./rings.ts";

const Position = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .rest(z.number());
const Ring = z
  .array(Position)
  .min(4, "a ring needs at least 4 positions")
  .refine((ring) => {
    const first = ring[0];
    const last = ring[ring.length - 1];
    return (
      first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1]
    );
  }, "a ring must be closed (first and last positions equal)");

export const PolygonGeometry = z.object({
  type: z.literal("Polygon"),
  coordinates: z.array(Ring).min(1),
});
export const MultiPolygonGeometry = z.object({
  type: z.literal("MultiPolygon"),
  coordinates: z.array(z.array(Ring).min(1)).min(1),
});
export const AreaGeometry = z.discriminatedUnion("type", [PolygonGeometry, MultiPolygonGeometry]);
export type AreaGeometry = z.infer<typeof AreaGeometry>;

export const AreaFeature = z.object({
  type: z.literal("Feature"),
  properties: z.record(z.string(), z.unknown()).nullable(),
  geometry: AreaGeometry,
});
export type AreaFeature = z.infer<typeof AreaFeature>;

export const AreaFeatureCollection = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(AreaFeature).min(1, "the collection has no features"),
});
export type AreaFeatureCollection = z.infer<typeof AreaFeatureCollection>;

type Point = readonly [lng: number, lat: number];

function isInPolygon(point: Point, rings: readonly (readonly (readonly number[])[])[]): boolean {
  const [outer, ...holes] = rings;
  if (!outer || !isInRing(point, outer)) return false;
  return !holes.some((hole) => isInRing(point, hole));
}

/** Whether a [lng, lat] point lies inside a Polygon or MultiPolygon (holes excluded). */
export function containsPoint(geometry: AreaGeometry, point: Point): boolean {
  if (geometry.type === "Polygon") return isInPolygon(point, geometry.coordinates);
  return geometry.coordinates.some((polygon) => isInPolygon(point, polygon));
}

/**
 * A point inside the area to stand for it (a typed ZIP code or neighborhood): the mean of the
 * largest polygon's outer ring, or, when that falls outside (a crescent), that ring's first
 * vertex. Returned as [lng, lat].
 */
export function representativePoint(geometry: AreaGeometry): Point {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const outer = polygons.map((rings) => rings[0] ?? []).sort((a, b) => b.length - a.length)[0] ?? [
    [0, 0],
  ];
  const mean: Point = [
    outer.reduce((sum, [lng = 0]) => sum + lng, 0) / outer.length,
    outer.reduce((sum, [, lat = 0]) => sum + lat, 0) / outer.length,
  ];
  if (containsPoint(geometry, mean)) return mean;
  const [lng = 0, lat = 0] = outer[0] ?? [];
  return [lng, lat];
}
