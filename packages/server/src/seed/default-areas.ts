import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AreaKind } from "@aviso/core";
import type { AreasService } from "../modules/areas/areas.service.ts";

export type ProgressCallback = (label: string, done: number, total: number) => void;

const assets = (file: string) =>
  fileURLToPath(new URL(`../../assets/areas/${file}`, import.meta.url));

/** Chicago's layers as shipped in assets/areas (see SOURCES.md there). */
export const CHICAGO_LAYERS: {
  file: string;
  kind: AreaKind;
  nameProperty: string;
  namePrefix?: string;
}[] = [
  { file: "chicago-community-areas.geojson", kind: "community-area", nameProperty: "name" },
  { file: "chicago-zip-codes.geojson", kind: "zip", nameProperty: "zip" },
  { file: "chicago-wards-2023.geojson", kind: "ward", nameProperty: "ward", namePrefix: "Ward " },
];

/** Loads Chicago's community areas, ZIP codes and wards when no area is stored yet. */
export async function loadDefaultAreas(
  areas: AreasService,
  onProgress?: ProgressCallback,
): Promise<{ loaded: boolean; areas: number }> {
  if ((await areas.countAreas()) > 0) return { loaded: false, areas: 0 };
  let total = 0;
  for (const layer of CHICAGO_LAYERS) {
    const result = await areas.importAreas(readFileSync(assets(layer.file), "utf8"), {
      ...layer,
      onProgress: (done, count) => onProgress?.(`Loading ${layer.kind} areas`, done, count),
    });
    total += result.areas;
  }
  return { loaded: true, areas: total };
}
