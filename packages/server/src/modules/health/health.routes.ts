import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { HealthService } from "./health.service.ts";

const Ready = z.object({
  status: z.enum(["ready", "not_ready"]),
  checks: z.object({ database: z.string(), migrations: z.string() }),
});

/** `/healthz`: the process answers. `/readyz`: the database answers and is fully migrated. */
export function healthRoutes(health: HealthService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/healthz",
      { schema: { tags: ["ops"], response: { 200: z.object({ status: z.literal("ok") }) } } },
      async () => ({ status: "ok" as const }),
    );
    app.get(
      "/readyz",
      { schema: { tags: ["ops"], response: { 200: Ready, 503: Ready } } },
      async (_request, reply) => {
        const { ready, checks } = await health.readiness();
        return reply
          .status(ready ? 200 : 503)
          .send({ status: ready ? "ready" : "not_ready", checks });
      },
    );
  };
}
