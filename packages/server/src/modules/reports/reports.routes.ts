import { ReportView } from "@aviso/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireStaff } from "../../http/access.ts";
import type { IncidentsService } from "../incidents/incidents.service.ts";
import { MAX_PHOTO_BASE64, MAX_PHOTO_BYTES } from "../photos/photos.service.ts";
import { NewReport, type ReportsService } from "./reports.service.ts";

const tags = ["reports"];
const Receipt = z.object({ id: z.string(), receipt: z.string() });
/** Room for one photo in base64 and the report around it. */
const REPORT_BODY_LIMIT = MAX_PHOTO_BASE64 + 32_768;
const tooLarge = `The report is too large: a photo may be up to ${MAX_PHOTO_BYTES / 1024 / 1024} MB.`;

/** Public intake of reports, and the staff's audited reading and discarding of them. */
export function reportsRoutes(
  reports: ReportsService,
  incidents: IncidentsService,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/api/reports",
      {
        schema: {
          tags,
          summary:
            "Report enforcement activity (SALUTE); staff check it before anything is broadcast",
          body: NewReport,
          response: { 201: Receipt },
        },
        bodyLimit: REPORT_BODY_LIMIT,
        config: {
          floodGuard: true,
          rateLimit: { max: 10, timeWindow: "1 minute" },
          tooLargeMessage: tooLarge,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await reports.submit(request.body, "web", { id: null, role: "reporter" })),
    );
    app.post(
      "/api/reports/operator",
      {
        schema: {
          tags,
          summary: "An operator takes a report during a call (same fields, no rate limit)",
          body: NewReport,
          response: { 201: Receipt },
        },
        bodyLimit: REPORT_BODY_LIMIT,
        config: { tooLargeMessage: tooLarge },
      },
      async (request, reply) => {
        const staff = requireStaff(request);
        return reply
          .status(201)
          .send(
            await reports.submit(request.body, "operator", { id: staff.userId, role: staff.role }),
          );
      },
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
              reports: z.array(ReportView),
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
      "/api/reports/:id/follow-up",
      {
        schema: {
          tags,
          summary: "Text the reporter one question about their report (to the number they left)",
          params: z.object({ id: z.string().min(1).max(64) }),
          body: z.strictObject({
            question: z.string().trim().min(1, "write the question").max(300),
          }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const staff = requireStaff(request);
        await reports.askFollowUp(request.params.id, request.body.question, {
          id: staff.userId,
          role: staff.role,
        });
        return reply.status(204).send(null);
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
        const actor = { id: staff.userId, role: staff.role };
        await reports.discardPersonalDetails(request.params.id, actor);
        // A report about a person never stays in an incident that could be dispatched.
        await incidents.detach(request.params.id, actor);
        return reply.status(204).send(null);
      },
    );
  };
}
