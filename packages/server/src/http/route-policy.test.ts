import { randomUUID } from "node:crypto";
import type { StaffRole } from "@aviso/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/app.ts";
import { SYSTEM } from "../modules/audit/audit.service.ts";
import { listRoutes } from "./access.ts";
import { POLICY } from "./policies.ts";
import { accessFor, isAllowed, type PolicyTable } from "./policy.ts";

const ROLES: StaffRole[] = ["admin", "dispatcher", "responder", "case_worker"];

/** Routes that no policy line names: each is refused to everyone, and this test fails on it. */
function routesWithoutPolicy(app: TestApp["app"], policy: PolicyTable): string[] {
  return listRoutes(app)
    .filter((route) => accessFor(policy, route.method, route.url) === undefined)
    .map((route) => `${route.method} ${route.url}`);
}

/** Streams never finish an injected request; they are checked for refusals only (and open in events.test.ts). */
const STREAMS = new Set(["GET /api/events"]);

const concrete = (url: string) =>
  url.replace(/:[a-zA-Z]+/g, () => randomUUID()).replace(/\*$/, "x");

describe("route × role", () => {
  let harness: TestApp;
  const users = new Map<StaffRole, string>();

  beforeAll(async () => {
    harness = await createTestApp("sqlite");
    for (const role of ROLES) {
      const { user } = await harness.services.users.addUser(
        { email: `${role}@policy.aviso.invalid`, name: role, role },
        SYSTEM,
      );
      await harness.services.users.setCredentials(
        user.id,
        "policy test password",
        "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
      );
      users.set(role, user.id);
    }
  });
  afterAll(() => harness.close());

  it("every registered route has a policy line", () => {
    expect(listRoutes(harness.app).length).toBeGreaterThan(20);
    expect(routesWithoutPolicy(harness.app, POLICY)).toEqual([]);
  });

  it("answers every route as every role and anonymous exactly as the policy says", async () => {
    const mismatches: string[] = [];
    for (const route of listRoutes(harness.app)) {
      const access = accessFor(POLICY, route.method, route.url);
      if (access === undefined) continue;
      for (const role of [undefined, ...ROLES]) {
        if (STREAMS.has(`${route.method} ${route.url}`) && isAllowed(access, role)) continue;
        const headers: Record<string, string> = {};
        if (role) {
          const { token, identity } = await harness.services.sessions.create(
            users.get(role) ?? "",
            role,
            "policy-test",
          );
          headers.cookie = `__Host-aviso_session=${token}`;
          headers["x-csrf-token"] = identity.csrfToken;
        }
        const hasBody =
          route.method === "POST" || route.method === "PUT" || route.method === "PATCH";
        const response = await harness.app.inject({
          method: route.method as "GET",
          url: concrete(route.url),
          headers,
          ...(hasBody ? { payload: {} } : {}),
        });
        const allowed = isAllowed(access, role);
        // A refusal by the policy, not a route's own check (a webhook's signature, say).
        const isJson = String(response.headers["content-type"] ?? "").includes("json");
        const code: unknown = isJson ? response.json()?.error?.code : undefined;
        const byPolicy =
          code === "SIGN_IN_REQUIRED" || code === "FORBIDDEN" || code === "NO_POLICY";
        const refusedWith = byPolicy ? response.statusCode : undefined;
        const expected = allowed ? undefined : role ? 403 : 401;
        if (refusedWith !== expected) {
          mismatches.push(
            `${route.method} ${route.url} as ${role ?? "anonymous"}: ${response.statusCode} (expected ${expected ?? "not refused"})`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("fails for a route whose policy line is removed, and refuses that route to everyone", async () => {
    const { "GET /api/areas": _removed, ...withoutOne } = POLICY;
    const trimmed = await createTestApp("sqlite", { policy: withoutOne });
    try {
      expect(routesWithoutPolicy(trimmed.app, withoutOne)).toEqual(["GET /api/areas"]);
      const response = await trimmed.app.inject("/api/areas");
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe("NO_POLICY");
    } finally {
      await trimmed.close();
    }
  });
});
