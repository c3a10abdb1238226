import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/app.ts";
import { TEST_DIALECTS, type TestDatabase } from "../../test/databases.ts";
import { type createCapturedLogger, squaresGeoJson } from "../../test/factories.ts";
import { CONTENT_SECURITY_POLICY } from "./security-headers.ts";

describe.each(TEST_DIALECTS)("HTTP app on %s", (dialect) => {
  let harness: TestApp;
  let test: TestDatabase;
  let app: FastifyInstance;
  let log: ReturnType<typeof createCapturedLogger>;

  beforeEach(async () => {
    harness = await createTestApp(dialect);
    ({ app, test, log } = harness);
    await harness.services.areas.importAreas(squaresGeoJson(), {
      kind: "community-area",
      nameProperty: "name",
    });
  });
  afterEach(() => harness.close());

  it("answers health, readiness and metrics", async () => {
    expect((await app.inject("/healthz")).json()).toEqual({ status: "ok" });
    const ready = await app.inject("/readyz");
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok" } });
    await app.inject("/api/areas");
    const metrics = await app.inject("/metrics");
    expect(metrics.body).toContain(
      'aviso_http_requests_total{method="GET",route="/api/areas",status="200"} 1',
    );
  });

  it("is not ready when the database is gone", async () => {
    await test.database.close();
    const ready = await app.inject("/readyz");
    expect(ready.statusCode).toBe(503);
    expect(ready.json().checks.database).toBe("unreachable");
  });

  it("lists areas, returns one, and looks up points by query and by body", async () => {
    const list = (await app.inject("/api/areas?kind=community-area")).json();
    expect(list.areas.map((a: { name: string }) => a.name)).toEqual(["East Square", "West Square"]);
    const one = await app.inject("/api/areas/community-area:west-square");
    expect(one.json()).toMatchObject({ name: "West Square", geometry: { type: "Polygon" } });
    const byQuery = (await app.inject("/api/areas/lookup?lat=41.82&lng=-87.68")).json();
    expect(byQuery.areas.map((a: { name: string }) => a.name)).toEqual(["West Square"]);
    const byBody = await app.inject({
      method: "POST",
      url: "/api/areas/lookup",
      payload: { lat: 41.82, lng: -87.62 },
    });
    expect(byBody.json().areas.map((a: { name: string }) => a.name)).toEqual(["East Square"]);
  });

  it("answers bad input with a named error in one shape, and changes nothing", async () => {
    const badKind = await app.inject("/api/areas?kind=county");
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json()).toMatchObject({
      error: { code: "VALIDATION_FAILED", details: { in: "querystring" } },
    });
    expect(badKind.json().error.message).toContain("kind");

    const badLat = (await app.inject("/api/areas/lookup?lat=200&lng=-87")).json();
    expect(badLat.error.details.fields[0].field).toBe("lat");
    const half = (await app.inject("/api/areas/lookup?lat=41.8")).json();
    expect(half.error.message).toContain("lng is required");

    const malformed = await app.inject({
      method: "POST",
      url: "/api/areas/lookup",
      headers: { "content-type": "application/json" },
      payload: '{"lat": 41.8,',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({
      error: { code: "INVALID_JSON" },
      requestId: expect.any(String),
    });

    const huge = await app.inject({
      method: "POST",
      url: "/api/areas/lookup",
      payload: { zip: "6".repeat(10_000) },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe("BODY_TOO_LARGE");

    const missing = await app.inject("/api/areas/community-area:atlantis");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("AREA_NOT_FOUND");
    expect((await app.inject("/api/nothing-here")).json().error.code).toBe("ROUTE_NOT_FOUND");

    expect((await app.inject("/api/areas")).json().areas).toHaveLength(2);
  });

  it("sends strict security headers on every answer", async () => {
    for (const url of ["/", "/api/areas", "/api/nothing-here"]) {
      const response = await app.inject(url);
      expect(response.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
      expect(response.headers["referrer-policy"]).toBe("no-referrer");
      expect(response.headers["strict-transport-security"]).toContain("max-age=");
    }
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|'unsafe-eval'/);
  });

  it("publishes OpenAPI generated from the schemas", async () => {
    const spec = (await app.inject("/api/docs/json")).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(["/api/areas", "/api/areas/lookup", "/api/areas/{id}"]),
    );
    expect(spec.paths["/api/areas"].get.parameters[0]).toMatchObject({ name: "kind", in: "query" });
    expect((await app.inject("/api/docs")).statusCode).toBeLessThan(400);
  });

  it("logs requests without query strings or client addresses", async () => {
    await app.inject({
      url: "/api/areas/lookup?lat=41.8241&lng=-87.6801",
      remoteAddress: "203.0.113.77",
    });
    const text = log.text();
    expect(text).toContain('"path":"/api/areas/lookup"');
    expect(text).not.toContain("41.8241");
    expect(text).not.toContain("203.0.113.77");
  });
});
