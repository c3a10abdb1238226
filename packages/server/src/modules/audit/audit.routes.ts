import { AuditEntryView } from "@aviso/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AuditService } from "./audit.service.ts";

/** Admins browse the audit trail, newest first, page by page. */
export function auditRoutes(audit: AuditService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/audit",
      {
        schema: {
          tags: ["audit"],
          summary: "Audit entries, newest first",
          querystring: z.object({
            before: z.coerce.number().int().positive().optional(),
            action: z
              .string()
              .regex(/^[a-z_.]{1,60}$/, "letters, dots and underscores")
              .optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: z.object({ entries: z.array(AuditEntryView) }) },
        },
      },
      async (request) => {
        const { before, action, limit } = request.query;
        return {
          entries: await audit.latest({
            limit,
            ...(before ? { beforeSeq: before } : {}),
            ...(action ? { action } : {}),
          }),
        };
      },
    );
  };
}
