import { describe, expect, it } from "vitest";
import { AreaLookupQuery } from "./area.ts";
import { cellDistance, cellForPoint, cellsForGeometry } from "./cells.ts";
import { AreaFeatureCollection, type AreaGeometry, containsPoint } from "./geojson.ts";

const square: AreaGeometry = {
  type: "Polygon",
  coordinates: [
    [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ],
    [
      [4, 4],
      [6, 4],
      [6, 6],
      [4, 6],
      [4, 4],
    ],
  ],
};

describe("containsPoint", () => {
  it("tests polygons with holes and multipolygons", () => {
    expect(containsPoint(square, [1, 1])).toBe(true);
    expect(containsPoint(square, [5, 5])).toBe(false); // in the hole
    expect(containsPoint(square, [11, 5])).toBe(false);
    const multi: AreaGeometry = {
      type: "MultiPolygon",
      coordinates: [
        square.coordinates,
        [
          [
            [20, 20],
            [21, 20],
            [21, 21],
            [20, 20],
          ],
        ],
      ],
    };
    expect(containsPoint(multi, [20.8, 20.2])).toBe(true);
    expect(containsPoint(multi, [15, 15])).toBe(false);
  });
});

describe("cellsForGeometry", () => {
  it("covers every vertex of a small area even when no cell centre falls inside", () => {
    const tiny: AreaGeometry = {
      type: "Polygon",
      coordinates: [
        [
          [-87.63, 41.88],
          [-87.629, 41.88],
          [-87.629, 41.881],
          [-87.63, 41.88],
        ],
      ],
    };
    const cells = cellsForGeometry(tiny);
    expect(cells.interior.length + cells.edge.length).toBeGreaterThan(0);
    expect([...cells.interior, ...cells.edge]).toContain(cellForPoint(41.88, -87.63));
  });

  it("measures ring distance between cells", () => {
    const loop = cellForPoint(41.8837, -87.6323);
    expect(cellDistance(loop, loop)).toBe(0);
    expect(cellDistance(loop, cellForPoint(41.8443, -87.7245))).toBeGreaterThan(3);
  });
});

describe("AreaFeatureCollection", () => {
  it("names the path of a bad ring", () => {
    const result = AreaFeatureCollection.safeParse({
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: {},
          geometry: {
            type: "Polygon",
            coordinates: [
              [
                [0, 0],
                [1, 1],
              ],
            ],
          },
        },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["features", 0, "geometry", "coordinates", 0]);
  });
});

describe("AreaLookupQuery", () => {
  it("takes a point or a ZIP and explains what is missing", () => {
    expect(AreaLookupQuery.parse({ lat: "41.8", lng: "-87.6" })).toEqual({ lat: 41.8, lng: -87.6 });
    expect(AreaLookupQuery.parse({ zip: "60623" })).toEqual({ zip: "60623" });
    expect(AreaLookupQuery.safeParse({}).error?.issues[0]?.message).toBe(
      "give lat and lng, or zip",
    );
    expect(AreaLookupQuery.safeParse({ lat: 41 }).error?.issues[0]?.path).toEqual(["lng"]);
    expect(AreaLookupQuery.safeParse({ zip: "606" }).error?.issues[0]?.message).toBe(
      "a ZIP code is five digits",
    );
    expect(AreaLookupQuery.safeParse({ zip: "60623", lat: 1, lng: 2 }).success).toBe(false);
  });
});
