import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { AreaFeatureCollection, type AreaGeometry, containsPoint } from "@aviso/core";
import { migrateToLatest } from "../packages/server/src/db/database.ts";
import { openSqlite } from "../packages/server/src/db/dialects/sqlite.ts";
import { AreasRepository } from "../packages/server/src/modules/areas/areas.repository.ts";
import { AreasService } from "../packages/server/src/modules/areas/areas.service.ts";
import { CHICAGO_LAYERS } from "../packages/server/src/seed/default-areas.ts";

const asset = (file: string) =>
  readFileSync(
    fileURLToPath(new URL(`../packages/server/assets/areas/${file}`, import.meta.url)),
    "utf8",
  );

/** Random points over Chicago's bounding box, the same sequence every run. */
function points(count: number): { lat: number; lng: number }[] {
  let seed = 42;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: count }, () => ({
    lat: 41.645 + next() * 0.378,
    lng: -87.94 + next() * 0.416,
  }));
}

/**
 * Point lookup through H3 cells (what the API does) against the baseline of testing every
 * polygon of every layer in memory, measured in the same run on the same points.
 */
export async function benchAreaLookup(): Promise<void> {
  const database = openSqlite(":memory:");
  await migrateToLatest(database);
  const areas = new AreasService(new AreasRepository(database.db));
  const polygons: { name: string; geometry: AreaGeometry }[] = [];
  for (const layer of CHICAGO_LAYERS) {
    const text = asset(layer.file);
    await areas.importAreas(text, layer);
    for (const feature of AreaFeatureCollection.parse(JSON.parse(text)).features) {
      polygons.push({
        name: String(feature.properties?.[layer.nameProperty]),
        geometry: feature.geometry,
      });
    }
  }
  const sample = points(2_000);
  const time = async (run: () => Promise<unknown> | unknown) => {
    const start = process.hrtime.bigint();
    for (let n = 0; n < sample.length; n++) await run();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  let i = 0;
  const cellsMs = await time(() => areas.lookup(sample[i++ % sample.length] ?? { lat: 0, lng: 0 }));
  let j = 0;
  const scanMs = await time(() => {
    const point = sample[j++ % sample.length] ?? { lat: 0, lng: 0 };
    return polygons.filter((p) => containsPoint(p.geometry, [point.lng, point.lat]));
  });
  console.log(
    `area lookup: ${sample.length} points; H3 cells + exact test ${(cellsMs / sample.length).toFixed(3)} ms/point; ` +
      `baseline full polygon scan ${(scanMs / sample.length).toFixed(3)} ms/point; ratio ${(scanMs / cellsMs).toFixed(2)}x`,
  );
  await database.close();
}
