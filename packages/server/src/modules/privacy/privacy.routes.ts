import { DataCategory } from "@aviso/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { PrivacyService } from "./privacy.service.ts";

export function privacyRoutes(privacy: PrivacyService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/admin/data-inventory",
      {
        schema: {
          tags: ["privacy"],
          summary: "Every category of personal data held, with counts and retention rules",
          response: {
            200: z.object({ generatedAt: z.string(), categories: z.array(DataCategory) }),
          },
        },
      },
      async () => ({
        generatedAt: new Date().toISOString(),
        categories: await privacy.dataInventory(),
      }),
    );
  };
}
