export * from "./area.ts";
export * from "./cells.ts";
export * from "./errors.ts";
export * from "./geojson.ts";
export * from "./site.ts";
export * from "./staff.ts";
export * from "./status.ts";
