import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { StaffRole } from "@aviso/core";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCapturedLogger } from "../../../test/factories.ts";
import { registerErrorHandler } from "../../http/error-handler.ts";
import { accessFor, isAllowed } from "../../http/policy.ts";
import { basemapPolicy } from "./basemap.policy.ts";
import { BASEMAP_TILES_URL, basemapRoutes, parseRange } from "./basemap.routes.ts";

const SIZE = 100_000;
const BYTES = Buffer.from(Array.from({ length: SIZE }, (_, i) => (i * 7 + 3) % 251));
const ROLES: StaffRole[] = ["admin", "dispatcher", "responder", "case_worker"];

/**
 * The routes on a bare app with the real error handler. The access hook is stood in for by one
 * that sets the staff member from a header: the policy itself is checked against the table below,
 * and by the route × role test once the routes are in `buildApp`.
 */
async function bareApp(file: string | undefined, log = createCapturedLogger()) {
  const app = Fastify({ loggerInstance: log.logger as FastifyBaseLogger });
  app.withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  const routes: string[] = [];
  app.addHook("onRoute", (route) => {
    if (route.method !== "HEAD") routes.push(`${String(route.method)} ${route.url}`);
  });
  app.addHook("onRequest", async (request) => {
    const role = request.headers["x-test-role"];
    if (typeof role === "string") {
      request.staff = {
        userId: "u1",
        role: role as StaffRole,
        sessionId: "s1",
        csrfToken: "c",
        expiresAt: "2100-01-01T00:00:00.000Z",
      };
    }
  });
  await app.register(basemapRoutes(file));
  await app.ready();
  return { app, routes, log };
}

const staff = { "x-test-role": "dispatcher" };

describe("basemap", () => {
  let dir: string;
  let file: string;
  let app: FastifyInstance | undefined;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "aviso-basemap-"));
    file = path.join(dir, "chicago.pmtiles");
    writeFileSync(file, BYTES);
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("has one policy line per route: any staff role, never anonymous", async () => {
    const built = await bareApp(file);
    app = built.app;
    expect(built.routes.sort()).toEqual(Object.keys(basemapPolicy).sort());
    for (const route of built.routes) {
      const [method = "", url = ""] = route.split(" ");
      const access = accessFor(basemapPolicy, method, url);
      expect(access).toBeDefined();
      if (!access) continue;
      expect(isAllowed(access, undefined)).toBe(false);
      for (const role of ROLES) expect(isAllowed(access, role)).toBe(true);
    }
  });

  it("refuses callers who are not signed in", async () => {
    ({ app } = await bareApp(file));
    for (const url of ["/api/basemap", BASEMAP_TILES_URL]) {
      const response = await app.inject({ url });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe("SIGN_IN_REQUIRED");
    }
  });

  it("says where the basemap is when the file is configured and readable", async () => {
    ({ app } = await bareApp(file));
    const response = await app.inject({ url: "/api/basemap", headers: staff });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ url: BASEMAP_TILES_URL });
  });

  it("answers null and 404 when no basemap is configured", async () => {
    ({ app } = await bareApp(undefined));
    expect((await app.inject({ url: "/api/basemap", headers: staff })).json()).toEqual({
      url: null,
    });
    const tiles = await app.inject({ url: BASEMAP_TILES_URL, headers: staff });
    expect(tiles.statusCode).toBe(404);
    expect(tiles.json().error.code).toBe("BASEMAP_NOT_CONFIGURED");
    expect(tiles.json().error.message).toContain("AVISO_BASEMAP_PMTILES");
  });

  it("answers null, warns at start and 503 when the configured file cannot be read", async () => {
    const log = createCapturedLogger();
    ({ app } = await bareApp(path.join(dir, "missing.pmtiles"), log));
    expect(log.text()).toContain("BASEMAP_UNREADABLE");
    expect((await app.inject({ url: "/api/basemap", headers: staff })).json()).toEqual({
      url: null,
    });
    const tiles = await app.inject({ url: BASEMAP_TILES_URL, headers: staff });
    expect(tiles.statusCode).toBe(503);
    expect(tiles.json().error.code).toBe("BASEMAP_UNREADABLE");
  });

  it("serves byte ranges as PMTiles clients read them (206 with Content-Range)", async () => {
    ({ app } = await bareApp(file));
    // PMTiles first reads the header and root directory: the first 16 KiB.
    const first = await app.inject({
      url: BASEMAP_TILES_URL,
      headers: { ...staff, range: "bytes=0-16383" },
    });
    expect(first.statusCode).toBe(206);
    expect(first.headers["content-range"]).toBe(`bytes 0-16383/${SIZE}`);
    expect(first.headers["content-length"]).toBe("16384");
    expect(first.headers["accept-ranges"]).toBe("bytes");
    expect(first.headers["content-type"]).toBe("application/vnd.pmtiles");
    expect(first.rawPayload.equals(BYTES.subarray(0, 16384))).toBe(true);

    const middle = await app.inject({
      url: BASEMAP_TILES_URL,
      headers: { ...staff, range: "bytes=40000-40099" },
    });
    expect(middle.statusCode).toBe(206);
    expect(middle.rawPayload.equals(BYTES.subarray(40000, 40100))).toBe(true);
    // The ETag stays the same from read to read, so PMTiles knows the file did not change.
    expect(middle.headers.etag).toMatch(/^"[0-9a-f]+-[0-9a-f.]+"$/);
    expect(middle.headers.etag).toBe(first.headers.etag);

    // Open-ended, suffix, and past the end (cut at the end, as for a file under 16 KiB).
    const cases: [string, number, number][] = [
      ["bytes=99990-", 99990, SIZE - 1],
      ["bytes=-10", SIZE - 10, SIZE - 1],
      ["bytes=99000-200000", 99000, SIZE - 1],
    ];
    for (const [range, start, end] of cases) {
      const response = await app.inject({ url: BASEMAP_TILES_URL, headers: { ...staff, range } });
      expect(response.statusCode, range).toBe(206);
      expect(response.headers["content-range"], range).toBe(`bytes ${start}-${end}/${SIZE}`);
      expect(response.rawPayload.equals(BYTES.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it("serves the whole file without a Range header, and headers alone for HEAD", async () => {
    ({ app } = await bareApp(file));
    const whole = await app.inject({ url: BASEMAP_TILES_URL, headers: staff });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers["content-length"]).toBe(String(SIZE));
    expect(whole.rawPayload.equals(BYTES)).toBe(true);
    const head = await app.inject({ method: "HEAD", url: BASEMAP_TILES_URL, headers: staff });
    expect(head.statusCode).toBe(200);
    expect(head.headers["content-length"]).toBe(String(SIZE));
    expect(head.rawPayload.length).toBe(0);
  });

  it("answers 416 with the file's size for ranges it cannot serve", async () => {
    ({ app } = await bareApp(file));
    for (const range of [
      `bytes=${SIZE}-`,
      "bytes=500-400",
      "bytes=-0",
      "bytes=0-10,20-30",
      "items=0-10",
      "bytes=abc",
    ]) {
      const response = await app.inject({ url: BASEMAP_TILES_URL, headers: { ...staff, range } });
      expect(response.statusCode, range).toBe(416);
      expect(response.headers["content-range"], range).toBe(`bytes */${SIZE}`);
      expect(response.json().error.code, range).toBe("RANGE_NOT_SATISFIABLE");
    }
  });
});

describe("parseRange", () => {
  it("reads one range, cuts it at the end, and refuses the rest", () => {
    expect(parseRange(undefined, 10)).toBe("whole");
    expect(parseRange("bytes=0-0", 10)).toEqual({ start: 0, end: 0 });
    expect(parseRange(" bytes=2-5 ", 10)).toEqual({ start: 2, end: 5 });
    expect(parseRange("bytes=8-100", 10)).toEqual({ start: 8, end: 9 });
    expect(parseRange("bytes=-100", 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange("bytes=-", 10)).toBe("unsatisfiable");
    expect(parseRange("bytes=0-1", 0)).toBe("unsatisfiable");
    expect(parseRange("bytes=1234567890123456-", 10)).toBe("unsatisfiable");
  });
});
