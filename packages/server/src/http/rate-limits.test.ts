import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { registerErrorHandler } from "./error-handler.ts";
import { type RateLimits, registerRateLimits } from "./rate-limits.ts";

/** An app with one route that allows 2 requests a minute per client, as routes declare theirs. */
async function appWith(limits: RateLimits) {
  const app = Fastify();
  registerErrorHandler(app);
  await registerRateLimits(app, limits);
  await app.register(async (scope) => {
    scope.post(
      "/api/strict",
      { config: { rateLimit: { max: 2, timeWindow: "1 minute" } } },
      () => ({
        ok: true,
      }),
    );
  });
  return app;
}

async function statuses(app: Awaited<ReturnType<typeof appWith>>, count: number) {
  const codes: number[] = [];
  for (let i = 0; i < count; i++)
    codes.push((await app.inject({ method: "POST", url: "/api/strict" })).statusCode);
  await app.close();
  return codes;
}

describe("rate limits", () => {
  it("keeps a route's own limit unless a benchmark scales it", async () => {
    const base = { perClientPerMinute: 1000, globalPerMinute: 1000 };
    expect(await statuses(await appWith(base), 3)).toEqual([200, 200, 429]);
    expect(await statuses(await appWith({ ...base, routeLimitScale: 1 }), 3)).toEqual([
      200, 200, 429,
    ]);
    expect(await statuses(await appWith({ ...base, routeLimitScale: 3 }), 7)).toEqual([
      200, 200, 200, 200, 200, 200, 429,
    ]);
  });
});
