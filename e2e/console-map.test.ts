import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext, Page, Response } from "playwright-core";
import { zxyToTileId } from "pmtiles";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { SCREENSHOTS, seriousViolations, signInDemo, useAvisoInChromium } from "./support.ts";

const MAP = "Map of the areas, incidents and available responders";
// Tall enough that the map is its full 40rem: a full-page screenshot grows the viewport, and a
// map sized by the viewport would be caught mid-resize.
const VIEWPORT = { width: 1280, height: 1000 };

/**
 * Watches a signed-in page: any request leaving the app's origin (tiles, fonts, glyphs, CDNs)
 * and any console or script error. A server without `/api/basemap` or `/api/incidents/map` answers
 * 404 there, and the page is made to cope with that, so those two 404s are not errors.
 */
function watch(context: BrowserContext, page: Page, origin: string) {
  const foreign: string[] = [];
  const problems: string[] = [];
  context.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith("data:") && new URL(url).origin !== origin) foreign.push(url);
  });
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const where = message.location().url;
    const tolerated = ["/api/basemap", "/api/incidents/map"].some((p) => where.endsWith(p));
    if (!(tolerated && message.text().includes("status of 404"))) problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return { foreign, problems };
}

/** Opens the map from the console's navigation and waits until MapLibre has drawn it. */
async function openMap(page: Page) {
  await page
    .getByRole("navigation", { name: "Console" })
    .getByRole("link", { name: "Map" })
    .click();
  const region = page.getByRole("region", { name: MAP });
  await expect.poll(() => region.getAttribute("data-state"), { timeout: 30_000 }).toBe("ready");
  const canvas = region.locator("canvas.maplibregl-canvas");
  const box = await canvas.boundingBox();
  expect(box?.width).toBeGreaterThan(400);
  expect(box?.height).toBeGreaterThan(300);
  // "ready" is MapLibre's first idle (every source drawn); give the page's own updates a moment.
  await page.waitForTimeout(500);
  return { canvas, box: box ?? { x: 0, y: 0, width: 0, height: 0 } };
}

type Rgb = [number, number, number];
const hex = (colour: string): Rgb =>
  [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) as Rgb;

/** The canvas as drawn: each colour's share of the pixels, and where a colour's pixels are. */
async function pixels(png: Buffer) {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const near = (i: number, [r, g, b]: Rgb) =>
    Math.abs((data[i] ?? 0) - r) +
      Math.abs((data[i + 1] ?? 0) - g) +
      Math.abs((data[i + 2] ?? 0) - b) <=
    12;
  const total = info.width * info.height;
  return {
    share(colour: string) {
      let count = 0;
      for (let i = 0; i < data.length; i += 3) if (near(i, hex(colour))) count++;
      return count / total;
    },
    centreOf(colour: string): { x: number; y: number } | undefined {
      let [sx, sy, n] = [0, 0, 0];
      for (let i = 0; i < data.length; i += 3) {
        if (!near(i, hex(colour))) continue;
        sx += (i / 3) % info.width;
        sy += Math.floor(i / 3 / info.width);
        n++;
      }
      return n === 0 ? undefined : { x: sx / n, y: sy / n };
    },
    distinct() {
      const seen = new Set<number>();
      for (let i = 0; i < data.length; i += 3)
        seen.add(
          ((data[i] ?? 0) >> 4) * 256 + ((data[i + 1] ?? 0) >> 4) * 16 + ((data[i + 2] ?? 0) >> 4),
        );
      return seen.size;
    },
  };
}

describe("the console's incident map in Chromium, areas only", () => {
  const env = useAvisoInChromium(async () => ({ args: ["--demo"] }));

  it("fits Chicago's areas to the view from this server alone, with no console errors", async () => {
    const context = await env.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await signInDemo(page, env.aviso.url, "dispatcher");
    const { foreign, problems } = watch(context, page, new URL(env.aviso.url).origin);
    const answered = page.waitForResponse((r) => r.url().endsWith("/api/incidents/map"));
    const { canvas } = await openMap(page);
    const shot = await pixels(await canvas.screenshot());
    // The background around the city, the areas' fill, and their outlines at least.
    expect(shot.distinct()).toBeGreaterThanOrEqual(3);
    expect(shot.share("#fbfaf7")).toBeGreaterThan(0.12);
    expect(shot.share("#dfe6ec")).toBeGreaterThan(0.05);

    const response = await answered;
    const incidents = response.ok()
      ? ((await response.json()) as { incidents: unknown[] }).incidents
      : [];
    if (incidents.length === 0) await page.getByText("No incidents to show.").waitFor();
    else
      await expect.poll(() => page.locator(".incident-map-list li").count()).toBe(incidents.length);
    await page.screenshot({ path: path.join(SCREENSHOTS, "console-map.png"), fullPage: true });

    expect(await seriousViolations(page)).toEqual([]);
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("selects an incident from the list and by clicking it on the map", async () => {
    const context = await env.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    // An admin: the dispatcher's code was used above, and a code works once.
    await signInDemo(page, env.aviso.url, "admin");
    const { foreign, problems } = watch(context, page, new URL(env.aviso.url).origin);
    // Real incidents: two reports, each opened as an incident, one of them confirmed. The demo
    // responder is on shift in South Lawndale and Lower West Side.
    await page.goto(`${env.aviso.url}/console`);
    await page.evaluate(async () => {
      const csrf = ((await (await fetch("/api/auth/session")).json()) as { csrfToken: string })
        .csrfToken;
      const post = async (url: string, body: unknown) =>
        (await (
          await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json", "x-csrf-token": csrf },
            body: JSON.stringify(body),
          })
        ).json()) as { id: string };
      for (const [activity, lat, lng, confirm] of [
        ["Vans at 26th and Pulaski", 41.8443, -87.7245, false],
        ["Checkpoint near City Hall", 41.8837, -87.6323, true],
      ] as const) {
        const report = await post("/api/reports", { activity, location: { lat, lng } });
        const incident = await post("/api/incidents", { reportId: report.id });
        if (confirm)
          await fetch(`/api/incidents/${incident.id}/status`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-csrf-token": csrf },
            body: JSON.stringify({ status: "confirmed" }),
          });
      }
    });
    const { canvas, box } = await openMap(page);
    const shot = await pixels(await canvas.screenshot());
    expect(shot.share("#00897b")).toBeGreaterThan(0); // the responder's diamond
    const reported = shot.centreOf("#e66100");
    expect(reported).toBeDefined();

    const list = page.locator(".incident-map-list");
    await list.getByRole("button", { name: /Loop/ }).click();
    await expect
      .poll(() => list.getByRole("button", { name: /Loop/ }).getAttribute("aria-pressed"))
      .toBe("true");
    await expect.poll(() => page.locator(".maplibregl-popup").textContent()).toContain("1 report");

    await page.mouse.click(box.x + (reported?.x ?? 0), box.y + (reported?.y ?? 0));
    await expect
      .poll(() => list.getByRole("button", { name: /South Lawndale/ }).getAttribute("aria-pressed"))
      .toBe("true");
    await expect.poll(() => page.locator(".maplibregl-popup").textContent()).toContain("Reported");
    expect(await page.getByText("Demo Responder (fake)").count()).toBe(1);
    await page.screenshot({
      path: path.join(SCREENSHOTS, "console-map-selected.png"),
      fullPage: true,
    });
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("the console's incident map in Chromium, on a self-hosted PMTiles basemap", () => {
  const env = useAvisoInChromium(async () => {
    const file = path.join(tmpdir(), `aviso-e2e-basemap-${process.pid}.pmtiles`);
    writeFileSync(file, chicagoPmtiles());
    return { args: ["--demo"], env: { AVISO_BASEMAP_PMTILES: file } };
  });

  it("reads the basemap from this server by byte ranges and draws it under the areas", async () => {
    const context = await env.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await signInDemo(page, env.aviso.url, "dispatcher");
    const { foreign, problems } = watch(context, page, new URL(env.aviso.url).origin);
    const tiles: Response[] = [];
    page.on("response", (r) => {
      if (r.url().includes("/api/basemap/tiles.pmtiles")) tiles.push(r);
    });
    const where = page.waitForResponse((r) => r.url().endsWith("/api/basemap"));
    const { canvas } = await openMap(page);
    expect(await (await where).json()).toEqual({ url: "/api/basemap/tiles.pmtiles" });
    expect(tiles.length).toBeGreaterThanOrEqual(3); // header + root directory, then tiles
    expect(tiles.map((r) => r.status())).toEqual(tiles.map(() => 206));
    const shot = await pixels(await canvas.screenshot());
    expect(shot.share("#b7d3e8")).toBeGreaterThan(0.05); // Lake Michigan
    // The window as it is: a full-page shot resizes it, and the map would be caught redrawing.
    await page.screenshot({ path: path.join(SCREENSHOTS, "console-map-basemap.png") });
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

// A tiny PMTiles v3 archive: 3×3 uncompressed vector tiles at zoom 8 around Chicago, with the
// Protomaps layer names `earth`, `water` and `roads` (and no `landuse`, which the style must survive).

type LngLat = [number, number];
interface Drawn {
  layer: string;
  kind: string;
  type: 2 | 3; // line, polygon
  points: LngLat[];
}

function varint(value: number, out: number[]) {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}
const key = (field: number, wire: number, out: number[]) => varint(field * 8 + wire, out);
function bytes(field: number, payload: number[] | Uint8Array, out: number[]) {
  key(field, 2, out);
  varint(payload.length, out);
  out.push(...payload);
}
const text = (value: string) => [...new TextEncoder().encode(value)];
const zigzag = (n: number) => (n << 1) ^ (n >> 31);

/** One Mapbox Vector Tile (extent 4096) of tile z/x/y holding every drawing, by layer. */
function vectorTile(drawings: Drawn[], z: number, x: number, y: number): number[] {
  const toTile = ([lng, lat]: LngLat) => {
    const rad = (lat * Math.PI) / 180;
    const worldY = (1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2;
    return [((lng + 180) / 360) * 2 ** z - x, worldY * 2 ** z - y].map((v) => Math.round(v * 4096));
  };
  const tile: number[] = [];
  for (const name of new Set(drawings.map((d) => d.layer))) {
    const mine = drawings.filter((d) => d.layer === name);
    const kinds = [...new Set(mine.map((d) => d.kind))];
    const layer: number[] = [];
    key(15, 0, layer);
    varint(2, layer);
    bytes(1, text(name), layer);
    for (const drawing of mine) {
      const feature: number[] = [];
      bytes(2, [0, kinds.indexOf(drawing.kind)], feature);
      key(3, 0, feature);
      varint(drawing.type, feature);
      const geometry: number[] = [];
      let [cx, cy] = [0, 0];
      drawing.points.map(toTile).forEach(([px = 0, py = 0], i) => {
        if (i === 0) varint(1 + 1 * 8, geometry); // MoveTo ×1
        if (i === 1) varint(2 + (drawing.points.length - 1) * 8, geometry); // LineTo ×n
        varint(zigzag(px - cx), geometry);
        varint(zigzag(py - cy), geometry);
        [cx, cy] = [px, py];
      });
      if (drawing.type === 3) varint(7 + 1 * 8, geometry); // ClosePath
      bytes(4, geometry, feature);
      bytes(2, feature, layer);
    }
    bytes(3, text("kind"), layer);
    for (const kind of kinds) {
      const value: number[] = [];
      bytes(1, text(kind), value);
      bytes(4, value, layer);
    }
    key(5, 0, layer);
    varint(4096, layer);
    bytes(3, layer, tile);
  }
  return tile;
}

/** Land, Lake Michigan behind a rough shoreline, a highway and a grid of main streets. */
function chicagoPmtiles(): Buffer {
  const shore: LngLat[] = [
    [-87.524, 41.66],
    [-87.53, 41.76],
    [-87.58, 41.79],
    [-87.6, 41.84],
    [-87.615, 41.87],
    [-87.612, 41.895],
    [-87.625, 41.915],
    [-87.64, 41.945],
    [-87.655, 41.99],
    [-87.67, 42.03],
    [-87.68, 42.1],
  ];
  const street = (points: LngLat[], kind = "major_road"): Drawn => ({
    layer: "roads",
    kind,
    type: 2,
    points,
  });
  const drawings: Drawn[] = [
    {
      layer: "earth",
      kind: "earth",
      type: 3,
      points: [
        [-89.5, 43],
        [-85.5, 43],
        [-85.5, 40.5],
        [-89.5, 40.5],
      ],
    },
    { layer: "water", kind: "lake", type: 3, points: [...shore, [-86.5, 42.1], [-86.5, 41.66]] },
    ...[-87.6466, -87.6659, -87.6847, -87.7245, -87.7447].map((lng) =>
      street([
        [lng, 41.65],
        [lng, 42.02],
      ]),
    ),
    ...[41.751, 41.809, 41.852, 41.8819, 41.9106, 41.968].map((lat) =>
      street([
        [-87.94, lat],
        [-87.56, lat],
      ]),
    ),
    street(
      [
        [-87.63, 41.65],
        [-87.63, 41.86],
        [-87.645, 41.89],
        [-87.7, 41.96],
        [-87.9, 41.99],
      ],
      "highway",
    ),
  ];
  const z = 8;
  const tiles: { id: number; data: number[] }[] = [];
  for (let x = 64; x <= 66; x++)
    for (let y = 94; y <= 96; y++)
      tiles.push({ id: zxyToTileId(z, x, y), data: vectorTile(drawings, z, x, y) });
  tiles.sort((a, b) => a.id - b.id);
  // The root directory: ids as deltas, run lengths, lengths, offsets (0 = right after the last).
  const directory: number[] = [];
  varint(tiles.length, directory);
  for (const [i, tile] of tiles.entries()) varint(tile.id - (tiles[i - 1]?.id ?? 0), directory);
  for (const _ of tiles) varint(1, directory);
  for (const tile of tiles) varint(tile.data.length, directory);
  for (const i of tiles.keys()) varint(i === 0 ? 1 : 0, directory);
  const metadata = text(
    JSON.stringify({
      name: "Aviso test basemap",
      attribution: "Test data",
      vector_layers: ["earth", "water", "roads"].map((id) => ({ id, fields: { kind: "String" } })),
    }),
  );
  const data = tiles.flatMap((tile) => tile.data);
  const header = Buffer.alloc(127);
  header.write("PMTiles", 0, "ascii");
  header.writeUInt8(3, 7);
  const metadataAt = 127 + directory.length;
  const dataAt = metadataAt + metadata.length;
  // root dir, metadata, leaf dirs (none), tile data, then tile and content counts
  const counts = [tiles.length, tiles.length, tiles.length];
  const offsets = [
    127,
    directory.length,
    metadataAt,
    metadata.length,
    dataAt,
    0,
    dataAt,
    data.length,
  ];
  for (const [i, value] of [...offsets, ...counts].entries())
    header.writeBigUInt64LE(BigInt(value), 8 + i * 8);
  // clustered; internal and tile compression none; MVT; zooms 8–8
  for (const [i, value] of [1, 1, 1, 1, z, z].entries()) header.writeUInt8(value, 96 + i);
  const e7 = (degrees: number) => Math.round(degrees * 1e7);
  header.writeInt32LE(e7(-90), 102);
  header.writeInt32LE(e7(40.9), 106);
  header.writeInt32LE(e7(-85.7), 110);
  header.writeInt32LE(e7(43.1), 114);
  header.writeUInt8(z, 118);
  header.writeInt32LE(e7(-87.7), 119);
  header.writeInt32LE(e7(41.85), 123);
  return Buffer.concat([header, Buffer.from(directory), Buffer.from(metadata), Buffer.from(data)]);
}
