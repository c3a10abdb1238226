import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireStaff } from "../../http/access.ts";
import { TIP_FLAGS } from "./hostile-tip.ts";
import { NewReport, type ReportsService } from "./reports.service.ts";

const tags = ["reports"];
const optional = z.string().optional();

/** Public intake of reports, and the staff's audited reading and discarding of them. */
export function reportsRoutes(reports: ReportsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/api/reports",
      {
        schema: {
          tags,
          summary:
            "Report enforcement activity (SALUTE); staff check it before anything is broadcast",
          body: NewReport,
          response: { 201: z.object({ id: z.string(), receipt: z.string() }) },
        },
        bodyLimit: 16_384,
        config: { floodGuard: true, rateLimit: { max: 10, timeWindow: "1 minute" } },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await reports.submit(request.body, "web", { id: null, role: "reporter" })),
    );
    app.get(
      "/api/reports",
      {
        schema: {
          tags,
          summary: "The latest reports with what they say (an audited read)",
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
          response: {
            200: z.object({
              reports: z.array(
                z.object({
                  id: z.string(),
                  receipt: z.string(),
                  source: z.string(),
                  language: z.string(),
                  status: z.string(),
                  areaName: z.string().nullable(),
                  precision: z.string(),
                  details: z.object({
                    size: optional,
                    activity: z.string(),
                    place: optional,
                    uniform: optional,
                    equipment: optional,
                    note: optional,
                  }),
                  hasReplyNumber: z.boolean(),
                  flags: z.array(z.enum(TIP_FLAGS)),
                  seenAt: z.string(),
                  createdAt: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const staff = requireStaff(request);
        return {
          reports: await reports.latest(
            request.query.limit,
            { id: staff.userId, role: staff.role },
            "console.reports",
          ),
        };
      },
    );
    app.post(
      "/api/reports/:id/discard-details",
      {
        schema: {
          tags,
          summary: "Remove the personal details from a report about a person (audited)",
          params: z.object({ id: z.string().min(1).max(64) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const staff = requireStaff(request);
        await reports.discardPersonalDetails(request.params.id, {
          id: staff.userId,
          role: staff.role,
        });
        return reply.status(204).send(null);
      },
    );
  };
}
