import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { createLogger } from "../src/logger.ts";

/** Chicago's shipped area files, for tests that import them. */
export const chicagoAreaFile = (name: "community-areas" | "zip-codes" | "wards-2023") =>
  readFileSync(
    fileURLToPath(new URL(`../assets/areas/chicago-${name}.geojson`, import.meta.url)),
    "utf8",
  );

/** A real logger writing into memory, so a test can read every line that was logged. */
export function createCapturedLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ level: "info", destination });
  return { logger, lines, text: () => lines.join("\n") };
}

/** A small valid FeatureCollection: two squares side by side. */
export function squaresGeoJson(names: [string, string] = ["West Square", "East Square"]): string {
  const square = (west: number, name: string) => ({
    type: "Feature",
    properties: { name },
    geometry: {
      type: "Polygon",
      coordinates: [
        [
          [west, 41.8],
          [west + 0.05, 41.8],
          [west + 0.05, 41.85],
          [west, 41.85],
          [west, 41.8],
        ],
      ],
    },
  });
  return JSON.stringify({
    type: "FeatureCollection",
    features: [square(-87.7, names[0]), square(-87.65, names[1])],
  });
}
