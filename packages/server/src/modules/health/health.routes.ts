import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import { pendingMigrations } from "../../db/database.ts";
import type { DatabaseDialect } from "../../db/dialects/dialect.ts";

const Ready = z.object({
  status: z.enum(["ready", "not_ready"]),
  checks: z.object({ database: z.string(), migrations: z.string() }),
});

/** `/healthz`: the process answers. `/readyz`: the database answers and is fully migrated. */
export function healthRoutes(database: DatabaseDialect): FastifyPluginAsyncZod {
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
        let databaseCheck = "ok";
        let migrationsCheck = "ok";
        try {
          await sql`select 1`.execute(database.db);
          const pending = await pendingMigrations(database);
          if (pending.length > 0) migrationsCheck = `${pending.length} pending`;
        } catch {
          databaseCheck = "unreachable";
          migrationsCheck = "unknown";
        }
        const ready = databaseCheck === "ok" && migrationsCheck === "ok";
        return reply.status(ready ? 200 : 503).send({
          status: ready ? "ready" : "not_ready",
          checks: { database: databaseCheck, migrations: migrationsCheck },
        });
      },
    );
  };
}
