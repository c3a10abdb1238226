import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "../../../test/databases.ts";
import { chicagoAreaFile, squaresGeoJson } from "../../../test/factories.ts";
import { AppError } from "../../errors.ts";
import { AreasRepository } from "./areas.repository.ts";
import { AreasService } from "./areas.service.ts";

const importOptions = { kind: "community-area", nameProperty: "name" };

describe.each(TEST_DIALECTS)("areas on %s", (dialect) => {
  let test: TestDatabase;
  let areas: AreasService;

  beforeEach(async () => {
    test = await createTestDatabase(dialect);
    areas = new AreasService(new AreasRepository(test.database.db));
  });
  afterEach(() => test.cleanup());

  it("draws the areas as small SVG paths for a map with no tiles, north up", async () => {
    await areas.importAreas(squaresGeoJson(), { kind: "ward", nameProperty: "name" });
    const squares = await areas.outlines("ward");
    expect(squares.areas.map((a) => a.name)).toEqual(["East Square", "West Square"]);
    const [east, west] = squares.areas.map((a) =>
      [...a.d.matchAll(/(\d+) (\d+)/g)].map((m) => Number(m[1])),
    );
    // West lies left of East in the drawing.
    expect(Math.max(...(west ?? []))).toBeLessThanOrEqual(Math.min(...(east ?? [])));

    await areas.importAreas(chicagoAreaFile("community-areas"), {
      ...importOptions,
      replace: true,
    });
    const chicago = await areas.outlines("community-area");
    expect(chicago.areas).toHaveLength(77);
    expect(chicago.viewBox).toMatch(/^0 0 \d+ 1000$/);
    expect(chicago.areas.every((a) => /^M\d+ \d+(L\d+ \d+)+Z/.test(a.d))).toBe(true);
    expect(JSON.stringify(chicago).length).toBeLessThan(80_000);
  });

  async function expectImportError(text: string, code: string, messagePart: string | RegExp) {
    const before = await areas.countAreas();
    const error = await areas.importAreas(text, importOptions).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect((error as AppError).message).toMatch(messagePart);
    expect(await areas.countAreas()).toBe(before);
  }

  it("imports Chicago's 77 community areas and answers point and ZIP lookups", async () => {
    const community = await areas.importAreas(chicagoAreaFile("community-areas"), importOptions);
    expect(community.areas).toBe(77);
    await areas.importAreas(chicagoAreaFile("zip-codes"), { kind: "zip", nameProperty: "zip" });
    await areas.importAreas(chicagoAreaFile("wards-2023"), {
      kind: "ward",
      nameProperty: "ward",
      namePrefix: "Ward ",
    });

    const wards = await areas.listAreas("ward");
    expect(wards.slice(0, 3).map((w) => w.name)).toEqual(["Ward 1", "Ward 2", "Ward 3"]);
    const list = await areas.listAreas("community-area");
    expect(list).toHaveLength(77);
    expect(list.every((area) => area.cellCount > 0)).toBe(true);

    // City Hall, per the data's own spot checks: Loop / ZIP 60602 / Ward 42.
    const cityHall = await areas.lookup({ lat: 41.8837, lng: -87.6323 });
    expect(cityHall.map((a) => a.name)).toEqual(["Loop", "60602", "Ward 42"]);
    // 26th & Pulaski, Little Village: South Lawndale / Ward 22 / 60623.
    const littleVillage = await areas.lookup({ lat: 41.8443, lng: -87.7245 });
    expect(littleVillage.map((a) => a.name)).toEqual(["South Lawndale", "60623", "Ward 22"]);

    const zip = await areas.lookup({ zip: "60623" });
    expect(zip[0]?.name).toBe("60623");
    expect(zip.map((a) => a.name)).toContain("South Lawndale");
    expect(zip.map((a) => a.name)).not.toContain("Loop");

    // Evanston is outside every Chicago layer; an unknown ZIP finds nothing.
    expect(await areas.lookup({ lat: 42.0451, lng: -87.6877 })).toEqual([]);
    expect(await areas.lookup({ zip: "90210" })).toEqual([]);
  });

  it("returns one area with its geometry, and a clear error for an unknown id", async () => {
    await areas.importAreas(squaresGeoJson(), importOptions);
    const area = await areas.getArea("community-area:west-square");
    expect(area.name).toBe("West Square");
    expect(area.geometry.type).toBe("Polygon");
    await expect(areas.getArea("community-area:nowhere")).rejects.toMatchObject({
      code: "AREA_NOT_FOUND",
    });
  });

  it("refuses a second import of the same areas unless replacing, and replaces atomically", async () => {
    await areas.importAreas(squaresGeoJson(), importOptions);
    await expect(areas.importAreas(squaresGeoJson(), importOptions)).rejects.toMatchObject({
      code: "AREAS_EXIST",
    });
    expect(await areas.countAreas()).toBe(2);
    const replaced = await areas.importAreas(squaresGeoJson(), { ...importOptions, replace: true });
    expect(replaced.areas).toBe(2);
    expect(await areas.countAreas()).toBe(2);
  });

  it("names the problem in malformed GeoJSON and stores nothing", async () => {
    await areas.importAreas(squaresGeoJson(["Kept A", "Kept B"]), importOptions);
    await expectImportError("{ not json", "GEOJSON_NOT_JSON", /not valid JSON/);
    await expectImportError(JSON.stringify({ type: "Feature" }), "GEOJSON_INVALID", /type/);
    const open = JSON.parse(squaresGeoJson());
    open.features[1].geometry.coordinates[0].pop();
    await expectImportError(
      JSON.stringify(open),
      "GEOJSON_INVALID",
      /features\[1\]\.geometry\.coordinates\[0\]: a ring must be closed/,
    );
    const point = JSON.parse(squaresGeoJson());
    point.features[0].geometry = { type: "Point", coordinates: [-87.6, 41.8] };
    await expectImportError(JSON.stringify(point), "GEOJSON_INVALID", /features\[0\]\.geometry/);
    const unnamed = JSON.parse(squaresGeoJson());
    unnamed.features[1].properties = { label: "x" };
    await expectImportError(
      JSON.stringify(unnamed),
      "GEOJSON_NAME_MISSING",
      /features\[1\] has no "name" property/,
    );
    await expectImportError(
      squaresGeoJson(["Same", "Same"]),
      "GEOJSON_DUPLICATE_NAME",
      /appears twice/,
    );
    await expect(
      areas.importAreas(squaresGeoJson(), { kind: "county", nameProperty: "name" }),
    ).rejects.toMatchObject({
      code: "AREA_KIND_UNKNOWN",
    });
    expect((await areas.listAreas()).map((a) => a.name)).toEqual(["Kept A", "Kept B"]);
  });
});
