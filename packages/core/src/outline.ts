import type { AreaGeometry } from "./geojson.ts";

/** Areas drawn in one view box, and how to turn a point of the drawing back into lat/lng. */
export interface OutlineMap {
  viewBox: string;
  /** x = (lng - west) * xPerDegree; y = (north - lat) * yPerDegree. */
  projection: { west: number; north: number; xPerDegree: number; yPerDegree: number };
  areas: AreaOutline[];
}

/** An area drawn as an SVG path in a shared view box (north up). */
export interface AreaOutline {
  id: string;
  name: string;
  d: string;
}

type XY = [number, number];

/** Douglas–Peucker: drops points closer than `tolerance` to the line they sit on. */
function simplify(points: XY[], tolerance: number): XY[] {
  if (points.length < 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop() ?? [0, 0];
    const [ax, ay] = points[first] ?? [0, 0];
    const [bx, by] = points[last] ?? [0, 0];
    const length = Math.hypot(bx - ax, by - ay);
    let farthest = -1;
    let distance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const [px, py] = points[i] ?? [0, 0];
      // A closed ring starts and ends on one point: measure from that point instead.
      const d =
        length === 0
          ? Math.hypot(px - ax, py - ay)
          : Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length;
      if (d > distance) {
        distance = d;
        farthest = i;
      }
    }
    if (farthest >= 0) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/**
 * Areas as simplified SVG paths for a small map with no tiles (the public sign-up): an
 * equirectangular projection scaled by the latitude's cosine, `size` units on the longer side,
 * whole numbers, points under a unit apart dropped. Chicago's 77 areas come to ~30 KB.
 */
export function areaOutlines(
  areas: { id: string; name: string; geometry: AreaGeometry }[],
  size = 1000,
): OutlineMap {
  const polygons = (g: AreaGeometry) => (g.type === "Polygon" ? [g.coordinates] : g.coordinates);
  let [minLng, minLat, maxLng, maxLat] = [180, 90, -180, -90];
  for (const area of areas)
    for (const polygon of polygons(area.geometry))
      for (const [lng = 0, lat = 0] of polygon[0] ?? []) {
        minLng = Math.min(minLng, lng);
        maxLng = Math.max(maxLng, lng);
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
      }
  const xScale = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const k = size / Math.max((maxLng - minLng) * xScale, maxLat - minLat, 1e-9);
  const width = Math.ceil((maxLng - minLng) * xScale * k);
  const height = Math.ceil((maxLat - minLat) * k);
  const project = ([lng = 0, lat = 0]: number[]): XY => [
    Math.round((lng - minLng) * xScale * k),
    Math.round((maxLat - lat) * k),
  ];
  return {
    viewBox: `0 0 ${width} ${height}`,
    projection: { west: minLng, north: maxLat, xPerDegree: xScale * k, yPerDegree: k },
    areas: areas.map((area) => ({
      id: area.id,
      name: area.name,
      d: polygons(area.geometry)
        .flat()
        .map((ring) => simplify(ring.map(project), 1))
        .filter((ring) => ring.length >= 3)
        .map((ring) => `M${ring.map(([x, y]) => `${x} ${y}`).join("L")}Z`)
        .join(""),
    })),
  };
}
