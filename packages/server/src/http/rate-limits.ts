import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import { AppError } from "../errors.ts";

export interface RateLimits {
  perClientPerMinute: number;
  globalPerMinute: number;
  /**
   * Multiplies every route's own per-client limit (`config.rateLimit.max`: 10 reports a minute,
   * 5 sign-in codes…). For benchmarks only (`aviso bench intake` must measure the route, not its
   * 429s); the limiter still runs. Left out, or 1, the limits are exactly as the routes declare.
   */
  routeLimitScale?: number;
}

/**
 * Per-client limits on the API (by address, held in memory only, never logged or stored) with
 * stricter ones on sign-in and invitation routes, plus one global ceiling so a flood spread over many
 * addresses still cannot bury the hotline. Both answer 429 with the usual error body.
 */
export async function registerRateLimits(app: FastifyInstance, limits: RateLimits): Promise<void> {
  const scale = limits.routeLimitScale ?? 1;
  if (scale !== 1) {
    // Before the plugin's own onRoute hook, which reads the route's limit as it finds it.
    app.addHook("onRoute", (route) => {
      const own = route.config?.rateLimit;
      if (own && typeof own.max === "number")
        route.config = { ...route.config, rateLimit: { ...own, max: own.max * scale } };
    });
  }
  let windowStart = Date.now();
  let used = 0;
  app.addHook("onRequest", async (request, reply) => {
    if (request.url === "/healthz" || request.url === "/readyz" || request.url === "/metrics")
      return;
    const now = Date.now();
    if (now - windowStart >= 60_000) {
      windowStart = now;
      used = 0;
    }
    if (++used > limits.globalPerMinute) {
      const retryAfter = Math.ceil((windowStart + 60_000 - now) / 1000);
      reply.header("retry-after", String(retryAfter));
      throw new AppError(
        "rate_limited",
        "RATE_LIMITED_GLOBAL",
        `The service is very busy. Try again in ${retryAfter} seconds.`,
        { retryAfterSeconds: retryAfter },
      );
    }
  });
  await app.register(fastifyRateLimit, {
    global: true,
    max: limits.perClientPerMinute,
    timeWindow: "1 minute",
    // Pages and their files are cheap and cached; per-client limits guard the API. Many
    // residents can share one address (mobile carriers' NAT), so pages must not run out.
    allowList: (request) => !request.url.startsWith("/api/"),
    errorResponseBuilder: (_request, context) =>
      new AppError(
        "rate_limited",
        "RATE_LIMITED",
        `Too many requests. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
        {
          retryAfterSeconds: Math.ceil(context.ttl / 1000),
        },
      ),
  });
}
