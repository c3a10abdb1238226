import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import { AppError } from "../errors.ts";

export interface RateLimits {
  perClientPerMinute: number;
  globalPerMinute: number;
}

/**
 * Per-client limits on the API (by address, held in memory only, never logged or stored) with
 * stricter ones on sign-in and invitation routes, plus one global ceiling so a flood spread over many
 * addresses still cannot bury the hotline. Both answer 429 with the usual error body.
 */
export async function registerRateLimits(app: FastifyInstance, limits: RateLimits): Promise<void> {
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
