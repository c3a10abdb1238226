import { cellToLatLng, gridDistance, latLngToCell, polygonToCells } from "h3-js";
import { AREA_CELL_RESOLUTION } from "./area.ts";
import type { AreaGeometry } from "./geojson.ts";

/** An area's cells: `interior` cells have their centre inside the area; `edge` cells only touch it. */
export interface AreaCells {
  interior: string[];
  edge: string[];
}

/**
 * Covers an area with H3 cells at {@link AREA_CELL_RESOLUTION}. Cells whose centre lies inside
 * are interior; cells under the boundary's vertices are added as edge cells so that every point
 * of the area falls in one of its cells (a small ZIP code may have no interior cell at all).
 */
export function cellsForGeometry(geometry: AreaGeometry): AreaCells {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const interior = new Set<string>();
  const edge = new Set<string>();
  for (const rings of polygons) {
    for (const cell of polygonToCells(rings as number[][][], AREA_CELL_RESOLUTION, true)) {
      interior.add(cell);
    }
    for (const ring of rings) {
      for (const [lng = 0, lat = 0] of ring) {
        const cell = latLngToCell(lat, lng, AREA_CELL_RESOLUTION);
        if (!interior.has(cell)) edge.add(cell);
      }
    }
  }
  return { interior: [...interior].sort(), edge: [...edge].sort() };
}

/** The cell holding a WGS84 point. */
export function cellForPoint(lat: number, lng: number): string {
  return latLngToCell(lat, lng, AREA_CELL_RESOLUTION);
}

/** Ring distance between two cells (0 = same cell), or null when H3 cannot tell (too far apart). */
export function cellDistance(a: string, b: string): number | null {
  try {
    return gridDistance(a, b);
  } catch {
    return null;
  }
}

/** A cell's centre in WGS84 degrees. */
export function cellCentre(cell: string): { lat: number; lng: number } {
  const [lat = 0, lng = 0] = cellToLatLng(cell);
  return { lat, lng };
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance between two points, in metres. */
export function metersBetween(
  a: { lat: number; lng: number },
  b: { lat: number; lng: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
